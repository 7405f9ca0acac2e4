package fedtest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation/httpsig"
)

// Remote stands in for another server: one Person, served as
// ActivityStreams JSON, that follows communities with signed Follows, and
// inboxes that take every POST and count it by activity id, so that a
// test can tell one activity delivered twice from two activities. It does
// not check the signatures of what it receives: the interop tests against
// real implementations do that.
type Remote struct {
	// Host is IP:PORT; URL is http://Host; Actor is the Person's id.
	Host, URL, Actor string

	signer *httpsig.Signer
	mu     sync.Mutex
	got    map[string]int    // activity id → times POSTed to an inbox
	types  map[string]string // activity id → type
	nextID int
}

// StartRemote serves a Remote with the Person name on a free port of ip
// until the test ends.
func StartRemote(t testing.TB, ip, name string) *Remote {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("fedtest: make a key: %v", err)
	}
	priv, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatalf("fedtest: encode the key: %v", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatalf("fedtest: encode the public key: %v", err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatalf("fedtest: listen on %s: %v", ip, err)
	}
	r := &Remote{Host: ln.Addr().String(), got: map[string]int{}, types: map[string]string{}}
	r.URL = "http://" + r.Host
	r.Actor = r.URL + "/u/" + name
	r.signer, err = httpsig.NewSigner(r.Actor+"#main-key", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: priv})))
	if err != nil {
		t.Fatalf("fedtest: %v", err)
	}
	person, err := json.Marshal(map[string]any{
		"@context":          []string{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":                r.Actor,
		"type":              "Person",
		"preferredUsername": name,
		"inbox":             r.Actor + "/inbox",
		"endpoints":         map[string]string{"sharedInbox": r.URL + "/inbox"},
		"publicKey": map[string]string{
			"id":           r.Actor + "#main-key",
			"owner":        r.Actor,
			"publicKeyPem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
		},
	})
	if err != nil {
		t.Fatalf("fedtest: encode the actor: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /u/"+name, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/activity+json")
		w.Write(person)
	})
	inbox := func(w http.ResponseWriter, req *http.Request) {
		var act struct{ ID, Type string }
		body, err := io.ReadAll(req.Body)
		if err != nil || json.Unmarshal(body, &act) != nil || act.ID == "" {
			http.Error(w, "not an activity", http.StatusBadRequest)
			return
		}
		r.mu.Lock()
		r.got[act.ID]++
		r.types[act.ID] = act.Type
		r.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}
	mux.HandleFunc("POST /inbox", inbox)
	mux.HandleFunc("POST /u/"+name+"/inbox", inbox)
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
	srv.Start()
	t.Cleanup(srv.Close)
	return r
}

// Follow sends community (its id) a signed Follow from the Person, and
// fails the test unless its inbox takes it. The Accept comes later, to
// the Remote's inbox.
func (r *Remote) Follow(t testing.TB, community string) {
	t.Helper()
	r.mu.Lock()
	r.nextID++
	id := fmt.Sprintf("%s/activities/follow/%d", r.URL, r.nextID)
	r.mu.Unlock()
	body, err := json.Marshal(map[string]any{
		"@context": "https://www.w3.org/ns/activitystreams",
		"id":       id, "type": "Follow", "actor": r.Actor, "object": community, "to": []string{community},
	})
	if err != nil {
		t.Fatalf("fedtest: encode a Follow: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, community+"/inbox", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("fedtest: %v", err)
	}
	if err := r.signer.SignPost(req, body); err != nil {
		t.Fatalf("fedtest: sign a Follow: %v", err)
	}
	resp, err := (&http.Client{Timeout: 15 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("fedtest: send a Follow to %s: %v", community, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("fedtest: %s answered the Follow with %d: %s", community, resp.StatusCode, strings.TrimSpace(string(answer)))
	}
}

// Received counts the activities of type typ (all when empty) that
// arrived, and those among them that arrived more than once.
func (r *Remote) Received(typ string) (distinct, repeated int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, n := range r.got {
		if typ != "" && r.types[id] != typ {
			continue
		}
		distinct++
		if n > 1 {
			repeated++
		}
	}
	return distinct, repeated
}
