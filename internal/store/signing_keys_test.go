package store_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

func TestLocalSigningKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.person("alice")
	f.remotePerson("bob")
	np := localPerson(f.local.ID, "news")
	if _, err := f.st.InsertCommunity(f.ctx, store.NewCommunity{
		APID: "https://" + localDomain + "/c/news", InstanceID: f.local.ID, Local: true, Name: "news", Title: "News",
		InboxURL: "https://" + localDomain + "/c/news/inbox", FollowersURL: "https://" + localDomain + "/c/news/followers",
		PublicKeyPEM: np.PublicKeyPEM, PrivateKeyPEM: "community key",
	}); err != nil {
		t.Fatal(err)
	}

	// Before the site is set up it has no key: its id is nobody's.
	instance := "https://" + localDomain + "/"
	if _, _, err := f.st.LocalSigningKey(f.ctx, instance); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("instance actor before InitSite: err = %v, want ErrNotFound", err)
	}
	if err := f.st.InitSite(f.ctx, localDomain, dummyPublicPEM, "site key"); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct{ actor, pem string }{
		{"https://" + localDomain + "/u/alice", dummyPrivatePEM},
		{"https://" + localDomain + "/c/news", "community key"},
		{instance, "site key"},
		{"http://" + localDomain + "/", "site key"}, // a development site on plain http
		{"https://TEST.example/", "site key"},
	} {
		keyID, pem, err := f.st.LocalSigningKey(f.ctx, tc.actor)
		if err != nil {
			t.Errorf("LocalSigningKey(%s): %v", tc.actor, err)
			continue
		}
		if keyID != tc.actor+"#main-key" || pem != tc.pem {
			t.Errorf("LocalSigningKey(%s) = %q, %q; want %q, %q", tc.actor, keyID, pem, tc.actor+"#main-key", tc.pem)
		}
	}

	for _, actor := range []string{
		"https://" + remoteDomain + "/u/bob", // remote: no private key
		"https://" + localDomain + "/u/nobody",
		"https://" + remoteDomain + "/", // another site's instance actor
		"https://" + localDomain,        // not the id iri.Builder.Instance writes
		"https://" + localDomain + "/u",
		"https://" + localDomain + "/?x=1",
		"https://" + localDomain + "/#main-key",
		"ftp://" + localDomain + "/",
		"https://evil@" + localDomain + "/",
		"",
		"::",
	} {
		if _, _, err := f.st.LocalSigningKey(f.ctx, actor); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("LocalSigningKey(%q): err = %v, want ErrNotFound", actor, err)
		}
	}
}
