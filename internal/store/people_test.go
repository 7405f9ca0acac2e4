package store_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

func TestInsertPersonRefusesSameNameOnSameInstanceInAnyCase(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice := f.person("alice")

	for _, name := range []string{"alice", "Alice", "ALICE"} {
		np := localPerson(f.local.ID, name)
		np.APID = "https://" + localDomain + "/u/other-" + name // a fresh id: only the name clashes
		_, err := f.st.InsertPerson(f.ctx, np)
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("InsertPerson(%q) after %q: err = %v, want ErrConflict", name, alice.Name, err)
		}
	}

	got, err := f.st.LocalPersonByName(f.ctx, "ALICE")
	if err != nil {
		t.Fatalf("LocalPersonByName(ALICE): %v", err)
	}
	if got.ID != alice.ID || got.Name != "alice" {
		t.Errorf("LocalPersonByName(ALICE) = %d %q, want %d %q", got.ID, got.Name, alice.ID, "alice")
	}
}

func TestInsertPersonRefusesTakenAPID(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.remotePerson("bob")
	np := remotePerson(f.remote.ID, remoteDomain, "bob")
	np.Name = "bobby"
	if _, err := f.st.InsertPerson(f.ctx, np); !errors.Is(err, store.ErrConflict) {
		t.Errorf("InsertPerson with a taken ap_id: err = %v, want ErrConflict", err)
	}
}

func TestSameNameOnAnotherInstanceIsAnotherPerson(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	here := f.person("carol")
	there := f.remotePerson("Carol")
	if here.ID == there.ID {
		t.Fatalf("both carols have id %d", here.ID)
	}
	if !here.Local || there.Local {
		t.Errorf("local flags: here %v, there %v; want true, false", here.Local, there.Local)
	}
	if there.PrivateKeyPEM != "" {
		t.Errorf("remote person has a private key %q", there.PrivateKeyPEM)
	}

	for _, tc := range []struct {
		domain string
		want   int64
	}{{localDomain, here.ID}, {remoteDomain, there.ID}, {"REMOTE.example", there.ID}} {
		got, err := f.st.PersonByNameAndDomain(f.ctx, "carol", tc.domain)
		if err != nil {
			t.Errorf("PersonByNameAndDomain(carol, %s): %v", tc.domain, err)
			continue
		}
		if got.ID != tc.want || got.Domain != f.mustDomain(tc.want) {
			t.Errorf("PersonByNameAndDomain(carol, %s) = id %d on %s, want id %d", tc.domain, got.ID, got.Domain, tc.want)
		}
	}

	got, err := f.st.LocalPersonByName(f.ctx, "carol")
	if err != nil || got.ID != here.ID {
		t.Errorf("LocalPersonByName(carol) = %d, %v; want the local one, %d", got.ID, err, here.ID)
	}
}

func (f *fixture) mustDomain(personID int64) string {
	f.t.Helper()
	p, err := f.st.PersonByID(f.ctx, personID)
	if err != nil {
		f.t.Fatalf("PersonByID(%d): %v", personID, err)
	}
	return p.Domain
}

func TestPersonLookupsOfUnknownReturnErrNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.person("dave")

	checks := map[string]error{}
	_, checks["PersonByID"] = f.st.PersonByID(f.ctx, 987654)
	_, checks["PersonByAPID"] = f.st.PersonByAPID(f.ctx, "https://nowhere.example/u/dave")
	_, checks["LocalPersonByName"] = f.st.LocalPersonByName(f.ctx, "erin")
	_, checks["PersonByNameAndDomain"] = f.st.PersonByNameAndDomain(f.ctx, "dave", remoteDomain)
	_, checks["LocalUserByID"] = f.st.LocalUserByID(f.ctx, 987654)
	_, checks["LocalUserByName(person without account)"] = f.st.LocalUserByName(f.ctx, "dave")
	checks["SetPersonBanned"] = f.st.SetPersonBanned(f.ctx, 987654, true, "spam")
	checks["SetAdmin"] = f.st.SetAdmin(f.ctx, 987654, true)
	checks["SetPasswordHash"] = f.st.SetPasswordHash(f.ctx, 987654, "$argon2id$x")
	for name, err := range checks {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

func TestInsertPersonOnUnknownInstanceIsErrNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.st.InsertPerson(f.ctx, remotePerson(987654, "ghost.example", "casper"))
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("InsertPerson on unknown instance: err = %v, want ErrNotFound", err)
	}
}

func TestLocalPersonMustHavePrivateKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	np := localPerson(f.local.ID, "frank")
	np.PrivateKeyPEM = ""
	if _, err := f.st.InsertPerson(f.ctx, np); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("local person without private key: err = %v, want ErrInvalid", err)
	}
	rp := remotePerson(f.remote.ID, remoteDomain, "grace")
	rp.PrivateKeyPEM = dummyPrivatePEM
	if _, err := f.st.InsertPerson(f.ctx, rp); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("remote person with a private key: err = %v, want ErrInvalid", err)
	}
}

func TestSetPersonBannedRecordsAndClearsReason(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.person("heidi")
	if err := f.st.SetPersonBanned(f.ctx, p.ID, true, "spam"); err != nil {
		t.Fatalf("ban: %v", err)
	}
	got, err := f.st.PersonByID(f.ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Banned || got.BanReason != "spam" || got.BannedAt == nil {
		t.Errorf("after ban: banned %v, reason %q, banned_at %v", got.Banned, got.BanReason, got.BannedAt)
	}
	if err := f.st.SetPersonBanned(f.ctx, p.ID, false, "ignored"); err != nil {
		t.Fatalf("unban: %v", err)
	}
	got, err = f.st.PersonByID(f.ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Banned || got.BanReason != "" || got.BannedAt != nil {
		t.Errorf("after unban: banned %v, reason %q, banned_at %v", got.Banned, got.BanReason, got.BannedAt)
	}
}
