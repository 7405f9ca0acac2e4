package federation_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
)

const inboxActivity = `{"type":"Follow","actor":"x","object":"y"}`

// signedInboxPost is a POST to our inbox signed with key as keyID, as our
// server receives it.
func signedInboxPost(t *testing.T, keyID, privPEM string) *http.Request {
	t.Helper()
	s, err := httpsig.NewSigner(keyID, privPEM)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "https://"+localHost+"/inbox", strings.NewReader(inboxActivity))
	req.RequestURI = "" // as built by a client
	if err := s.SignPost(req, []byte(inboxActivity)); err != nil {
		t.Fatal(err)
	}
	return req
}

func TestKeyCacheVerifiesSignedRequest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.servePerson(remoteKey().pubPEM)
	keys := federation.NewKeyCache(e.resolver, nil)

	req := signedInboxPost(t, id+"#main-key", remoteKey().privPEM)
	v, err := httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, time.Now())
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if v.Owner != id {
		t.Errorf("owner = %q, want %q", v.Owner, id)
	}
	if _, err := e.st.PersonByAPID(e.ctx, id); err != nil {
		t.Errorf("signer not stored: %v", err)
	}

	// Signed with another key: refused, after one refetch.
	req = signedInboxPost(t, id+"#main-key", rotatedKey().privPEM)
	if _, err := httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, time.Now()); !errors.Is(err, httpsig.ErrBadSignature) {
		t.Errorf("wrong key: err = %v, want ErrBadSignature", err)
	}
	if n := e.remote.hitsOf(personPath); n != 2 {
		t.Errorf("fetches = %d, want 2 (the first and one refresh)", n)
	}
}

func TestKeyCacheFollowsKeyDocuments(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// GoToSocial style: the key id is ACTOR/main-key, served on its own.
	actor, keyID := e.remote.url("/users/gts"), e.remote.url("/users/gts/main-key")
	e.remote.serve("/users/gts", 200, apJSON, e.remote.fixture("person.json", remoteKey().pubPEM, func(m map[string]any) {
		m["id"], m["preferredUsername"], m["inbox"] = actor, "gts", actor+"/inbox"
		m["publicKey"].(map[string]any)["id"] = keyID
		m["publicKey"].(map[string]any)["owner"] = actor
	}))
	e.remote.serve("/users/gts/main-key", 200, apJSON,
		`{"id":"`+keyID+`","owner":"`+actor+`","publicKeyPem":`+mustQuote(remoteKey().pubPEM)+`}`)
	// An actor document served at the key's URL (GoToSocial's stub).
	actor2, keyID2 := e.remote.url("/users/stub"), e.remote.url("/users/stub/main-key")
	stub := e.remote.fixture("person.json", remoteKey().pubPEM, func(m map[string]any) {
		m["id"], m["preferredUsername"], m["inbox"] = actor2, "stub", actor2+"/inbox"
		m["publicKey"].(map[string]any)["id"] = keyID2
		m["publicKey"].(map[string]any)["owner"] = actor2
	})
	e.remote.serve("/users/stub", 200, apJSON, stub)
	e.remote.serve("/users/stub/main-key", 200, apJSON, stub)
	// A key document naming an owner elsewhere.
	evilKey := e.remote.url("/keys/evil")
	e.remote.serve("/keys/evil", 200, apJSON,
		`{"id":"`+evilKey+`","owner":"https://evil.example/u/x","publicKeyPem":`+mustQuote(remoteKey().pubPEM)+`}`)

	keys := federation.NewKeyCache(e.resolver, nil)
	for _, tc := range []struct{ keyID, owner string }{{keyID, actor}, {keyID2, actor2}} {
		req := signedInboxPost(t, tc.keyID, remoteKey().privPEM)
		v, err := httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, time.Now())
		if err != nil || v.Owner != tc.owner {
			t.Errorf("key %s: owner %q, err %v; want %q", tc.keyID, v.Owner, err, tc.owner)
		}
	}
	// Learnt once: the key document is not fetched again.
	if _, _, err := keys.PublicKey(e.ctx, keyID, false); err != nil {
		t.Fatal(err)
	}
	if n := e.remote.hitsOf("/users/gts/main-key"); n != 1 {
		t.Errorf("key document fetched %d times, want 1", n)
	}
	if _, _, err := keys.PublicKey(e.ctx, evilKey, false); !errors.Is(err, federation.ErrCrossOrigin) {
		t.Errorf("key owned elsewhere: err = %v, want ErrCrossOrigin", err)
	}
}

func TestKeyCacheLimitsForcedRefreshes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.servePerson(remoteKey().pubPEM)
	clk := &clock{t: time.Now()}
	keys := federation.NewKeyCache(e.resolver, clk.now)
	keyID := id + "#main-key"

	fetches := func() int { return e.remote.hitsOf(personPath) }
	if _, _, err := keys.PublicKey(e.ctx, keyID, false); err != nil || fetches() != 1 {
		t.Fatalf("first lookup: %v, %d fetches", err, fetches())
	}
	if _, _, err := keys.PublicKey(e.ctx, keyID, true); err != nil || fetches() != 2 {
		t.Fatalf("forced refresh: %v, %d fetches, want 2", err, fetches())
	}
	for range 5 {
		if _, _, err := keys.PublicKey(e.ctx, keyID, true); err != nil {
			t.Fatal(err)
		}
	}
	if fetches() != 2 {
		t.Errorf("forced refreshes within a minute fetched: %d fetches, want 2", fetches())
	}
	clk.advance(61 * time.Second)
	if _, _, err := keys.PublicKey(e.ctx, keyID, true); err != nil || fetches() != 3 {
		t.Errorf("forced refresh a minute later: %v, %d fetches, want 3", err, fetches())
	}
}

func TestKeyCacheTemporaryFailures(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.remote.serve("/u/down", 503, "text/plain", "maintenance")
	e.remote.serve("/u/gone", 410, apJSON, `{"type":"Tombstone"}`)
	keys := federation.NewKeyCache(e.resolver, nil)

	if _, _, err := keys.PublicKey(e.ctx, e.remote.url("/u/down")+"#main-key", false); err == nil || errors.Is(err, httpsig.ErrNoSuchKey) {
		t.Errorf("503: err = %v, want an error that is not ErrNoSuchKey", err)
	}
	_, _, err := keys.PublicKey(e.ctx, e.remote.url("/u/gone")+"#main-key", false)
	if !errors.Is(err, federation.ErrGone) || !errors.Is(err, httpsig.ErrNoSuchKey) {
		t.Errorf("410: err = %v, want ErrGone and ErrNoSuchKey", err)
	}
	// Through Verify: a 503 for the key gives 503, a 410 gives 401.
	req := signedInboxPost(t, e.remote.url("/u/down")+"#main-key", remoteKey().privPEM)
	_, err = httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, time.Now())
	if got := httpsig.HTTPStatus(err); got != http.StatusServiceUnavailable {
		t.Errorf("Verify with the key's server down: status %d (%v), want 503", got, err)
	}
	req = signedInboxPost(t, e.remote.url("/u/gone")+"#main-key", remoteKey().privPEM)
	_, err = httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, time.Now())
	if got := httpsig.HTTPStatus(err); got != http.StatusUnauthorized {
		t.Errorf("Verify with the key's actor gone: status %d (%v), want 401", got, err)
	}
}
