package forum_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// recordedJobs keeps what the forum queues, in place of the job queue.
type recordedJobs struct {
	mu   sync.Mutex
	jobs []river.JobArgs
}

func (j *recordedJobs) Enqueue(_ context.Context, _ *store.Store, jobs ...river.JobArgs) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.jobs = append(j.jobs, jobs...)
	return nil
}

func (j *recordedJobs) federated() []forum.FederateArgs {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []forum.FederateArgs
	for _, a := range j.jobs {
		if f, ok := a.(forum.FederateArgs); ok {
			out = append(out, f)
		}
	}
	return out
}

func newJobsEnv(t *testing.T) (*env, *recordedJobs) {
	t.Helper()
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	jobs := &recordedJobs{}
	svc, err := forum.Open(ctx, st, "https", host, forum.WithJobs(jobs))
	if err != nil {
		t.Fatalf("forum.Open: %v", err)
	}
	return &env{t: t, ctx: ctx, st: st, svc: svc}, jobs
}

func (e *env) remotePerson(name string) store.Person {
	e.t.Helper()
	inst, err := e.st.UpsertInstance(e.ctx, "remote.example")
	if err != nil {
		e.t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := e.st.UpsertRemotePerson(e.ctx, store.NewPerson{APID: "https://remote.example/u/" + name,
		InstanceID: inst.ID, Name: name, InboxURL: "https://remote.example/u/" + name + "/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

func (e *env) messageCount() int {
	e.t.Helper()
	var n int
	if err := e.st.PgxPool().QueryRow(e.ctx, `SELECT count(*) FROM private_messages`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestSendPrivateMessageLocalAndRemote(t *testing.T) {
	t.Parallel()
	e, jobs := newJobsEnv(t)
	alice, bob := e.createUser("alice"), e.createUser("bob")
	carol := e.remotePerson("carol")

	m, err := e.svc.SendPrivateMessage(e.ctx, alice, bob.ID, "  Lunch on *Friday*?  ")
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "Lunch on *Friday*?" || !strings.Contains(m.ContentHTML, "<em>Friday</em>") || !m.Local ||
		m.APID != "https://"+host+"/private_message/"+strconv.FormatInt(m.ID, 10) || m.Read || m.Deleted {
		t.Errorf("stored %+v", m)
	}
	if n := len(jobs.federated()); n != 0 {
		t.Errorf("a message between two people here queued %d federate jobs, want none", n)
	}
	if n, err := e.svc.UnreadPrivateMessages(e.ctx, bob); err != nil || n != 1 {
		t.Errorf("bob's unread = %d, %v; want 1", n, err)
	}
	if n, _ := e.svc.UnreadPrivateMessages(e.ctx, alice); n != 0 {
		t.Errorf("alice's unread = %d, want 0: her own message is not unread for her", n)
	}

	toCarol, err := e.svc.SendPrivateMessage(e.ctx, alice, carol.ID, "Hello over there")
	if err != nil {
		t.Fatal(err)
	}
	want := forum.FederateArgs{Action: forum.FederateCreatePrivateMessage, PrivateMessageID: toCarol.ID}
	if got := jobs.federated(); len(got) != 1 || got[0] != want {
		t.Errorf("queued %+v, want %+v", got, want)
	}

	cs, err := e.svc.Conversations(e.ctx, alice)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].OtherName != "carol" || cs[1].OtherName != "bob" || cs[1].Unread != 0 {
		t.Errorf("alice's conversations = %+v, want carol then bob", cs)
	}
	bcs, _ := e.svc.Conversations(e.ctx, bob)
	if len(bcs) != 1 || bcs[0].OtherName != "alice" || bcs[0].Unread != 1 {
		t.Errorf("bob's conversations = %+v, want alice with one unread", bcs)
	}
}

func TestSendPrivateMessageRefusals(t *testing.T) {
	t.Parallel()
	e, jobs := newJobsEnv(t)
	alice, bob := e.createUser("alice"), e.createUser("bob")
	gone, banned := e.createUser("gone"), e.createUser("banned")
	if _, err := e.st.PgxPool().Exec(e.ctx, `UPDATE people SET deleted = true WHERE id = $1`, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetPersonBanned(e.ctx, banned.ID, true, "spam"); err != nil {
		t.Fatal(err)
	}
	bannedUser, err := e.st.LocalUserByID(e.ctx, banned.ID)
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name    string
		from    store.LocalUser
		to      int64
		text    string
		field   string
		contain string
	}{
		{"empty", alice, bob.ID, "   \n ", "content", "empty"},
		{"too long", alice, bob.ID, strings.Repeat("é", forum.MaxPrivateMessageLen+1), "content", "too long"},
		{"to oneself", alice, alice.ID, "hi me", "to", "yourself"},
		{"to a deleted account", alice, gone.ID, "hi", "to", "deleted their account"},
		{"to a banned account", alice, banned.ID, "hi", "to", "banned"},
	} {
		_, err := e.svc.SendPrivateMessage(e.ctx, c.from, c.to, c.text)
		ie := inputError(t, c.name, err, c.field)
		if !strings.Contains(ie.Msg, c.contain) {
			t.Errorf("%s: %q does not say %q", c.name, ie.Msg, c.contain)
		}
	}
	if _, err := e.svc.SendPrivateMessage(e.ctx, alice, 987654, "hi"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("to nobody: %v, want ErrNotFound", err)
	}
	if _, err := e.svc.SendPrivateMessage(e.ctx, bannedUser, bob.ID, "hi"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("from a banned person: %v, want ErrForbidden", err)
	}
	if _, err := e.svc.SendPrivateMessage(e.ctx, alice, bob.ID, strings.Repeat("é", forum.MaxPrivateMessageLen)); err != nil {
		t.Errorf("a message of exactly the limit: %v", err)
	}
	if n := e.messageCount(); n != 1 {
		t.Errorf("%d messages stored, want only the one of exactly the limit", n)
	}
	if n := len(jobs.federated()); n != 0 {
		t.Errorf("refusals queued %d jobs", n)
	}
}

func TestEditDeleteAndReadPrivateMessage(t *testing.T) {
	t.Parallel()
	e, jobs := newJobsEnv(t)
	alice, bob, eve := e.createUser("alice"), e.createUser("bob"), e.createUser("eve")
	carol := e.remotePerson("carol")
	m, err := e.svc.SendPrivateMessage(e.ctx, alice, bob.ID, "first")
	if err != nil {
		t.Fatal(err)
	}

	// The recipient may not change it; a third person does not see it.
	if _, err := e.svc.EditPrivateMessage(e.ctx, bob, m.ID, "forged"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("recipient's edit: %v, want ErrForbidden", err)
	}
	if _, err := e.svc.DeletePrivateMessage(e.ctx, bob, m.ID, true); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("recipient's delete: %v, want ErrForbidden", err)
	}
	for what, err := range map[string]error{
		"edit":   second(e.svc.EditPrivateMessage(e.ctx, eve, m.ID, "forged")),
		"delete": second(e.svc.DeletePrivateMessage(e.ctx, eve, m.ID, true)),
		"read":   second(e.svc.PrivateMessage(e.ctx, eve, m.ID)),
		"mark":   e.svc.MarkPrivateMessagesRead(e.ctx, eve, 0, m.ID),
	} {
		if !errors.Is(err, forum.ErrNotFound) {
			t.Errorf("a third person's %s: %v, want ErrNotFound", what, err)
		}
	}
	if err := e.svc.MarkPrivateMessagesRead(e.ctx, alice, 0, m.ID); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("the author marking her own message read: %v, want ErrForbidden", err)
	}
	got, _ := e.st.PrivateMessageByID(e.ctx, m.ID)
	if got.Content != "first" || got.Deleted || got.Read || got.Updated != nil {
		t.Errorf("after refusals: %+v, want it unchanged", got)
	}

	edited, err := e.svc.EditPrivateMessage(e.ctx, alice, m.ID, "first, *edited*")
	if err != nil {
		t.Fatal(err)
	}
	if edited.Content != "first, *edited*" || edited.Updated == nil {
		t.Errorf("edited: %+v", edited)
	}
	if _, err := e.svc.EditPrivateMessage(e.ctx, alice, m.ID, ""); err == nil {
		t.Error("an edit to nothing was accepted")
	}
	if err := e.svc.MarkPrivateMessagesRead(e.ctx, bob, 0, m.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := e.svc.UnreadPrivateMessages(e.ctx, bob); n != 0 {
		t.Errorf("bob's unread after reading = %d", n)
	}
	deleted, err := e.svc.DeletePrivateMessage(e.ctx, alice, m.ID, true)
	if err != nil || !deleted.Deleted {
		t.Fatalf("delete: %+v, %v", deleted, err)
	}
	if _, err := e.svc.DeletePrivateMessage(e.ctx, alice, m.ID, true); !forum.IsInputError(err) {
		t.Errorf("deleting twice: %v, want an input error", err)
	}
	if _, err := e.svc.EditPrivateMessage(e.ctx, alice, m.ID, "again"); !forum.IsInputError(err) {
		t.Errorf("editing a deleted message: %v, want an input error", err)
	}
	if n := len(jobs.federated()); n != 0 {
		t.Errorf("changes between local people queued %d jobs", n)
	}

	// Changes to a message for another server are sent there.
	r, err := e.svc.SendPrivateMessage(e.ctx, alice, carol.ID, "hi carol")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.EditPrivateMessage(e.ctx, alice, r.ID, "hi Carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.DeletePrivateMessage(e.ctx, alice, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.DeletePrivateMessage(e.ctx, alice, r.ID, false); err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, f := range jobs.federated() {
		actions = append(actions, f.Action+map[bool]string{true: "+", false: ""}[f.Deleted])
	}
	if strings.Join(actions, " ") != "create_private_message update_private_message delete_private_message+ delete_private_message" {
		t.Errorf("queued %v", actions)
	}
}

func TestRemotePrivateMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	bob := e.createUser("bob")
	carol, mallory := e.remotePerson("carol"), e.remotePerson("mallory")
	in := forum.RemotePrivateMessage{APID: "https://remote.example/private_message/1", RecipientID: bob.ID,
		Text: "hello bob", HTML: "<p>hello bob</p>"}
	if err := e.svc.CreateRemotePrivateMessage(e.ctx, "https://remote.example/activities/create/1", carol.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.CreateRemotePrivateMessage(e.ctx, "https://remote.example/activities/create/1", carol.ID, in); !errors.Is(err, forum.ErrDuplicate) {
		t.Errorf("the same Create again: %v, want ErrDuplicate", err)
	}
	if err := e.svc.CreateRemotePrivateMessage(e.ctx, "https://remote.example/activities/create/2", carol.ID, in); !errors.Is(err, forum.ErrDuplicate) {
		t.Errorf("another Create of the same message: %v, want ErrDuplicate", err)
	}
	if n := e.messageCount(); n != 1 {
		t.Errorf("%d messages after re-deliveries, want 1", n)
	}
	edit := in
	edit.Text, edit.HTML = "forged", "<p>forged</p>"
	if err := e.svc.UpdateRemotePrivateMessage(e.ctx, "https://remote.example/activities/update/1", mallory.ID, edit); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("another person's Update: %v, want ErrForbidden", err)
	}
	if err := e.svc.DeleteRemotePrivateMessage(e.ctx, "https://remote.example/activities/delete/1", mallory.ID, in.APID, true); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("another person's Delete: %v, want ErrForbidden", err)
	}
	m, _ := e.st.PrivateMessageByAPID(e.ctx, in.APID)
	if m.Content != "hello bob" || m.Deleted {
		t.Errorf("after forgeries: %+v", m)
	}
	edit.Text, edit.HTML = "hello Bob", "<p>hello Bob</p>"
	if err := e.svc.UpdateRemotePrivateMessage(e.ctx, "https://remote.example/activities/update/2", carol.ID, edit); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.DeleteRemotePrivateMessage(e.ctx, "https://remote.example/activities/delete/2", carol.ID, in.APID, true); err != nil {
		t.Fatal(err)
	}
	m, _ = e.st.PrivateMessageByAPID(e.ctx, in.APID)
	if m.Content != "hello Bob" || m.Updated == nil || !m.Deleted || m.Local {
		t.Errorf("after the author's edit and deletion: %+v", m)
	}

	// For nobody here, or from someone to themselves: refused, nothing stored.
	other := forum.RemotePrivateMessage{APID: "https://remote.example/private_message/2", RecipientID: mallory.ID,
		Text: "x", HTML: "<p>x</p>"}
	if err := e.svc.CreateRemotePrivateMessage(e.ctx, "https://remote.example/activities/create/3", carol.ID, other); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("a message for a remote person: %v, want ErrNotFound", err)
	}
	if n := e.messageCount(); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
}

func second[T any](_ T, err error) error { return err }
