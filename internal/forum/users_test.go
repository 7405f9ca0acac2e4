package forum_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestCreateUserRefusesBadNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, name := range []string{"", "ab", strings.Repeat("a", 21), "Alice", "bad-name", "élan", "al ice"} {
		_, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: name, Password: "long enough password"})
		ie := inputError(t, "name "+name, err, "name")
		if name != "" && !strings.Contains(ie.Msg, name) {
			t.Errorf("name %q: message %q does not say which name", name, ie.Msg)
		}
	}
	if users, err := e.svc.Users(e.ctx); err != nil || len(users) != 0 {
		t.Errorf("refused users were stored: %d, %v", len(users), err)
	}
}

func TestCreateUserChecksPasswordLength(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, pw := range []string{"", "123456789", strings.Repeat("x", 61)} {
		_, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "alice", Password: pw})
		inputError(t, fmt.Sprintf("password of %d characters", len(pw)), err, "password")
	}
	if _, err := e.svc.User(e.ctx, "alice"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("user with a refused password exists: err = %v", err)
	}
	for _, pw := range []string{"1234567890", strings.Repeat("x", 60)} {
		name := fmt.Sprintf("user%d", len(pw))
		if _, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: name, Password: pw}); err != nil {
			t.Errorf("password of %d characters: %v", len(pw), err)
		}
	}
}

func TestCreateUserRefusesTakenName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.createUser("alice")
	_, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "alice", Password: "another password"})
	ie := inputError(t, "second alice", err, "name")
	if !strings.Contains(ie.Msg, "alice") {
		t.Errorf("message %q does not name alice", ie.Msg)
	}
	users, err := e.svc.Users(e.ctx)
	if err != nil || len(users) != 1 || users[0].ID != first.ID {
		t.Errorf("users after the refusal: %d, %v; want only the first alice", len(users), err)
	}
	// The first alice's password is unchanged.
	if ok, err := forum.VerifyPassword("correct horse battery", users[0].PasswordHash); err != nil || !ok {
		t.Errorf("first alice's password no longer verifies: %v, %v", ok, err)
	}
}

func TestCreateUserMakesAFederatedActor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "alice_1", Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	if u.APID != "https://test.example/u/alice_1" {
		t.Errorf("ap_id = %q, want https://test.example/u/alice_1", u.APID)
	}
	if u.InboxURL != u.APID+"/inbox" || u.SharedInboxURL != "https://test.example/inbox" {
		t.Errorf("inboxes = %q, %q", u.InboxURL, u.SharedInboxURL)
	}
	if !u.Local || u.Domain != host || u.Admin || !u.Accepted || u.Banned {
		t.Errorf("user: local %v domain %q admin %v accepted %v banned %v", u.Local, u.Domain, u.Admin, u.Accepted, u.Banned)
	}
	checkKeyPair(t, "alice_1", u.PublicKeyPEM, u.PrivateKeyPEM)
	if ok, err := forum.VerifyPassword("correct horse battery", u.PasswordHash); err != nil || !ok {
		t.Errorf("the password does not verify against the stored hash: %v, %v", ok, err)
	}
	if strings.Contains(u.PasswordHash, "correct horse") {
		t.Errorf("the password is stored in clear")
	}

	found, err := e.svc.User(e.ctx, "ALICE_1")
	if err != nil || found.ID != u.ID {
		t.Errorf("User(ALICE_1) = %d, %v; want %d", found.ID, err, u.ID)
	}
	if _, err := e.svc.User(e.ctx, "nobody"); !errors.Is(err, forum.ErrNotFound) || !forum.IsInputError(err) {
		t.Errorf("User(nobody): err = %v, want ErrNotFound", err)
	}

	admin, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "root", Password: "correct horse battery", Admin: true})
	if err != nil || !admin.Admin {
		t.Errorf("admin account: admin %v, %v", admin.Admin, err)
	}
	if n, err := e.st.CountAdmins(e.ctx); err != nil || n != 1 {
		t.Errorf("CountAdmins = %d, %v; want 1", n, err)
	}
}

func TestBanAndUnbanUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.createUser("troll")
	bystander := e.createUser("bystander")
	h1, h2 := e.login(u.ID, "a"), e.login(u.ID, "b")
	theirs := e.login(bystander.ID, "c")

	banned, err := e.svc.BanUser(e.ctx, "troll", "spamming links")
	if err != nil {
		t.Fatalf("BanUser: %v", err)
	}
	if !banned.Banned || banned.BanReason != "spamming links" || banned.BannedAt == nil {
		t.Errorf("after ban: banned %v reason %q at %v", banned.Banned, banned.BanReason, banned.BannedAt)
	}
	for i, h := range [][]byte{h1, h2} {
		if _, err := e.st.SessionUser(e.ctx, h); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("banned user's session %d still works: err = %v", i, err)
		}
	}
	if got, err := e.st.SessionUser(e.ctx, theirs); err != nil || got.ID != bystander.ID {
		t.Errorf("bystander's session: %d, %v; want it untouched", got.ID, err)
	}
	stored, err := e.svc.User(e.ctx, "troll")
	if err != nil || !stored.Banned || stored.BanReason != "spamming links" {
		t.Errorf("stored user: banned %v reason %q, %v", stored.Banned, stored.BanReason, err)
	}

	_, err = e.svc.BanUser(e.ctx, "troll", "again")
	ie := inputError(t, "banning twice", err, "name")
	if !strings.Contains(ie.Msg, "troll") {
		t.Errorf("message %q does not name troll", ie.Msg)
	}
	if again, _ := e.svc.User(e.ctx, "troll"); again.BanReason != "spamming links" {
		t.Errorf("second ban changed the reason to %q", again.BanReason)
	}
	if _, err := e.svc.BanUser(e.ctx, "ghost", "x"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("banning an unknown user: err = %v, want ErrNotFound", err)
	}
	_, err = e.svc.BanUser(e.ctx, "bystander", strings.Repeat("r", forum.MaxReasonLen+1))
	inputError(t, "a reason of 10001 characters", err, "reason")

	unbanned, err := e.svc.UnbanUser(e.ctx, "troll")
	if err != nil {
		t.Fatalf("UnbanUser: %v", err)
	}
	if unbanned.Banned || unbanned.BanReason != "" || unbanned.BannedAt != nil {
		t.Errorf("after unban: banned %v reason %q at %v", unbanned.Banned, unbanned.BanReason, unbanned.BannedAt)
	}
	_, err = e.svc.UnbanUser(e.ctx, "troll")
	inputError(t, "unbanning someone not banned", err, "name")
}

func TestPromoteUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createUser("helper")
	u, err := e.svc.PromoteUser(e.ctx, "helper")
	if err != nil || !u.Admin {
		t.Fatalf("PromoteUser = admin %v, %v", u.Admin, err)
	}
	stored, err := e.svc.User(e.ctx, "helper")
	if err != nil || !stored.Admin {
		t.Errorf("stored admin flag %v, %v; want true", stored.Admin, err)
	}
	_, err = e.svc.PromoteUser(e.ctx, "helper")
	inputError(t, "promoting twice", err, "name")
	if _, err := e.svc.PromoteUser(e.ctx, "ghost"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("promoting an unknown user: err = %v, want ErrNotFound", err)
	}
	if n, err := e.st.CountAdmins(e.ctx); err != nil || n != 1 {
		t.Errorf("CountAdmins = %d, %v; want 1", n, err)
	}
}

func TestResetPassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.createUser("forgetful")
	h := e.login(u.ID, "session")

	if err := e.svc.ResetPassword(e.ctx, "forgetful", "a brand new secret"); err != nil {
		t.Fatalf("ResetPassword: %v", err)
	}
	if _, err := e.st.SessionUser(e.ctx, h); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old session still works after a reset: err = %v", err)
	}
	stored, err := e.svc.User(e.ctx, "forgetful")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := forum.VerifyPassword("a brand new secret", stored.PasswordHash); err != nil || !ok {
		t.Errorf("new password does not verify: %v, %v", ok, err)
	}
	if ok, _ := forum.VerifyPassword("correct horse battery", stored.PasswordHash); ok {
		t.Errorf("old password still verifies")
	}

	err = e.svc.ResetPassword(e.ctx, "forgetful", "short")
	inputError(t, "a short new password", err, "password")
	if again, _ := e.svc.User(e.ctx, "forgetful"); again.PasswordHash != stored.PasswordHash {
		t.Errorf("a refused reset changed the password")
	}
	if err := e.svc.ResetPassword(e.ctx, "ghost", "a brand new secret"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("reset for an unknown user: err = %v, want ErrNotFound", err)
	}
}
