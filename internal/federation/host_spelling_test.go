package federation_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"sync/atomic"
	"testing"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
)

// hostEcho is a server on addr whose every path is a Person with one key,
// its id spelt with the Host it was asked under, as a real server behind
// any name would answer. It counts the requests it gets.
func hostEcho(t *testing.T, addr string) (port string, priv string, hits *atomic.Int64) {
	t.Helper()
	pub, priv, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s here: %v", addr, err)
	}
	hits = new(atomic.Int64)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		id := "http://" + r.Host + r.URL.Path
		w.Header().Set("Content-Type", "application/activity+json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
			"id":       id, "type": "Person", "preferredUsername": path.Base(r.URL.Path), "inbox": id + "/inbox",
			"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": pub},
		})
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	_, port, _ = net.SplitHostPort(ln.Addr().String())
	return port, priv, hits
}

// A blocked instance is refused under every spelling of its address, with
// nothing fetched from it and nothing stored; an instance that is not
// blocked is one instance under all of them.
func TestInboxHostSpellings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	create := func(base, name, priv string) int {
		t.Helper()
		bob := base + "/u/" + name
		s, err := httpsig.NewSigner(bob+"#main-key", priv)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := l.post(t, "/inbox", activity(map[string]any{"id": base + "/activities/create/1", "type": "Create",
			"actor": bob, "object": map[string]any{"id": base + "/post/1", "type": "Page", "attributedTo": bob,
				"name": "Hello from " + base, "audience": l.community.APID, "to": []string{l.community.APID, public}}}), s)
		return code
	}

	port, priv, hits := hostEcho(t, "127.0.0.5:0")
	if _, err := l.f.BlockInstance(ctx, forum.Operator, "127.0.0.5:"+port); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"http://[::ffff:127.0.0.5]:" + port, "http://[::FFFF:7f00:5]:" + port,
		"http://127.5:" + port, "http://127.0.0.5:0" + port, "http://127.0.0.5:" + port} {
		if code := create(base, "bob", priv); code < 400 || code >= 500 {
			t.Errorf("%s, blocked as 127.0.0.5:%s: %d, want refused", base, port, code)
		}
		if _, err := l.st.PostByAPID(ctx, base+"/post/1"); err == nil {
			t.Errorf("%s, blocked: its post was stored", base)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the blocked instance was asked %d times for its actors", n)
	}

	port, priv, _ = hostEcho(t, "127.0.0.6:0")
	for name, base := range map[string]string{"bob": "http://[::ffff:127.0.0.6]:" + port, "carol": "http://127.0.0.6:" + port} {
		if code := create(base, name, priv); code != http.StatusAccepted {
			t.Errorf("%s, not blocked: %d, want 202", base, code)
		}
		p, err := l.st.PersonByAPID(ctx, base+"/u/"+name)
		if err != nil || p.Domain != "127.0.0.6:"+port {
			t.Errorf("%s/u/%s: %+v %v, want a person of 127.0.0.6:%s", base, name, p, err, port)
		}
		// Deliveries to the inbox are counted under that instance.
		if want := "http://127.0.0.6:" + port + "/u/" + name + "/inbox"; p.InboxURL != want {
			t.Errorf("%s/u/%s: inbox kept as %s, want %s", base, name, p.InboxURL, want)
		}
		if _, err := l.st.PostByAPID(ctx, base+"/post/1"); err != nil {
			t.Errorf("%s, not blocked: its post: %v", base, err)
		}
	}
	list, err := l.st.ListInstances(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 { // ours, the blocked one, the other one
		t.Errorf("%d instances stored, want 3: %+v", len(list), list)
	}
}
