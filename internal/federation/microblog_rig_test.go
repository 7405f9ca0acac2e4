package federation_test

// The rig of the microblog tests: a server on loopback that stands in for
// Mastodon or GoToSocial. It serves its people, with keys, and WebFinger;
// its people follow communities and reply as Mastodon does; its inboxes
// record what they are sent, with the actor whose key signed it, checked
// against the key the signing server serves.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
)

// microblog is a Mastodon-like server. With shared set, its people list a
// shared inbox (/inbox), as Mastodon's do; without, only their own, as
// GoToSocial's.
type microblog struct {
	url, host string
	shared    bool
	pub, priv string // one key for all its people

	mu   sync.Mutex
	got  []delivery
	next int
	// sharedAt, when set, is the shared inbox its people list instead of
	// their server's own, wherever it is.
	sharedAt string
}

// delivery is one POST to an inbox of the microblog server.
type delivery struct {
	inbox  string // the path POSTed to
	signer string // the owner of the key that signed it, as verified
	doc    map[string]any
}

// String is what a failing test lists: enough to tell deliveries apart.
func (d delivery) String() string {
	obj := d.object()
	return fmt.Sprintf("%s to %s signed by %s: %v by %v of %v %v", d.doc["type"], d.inbox, d.signer, d.doc["id"],
		d.doc["actor"], obj["type"], obj["id"])
}

func newMicroblog(t testing.TB, shared bool) *microblog {
	t.Helper()
	pub, priv, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	m := &microblog{shared: shared, pub: pub, priv: priv}
	srv := httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(srv.Close)
	m.url, m.host = srv.URL, strings.TrimPrefix(srv.URL, "http://")
	return m
}

// listShared has the server's people list inbox as their shared inbox.
func (m *microblog) listShared(inbox string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sharedAt = inbox
}

// actor is the id of the person name on this server.
func (m *microblog) actor(name string) string { return m.url + "/users/" + name }

// handle is name's handle, as people type it: @name@host.
func (m *microblog) handle(name string) string { return "@" + name + "@" + m.host }

func (m *microblog) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost:
		m.receive(w, r)
	case r.URL.Path == "/.well-known/webfinger":
		name, ok := strings.CutPrefix(r.URL.Query().Get("resource"), "acct:")
		name, host, _ := strings.Cut(name, "@")
		if !ok || host != m.host || !knownPerson(name) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/jrd+json")
		_ = json.NewEncoder(w).Encode(map[string]any{"subject": "acct:" + name + "@" + m.host,
			"links": []map[string]string{{"rel": "self", "type": "application/activity+json", "href": m.actor(name)}}})
	case strings.HasPrefix(r.URL.Path, "/users/") && knownPerson(strings.TrimPrefix(r.URL.Path, "/users/")):
		name := strings.TrimPrefix(r.URL.Path, "/users/")
		id := m.actor(name)
		person := map[string]any{
			"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
			"id":       id, "type": "Person", "preferredUsername": name, "inbox": id + "/inbox",
			"outbox": id + "/outbox", "followers": id + "/followers",
			"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": m.pub},
		}
		m.mu.Lock()
		switch {
		case m.sharedAt != "":
			person["endpoints"] = map[string]string{"sharedInbox": m.sharedAt}
		case m.shared:
			person["endpoints"] = map[string]string{"sharedInbox": m.url + "/inbox"}
		}
		m.mu.Unlock()
		w.Header().Set("Content-Type", "application/activity+json")
		_ = json.NewEncoder(w).Encode(person)
	default:
		http.NotFound(w, r)
	}
}

// knownPerson: the server has everyone but "nobody", who is not found.
func knownPerson(name string) bool {
	return name != "" && name != "nobody" && !strings.Contains(name, "/")
}

// receive records a POST whose signature verifies, and refuses others, as
// Mastodon does.
func (m *microblog) receive(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	v, err := httpsig.Verify(r.Context(), r, body, fetchedKeys{}, time.Now())
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		http.Error(w, "not JSON", http.StatusBadRequest)
		return
	}
	m.mu.Lock()
	m.got = append(m.got, delivery{inbox: r.URL.Path, signer: v.Owner, doc: doc})
	m.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

// fetchedKeys finds a signing key by fetching its actor, as Mastodon does.
type fetchedKeys struct{}

// keyCache keeps the keys fetched, as real servers do: a deleted account
// answers 410 without its key, and its Delete is checked with the key
// kept from before.
var keyCache sync.Map // keyID → [2]string{pem, owner}

func (fetchedKeys) PublicKey(ctx context.Context, keyID string, _ bool) (string, string, error) {
	if k, ok := keyCache.Load(keyID); ok {
		return k.([2]string)[0], k.([2]string)[1], nil
	}
	pem, owner, err := fetchKey(ctx, keyID)
	if err == nil {
		keyCache.Store(keyID, [2]string{pem, owner})
	}
	return pem, owner, err
}

func fetchKey(ctx context.Context, keyID string) (string, string, error) {
	actor, _, _ := strings.Cut(keyID, "#")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, actor, nil)
	if err != nil {
		return "", "", err
	}
	req.Header.Set("Accept", federation.AcceptActivity)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", "", err
	}
	defer resp.Body.Close()
	var doc struct {
		PublicKey struct {
			ID, Owner, PublicKeyPem string
		} `json:"publicKey"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || doc.PublicKey.ID != keyID {
		return "", "", fmt.Errorf("no key %s at %s (%d): %v", keyID, actor, resp.StatusCode, err)
	}
	return doc.PublicKey.PublicKeyPem, doc.PublicKey.Owner, nil
}

// send POSTs an activity of name's to inbox, signed by name.
func (m *microblog) send(t testing.TB, name, inbox string, v map[string]any) {
	t.Helper()
	signer, err := httpsig.NewSigner(m.actor(name)+"#main-key", m.priv)
	if err != nil {
		t.Fatal(err)
	}
	body := activity(v)
	req, _ := http.NewRequest(http.MethodPost, inbox, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/activity+json")
	if err := signer.SignPost(req, body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("%s's %s to %s: %d %s", name, v["type"], inbox, resp.StatusCode, answer)
	}
}

// newID is a fresh id for an activity or status of name's.
func (m *microblog) newID(name, kind string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	return fmt.Sprintf("%s/%s/%d", m.actor(name), kind, m.next)
}

// follow has name follow the community, as Mastodon follows a person, and
// waits for the Accept.
func (m *microblog) follow(t testing.TB, name, community string) {
	t.Helper()
	m.send(t, name, community+"/inbox", map[string]any{"id": m.newID(name, "follows"), "type": "Follow",
		"actor": m.actor(name), "object": community})
	m.await(t, "the Accept of "+name+"'s Follow", func(d delivery) bool {
		return d.doc["type"] == "Accept" && d.signer == community
	})
}

// reply has name answer object (by its author) as Mastodon addresses a
// reply: to Public, cc the author, a Mention of the author, sent to the
// author's inbox. It returns the Note's id.
func (m *microblog) reply(t testing.TB, name, object, author, authorHandle, inbox, text string) string {
	t.Helper()
	note := m.newID(name, "statuses")
	m.send(t, name, inbox, map[string]any{"id": note + "/activity", "type": "Create", "actor": m.actor(name),
		"to": []string{public}, "cc": []string{author},
		"object": map[string]any{"id": note, "type": "Note", "attributedTo": m.actor(name), "inReplyTo": object,
			"to": []string{public}, "cc": []string{author}, "content": "<p>" + text + "</p>",
			"tag": []map[string]string{{"type": "Mention", "href": author, "name": authorHandle}}}})
	return note
}

// received is what the server has been sent so far.
func (m *microblog) received() []delivery {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]delivery(nil), m.got...)
}

// await waits for a delivery that match accepts, and fails the test at
// the deadline, listing what arrived.
func (m *microblog) await(t testing.TB, what string, match func(delivery) bool) delivery {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		for _, d := range m.received() {
			if match(d) {
				return d
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never reached %s; it was sent: %v", what, m.url, m.received())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// object is the object d carries, decoded: an embedded one, or for an IRI
// a map with only its id.
func (d delivery) object() map[string]any {
	switch o := d.doc["object"].(type) {
	case map[string]any:
		return o
	case string:
		return map[string]any{"id": o}
	}
	return nil
}

// mentions lists the hrefs of the Mention tags of an object.
func mentions(obj map[string]any) map[string]string {
	out := map[string]string{}
	tags, _ := obj["tag"].([]any)
	for _, tag := range tags {
		if m, ok := tag.(map[string]any); ok && m["type"] == "Mention" {
			href, _ := m["href"].(string)
			name, _ := m["name"].(string)
			out[href] = name
		}
	}
	return out
}
