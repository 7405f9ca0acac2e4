package store_test

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/store"
)

func tokenHash() []byte {
	h := sha256.Sum256([]byte(rand.Text()))
	return h[:]
}

func TestSessionUserReturnsTheAccount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice := f.user("alice")
	f.user("bob")
	h := tokenHash()
	must(t, f.st.CreateSession(f.ctx, h, alice.ID, "Firefox", time.Now().Add(time.Hour)))

	u, err := f.st.SessionUser(f.ctx, h)
	if err != nil {
		t.Fatalf("SessionUser: %v", err)
	}
	if u.ID != alice.ID || u.Name != "alice" || !u.Accepted || u.Admin {
		t.Errorf("SessionUser = %d %q (accepted %v, admin %v), want alice", u.ID, u.Name, u.Accepted, u.Admin)
	}
	if _, err := f.st.SessionUser(f.ctx, tokenHash()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown token: err = %v, want ErrNotFound", err)
	}
	must(t, f.st.DeleteSession(f.ctx, h))
	if _, err := f.st.SessionUser(f.ctx, h); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after logout: err = %v, want ErrNotFound", err)
	}
}

func TestExpiredSessionIsNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice := f.user("alice")
	expired, live := tokenHash(), tokenHash()
	must(t, f.st.CreateSession(f.ctx, expired, alice.ID, "", time.Now().Add(-time.Second)))
	must(t, f.st.CreateSession(f.ctx, live, alice.ID, "", time.Now().Add(time.Hour)))

	if _, err := f.st.SessionUser(f.ctx, expired); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired session: err = %v, want ErrNotFound", err)
	}
	if n, err := f.st.CountSessions(f.ctx, alice.ID); err != nil || n != 1 {
		t.Errorf("CountSessions = %d, %v; want 1 live", n, err)
	}
	if n, err := f.st.DeleteExpiredSessions(f.ctx); err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions removed %d, %v; want 1", n, err)
	}
	if _, err := f.st.SessionUser(f.ctx, live); err != nil {
		t.Errorf("live session after clean-up: %v", err)
	}
}

func TestDeletePersonSessionsEndsAllOfThem(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice, bob := f.user("alice"), f.user("bob")
	var hers [][]byte
	for range 3 {
		h := tokenHash()
		must(t, f.st.CreateSession(f.ctx, h, alice.ID, "", time.Now().Add(time.Hour)))
		hers = append(hers, h)
	}
	his := tokenHash()
	must(t, f.st.CreateSession(f.ctx, his, bob.ID, "", time.Now().Add(time.Hour)))

	n, err := f.st.DeletePersonSessions(f.ctx, alice.ID)
	if err != nil || n != 3 {
		t.Errorf("DeletePersonSessions = %d, %v; want 3", n, err)
	}
	for i, h := range hers {
		if _, err := f.st.SessionUser(f.ctx, h); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("alice's session %d: err = %v, want ErrNotFound", i, err)
		}
	}
	if u, err := f.st.SessionUser(f.ctx, his); err != nil || u.ID != bob.ID {
		t.Errorf("bob's session = %d, %v; want bob still logged in", u.ID, err)
	}
}

func TestCreateSessionErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice := f.user("alice")
	remote := f.remotePerson("visitor")
	h := tokenHash()
	must(t, f.st.CreateSession(f.ctx, h, alice.ID, "", time.Now().Add(time.Hour)))
	if err := f.st.CreateSession(f.ctx, h, alice.ID, "", time.Now().Add(time.Hour)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("same token twice: err = %v, want ErrConflict", err)
	}
	if err := f.st.CreateSession(f.ctx, tokenHash(), remote.ID, "", time.Now().Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("session for a person without an account: err = %v, want ErrNotFound", err)
	}
	if err := f.st.CreateSession(f.ctx, []byte("short"), alice.ID, "", time.Now().Add(time.Hour)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("token hash of 5 bytes: err = %v, want ErrInvalid", err)
	}
}
