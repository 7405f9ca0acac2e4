package forum_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A reset link mailed to an address the account has since replaced no
// longer works: whoever reads the old mailbox cannot take the account.
func TestResetLinkVoidAfterEmailChange(t *testing.T) {
	t.Parallel()
	e, _ := newMailEnv(t, true)
	ann := e.createUser("ann")
	if err := e.st.SetEmail(e.ctx, ann.ID, "old@example.org", true); err != nil {
		t.Fatal(err)
	}
	m, ok, err := e.svc.ComposeMail(e.ctx, forum.SendMailArgs{PersonID: ann.ID, Purpose: forum.MailResetPassword})
	if err != nil || !ok {
		t.Fatalf("composed %+v, %v, %v", m, ok, err)
	}
	prefix := "https://" + host + "/password_reset/"
	token := strings.Fields(m.Text[strings.Index(m.Text, prefix)+len(prefix):])[0]
	if err := e.st.SetEmail(e.ctx, ann.ID, "new@example.org", true); err != nil {
		t.Fatal(err)
	}
	inputError(t, "checking a link to the old address", e.svc.CheckResetLink(e.ctx, token), forum.LinkInvalid)
	err = e.svc.ResetPasswordByLink(e.ctx, token, "a stolen new password", "a stolen new password")
	inputError(t, "a link to the old address", err, forum.LinkInvalid)
	if _, err := e.svc.Authenticate(e.ctx, "ann", "correct horse battery"); err != nil {
		t.Errorf("the old password stopped working: %v", err)
	}
}

// Changing one's password voids the reset links asked for before it.
func TestPasswordChangeVoidsResetLinks(t *testing.T) {
	t.Parallel()
	e, _ := newMailEnv(t, true)
	ann := e.createUser("ann")
	if err := e.st.SetEmail(e.ctx, ann.ID, "ann@example.org", true); err != nil {
		t.Fatal(err)
	}
	m, ok, err := e.svc.ComposeMail(e.ctx, forum.SendMailArgs{PersonID: ann.ID, Purpose: forum.MailResetPassword})
	if err != nil || !ok {
		t.Fatalf("composed %+v, %v, %v", m, ok, err)
	}
	prefix := "https://" + host + "/password_reset/"
	token := strings.Fields(m.Text[strings.Index(m.Text, prefix)+len(prefix):])[0]
	if err := e.svc.ChangePassword(e.ctx, ann, forum.PasswordChange{Current: "correct horse battery",
		New: "a brand new secret", Again: "a brand new secret"}, ""); err != nil {
		t.Fatal(err)
	}
	err = e.svc.ResetPasswordByLink(e.ctx, token, "an older link's password", "an older link's password")
	inputError(t, "a link from before the change", err, forum.LinkGone)
	if _, err := e.svc.Authenticate(e.ctx, "ann", "a brand new secret"); err != nil {
		t.Errorf("the changed password stopped working: %v", err)
	}
}
