package forum_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// queued records the jobs a service enqueues.
type queued struct {
	mu   sync.Mutex
	jobs []river.JobArgs
}

func (q *queued) Enqueue(_ context.Context, _ *store.Store, jobs ...river.JobArgs) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, jobs...)
	return nil
}

func (q *queued) mails() []forum.SendMailArgs {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []forum.SendMailArgs
	for _, j := range q.jobs {
		if m, ok := j.(forum.SendMailArgs); ok {
			out = append(out, m)
		}
	}
	return out
}

func newMailEnv(t *testing.T, mail bool) (*env, *queued) {
	t.Helper()
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	q := &queued{}
	opts := []forum.Option{forum.WithJobs(q)}
	if mail {
		opts = append(opts, forum.WithMail())
	}
	svc, err := forum.Open(ctx, st, "https", host, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: ctx, st: st, svc: svc}, q
}

// NotifyByEmail queues a mail only for a local person who asked for them
// and has a verified address, on a site that sends mail; the mail says
// how to stop them.
func TestNotifyByEmail(t *testing.T) {
	t.Parallel()
	e, q := newMailEnv(t, true)
	ann, bob, cid := e.createUser("ann"), e.createUser("bob"), e.createUser("cid")
	for _, u := range []store.LocalUser{ann, bob} {
		if err := e.st.SetEmail(e.ctx, u.ID, u.Name+"@example.org", true); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.st.SetEmail(e.ctx, cid.ID, "cid@example.org", false); err != nil {
		t.Fatal(err)
	}
	ann, _ = e.st.LocalUserByID(e.ctx, ann.ID)
	cid, _ = e.st.LocalUserByID(e.ctx, cid.ID)
	if err := e.svc.SetEmailNotifications(e.ctx, ann, true); err != nil {
		t.Fatal(err)
	}
	inputError(t, "notifications to an unverified address", e.svc.SetEmailNotifications(e.ctx, cid, true), "email_notifications")
	err := e.st.InTx(e.ctx, func(tx *store.Store) error {
		for _, u := range []store.LocalUser{ann, bob, cid} {
			if err := e.svc.NotifyByEmail(e.ctx, tx, u.ID, "bob replied to you", "Nice post!"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mails := q.mails()
	if len(mails) != 1 || mails[0].PersonID != ann.ID || mails[0].Purpose != forum.MailNotification {
		t.Fatalf("queued %+v, want ann's notification alone", mails)
	}
	m, ok, err := e.svc.ComposeMail(e.ctx, mails[0])
	if err != nil || !ok || m.To != "ann@example.org" || m.Subject != "bob replied to you" ||
		!strings.Contains(m.Text, "Nice post!") || !strings.Contains(m.Text, "https://"+host+"/settings#account") {
		t.Errorf("composed %+v, %v, %v", m, ok, err)
	}

	// Without mail, nothing is queued, whatever the person chose.
	off, offq := newMailEnv(t, false)
	dan := off.createUser("dan")
	if err := off.st.SetEmail(off.ctx, dan.ID, "dan@example.org", true); err != nil {
		t.Fatal(err)
	}
	if err := off.st.SetEmailNotifications(off.ctx, dan.ID, true); err != nil {
		t.Fatal(err)
	}
	err = off.st.InTx(off.ctx, func(tx *store.Store) error {
		return off.svc.NotifyByEmail(off.ctx, tx, dan.ID, "x", "y")
	})
	if err != nil || len(offq.mails()) != 0 {
		t.Errorf("without mail: %v, queued %+v", err, offq.mails())
	}
}

// A reset mail's link is made when the mail is written; only its hash is
// stored, and it goes to the account's address.
func TestComposeResetMail(t *testing.T) {
	t.Parallel()
	e, _ := newMailEnv(t, true)
	ann := e.createUser("ann")
	if err := e.st.SetEmail(e.ctx, ann.ID, "ann@example.org", false); err != nil {
		t.Fatal(err)
	}
	m, ok, err := e.svc.ComposeMail(e.ctx, forum.SendMailArgs{PersonID: ann.ID, Purpose: forum.MailResetPassword})
	if err != nil || !ok || m.To != "ann@example.org" {
		t.Fatalf("composed %+v, %v, %v", m, ok, err)
	}
	i := strings.Index(m.Text, "https://"+host+"/password_reset/")
	if i < 0 {
		t.Fatalf("no link in %q", m.Text)
	}
	token := strings.Fields(m.Text[i+len("https://"+host+"/password_reset/"):])[0]
	if len(token) < 43 {
		t.Errorf("token %q is shorter than 256 bits", token)
	}
	if err := e.svc.CheckResetLink(e.ctx, token); err != nil {
		t.Errorf("the fresh link: %v", err)
	}
	// An account deleted meanwhile gets nothing.
	if err := e.svc.DeleteAccount(e.ctx, ann, forum.AccountDeletion{Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := e.svc.ComposeMail(e.ctx, forum.SendMailArgs{PersonID: ann.ID, Purpose: forum.MailResetPassword}); ok || err != nil {
		t.Errorf("mail to a deleted account: %v, %v", ok, err)
	}
}
