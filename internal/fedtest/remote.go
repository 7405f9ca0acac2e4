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
	got    map[string][]time.Time // activity id → when it was POSTed to an inbox, each time
	types  map[string]string      // activity id → type
	nextID int
	delay  time.Duration // before each inbox answers
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
	r := &Remote{Host: ln.Addr().String(), got: map[string][]time.Time{}, types: map[string]string{}}
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
		r.got[act.ID] = append(r.got[act.ID], time.Now())
		r.types[act.ID] = act.Type
		delay := r.delay
		r.mu.Unlock()
		// Taken, but answered only after the delay: a sender that dies
		// meanwhile does not know it was delivered.
		select {
		case <-time.After(delay):
		case <-req.Context().Done():
		}
		w.WriteHeader(http.StatusAccepted)
	}
	mux.HandleFunc("POST /inbox", inbox)
	mux.HandleFunc("POST /u/"+name+"/inbox", inbox)
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
	srv.Start()
	t.Cleanup(srv.Close)
	return r
}

// Slow makes the Remote's inboxes answer each POST only d after taking
// it, as a busy server does, so that deliveries to it are in flight long
// enough to be interrupted.
func (r *Remote) Slow(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.delay = d
}

// NewID is a new activity id of the Remote's, for an activity of kind
// (follow, create...).
func (r *Remote) NewID(kind string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nextID++
	return fmt.Sprintf("%s/activities/%s/%d", r.URL, kind, r.nextID)
}

// Follow sends community (its id) a signed Follow from the Person, and
// fails the test unless its inbox takes it. The Accept comes later, to
// the Remote's inbox.
func (r *Remote) Follow(t testing.TB, community string) {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"@context": "https://www.w3.org/ns/activitystreams",
		"id":       r.NewID("follow"), "type": "Follow", "actor": r.Actor, "object": community, "to": []string{community},
	})
	if err != nil {
		t.Fatalf("fedtest: encode a Follow: %v", err)
	}
	status, answer, err := r.Send(community+"/inbox", body)
	if err != nil {
		t.Fatalf("fedtest: send a Follow to %s: %v", community, err)
	}
	if status/100 != 2 {
		t.Fatalf("fedtest: %s answered the Follow with %d: %s", community, status, answer)
	}
}

// Send POSTs activity to inbox signed by the Person, as Lemmy signs, and
// answers the status and body of the answer; an error only when there was
// no answer.
func (r *Remote) Send(inbox string, activity []byte) (int, string, error) {
	req, err := http.NewRequest(http.MethodPost, inbox, bytes.NewReader(activity))
	if err != nil {
		return 0, "", err
	}
	if err := r.signer.SignPost(req, activity); err != nil {
		return 0, "", fmt.Errorf("sign: %w", err)
	}
	resp, err := (&http.Client{Timeout: 15 * time.Second}).Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(answer)), nil
}

// Received counts the activities of type typ (all when empty) that
// arrived, and those among them that arrived more than once.
func (r *Remote) Received(typ string) (distinct, repeated int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, at := range r.got {
		if typ != "" && r.types[id] != typ {
			continue
		}
		distinct++
		if len(at) > 1 {
			repeated++
		}
	}
	return distinct, repeated
}

// Arrivals are the times the activity id was POSTed to the Remote's
// inboxes, in order: none when it never came, more than one when it came
// again.
func (r *Remote) Arrivals(id string) []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.got[id]...)
}

// Repeated are the ids of the activities of type typ (all when empty)
// that arrived more than once.
func (r *Remote) Repeated(typ string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for id, at := range r.got {
		if len(at) > 1 && (typ == "" || r.types[id] == typ) {
			out = append(out, id)
		}
	}
	return out
}
