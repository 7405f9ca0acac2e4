package federation_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
)

// A key once found is answered from memory for a minute: a change in the
// database does not show until then, so none was read.
func TestKeyCacheAnswersKnownKeysFromMemory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.servePerson(remoteKey().pubPEM)
	clk := &clock{t: time.Now()}
	keys := federation.NewKeyCache(e.resolver, clk.now)
	keyID := id + "#main-key"

	if pem, _, err := keys.PublicKey(e.ctx, keyID, false); err != nil || pem != remoteKey().pubPEM {
		t.Fatalf("first lookup: %v", err)
	}
	if _, err := e.pool.Exec(e.ctx, `UPDATE people SET public_key_pem = $1 WHERE ap_id = $2`, rotatedKey().pubPEM, id); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		req := signedInboxPost(t, keyID, remoteKey().privPEM)
		if _, err := httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, clk.now()); err != nil {
			t.Fatalf("Verify within the minute: %v", err)
		}
	}
	clk.advance(federation.KeyMemory + time.Second)
	if pem, _, err := keys.PublicKey(e.ctx, keyID, false); err != nil || pem != rotatedKey().pubPEM {
		t.Errorf("a minute later: %v; want the key now stored", err)
	}
	if n := e.remote.hitsOf(personPath); n != 1 {
		t.Errorf("the actor was fetched %d times, want once", n)
	}
}

// A key its server says is not there, or that its server does not answer
// for, is asked for once a minute however often it is named.
func TestKeyCacheRemembersUnknownKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.remote.serve("/u/gone", 410, apJSON, `{"type":"Tombstone"}`)
	e.remote.serve("/u/nobody", 404, "text/plain", "no such user")
	e.remote.serve("/u/down", 503, "text/plain", "maintenance")
	clk := &clock{t: time.Now()}
	keys := federation.NewKeyCache(e.resolver, clk.now)

	for _, path := range []string{"/u/gone", "/u/nobody", "/u/down"} {
		keyID := e.remote.url(path) + "#main-key"
		var first error
		for i := range 20 {
			req := signedInboxPost(t, keyID, remoteKey().privPEM)
			_, err := httpsig.Verify(e.ctx, req, []byte(inboxActivity), keys, clk.now())
			if !errors.Is(err, httpsig.ErrKeyFetch) {
				t.Fatalf("%s: err = %v, want ErrKeyFetch", path, err)
			}
			if i == 0 {
				first = err
			} else if httpsig.HTTPStatus(err) != httpsig.HTTPStatus(first) {
				t.Errorf("%s: status %d from memory, %d when fetched", path, httpsig.HTTPStatus(err), httpsig.HTTPStatus(first))
			}
		}
		if n := e.remote.hitsOf(path); n != 1 {
			t.Errorf("%s: fetched %d times for 20 requests within a minute, want 1", path, n)
		}
	}
	clk.advance(federation.KeyMemory + time.Second)
	if _, _, err := keys.PublicKey(e.ctx, e.remote.url("/u/gone")+"#main-key", false); !errors.Is(err, federation.ErrGone) {
		t.Errorf("a minute later: err = %v, want ErrGone", err)
	}
	if n := e.remote.hitsOf("/u/gone"); n != 2 {
		t.Errorf("a minute later: fetched %d times in all, want 2", n)
	}
}
