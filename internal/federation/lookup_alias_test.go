package federation_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// aliasServer is a Mastodon or GoToSocial on loopback: documents by path,
// each served whatever its id, and redirects.
type aliasServer struct {
	url      string
	pub      string
	priv     string
	mu       sync.Mutex
	docs     map[string]map[string]any
	redirect map[string]string
	hits     map[string]int
}

func newAliasServer(t *testing.T) *aliasServer {
	t.Helper()
	pub, priv, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	s := &aliasServer{pub: pub, priv: priv, docs: map[string]map[string]any{}, redirect: map[string]string{},
		hits: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		doc, to := s.docs[r.URL.Path], s.redirect[r.URL.Path]
		s.mu.Unlock()
		switch {
		case to != "":
			http.Redirect(w, r, to, http.StatusSeeOther)
		case doc != nil:
			w.Header().Set("Content-Type", `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`)
			_ = json.NewEncoder(w).Encode(doc)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	s.url = srv.URL
	return s
}

// at serves doc at path.
func (s *aliasServer) at(path string, doc map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = doc
}

func (s *aliasServer) redirectTo(path, to string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.redirect[path] = to
}

func (s *aliasServer) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// person is a plain actor whose id is id, with s's key.
func (s *aliasServer) person(id, name string) map[string]any {
	return map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": id, "type": "Person",
		"preferredUsername": name, "inbox": id + "/inbox",
		"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": s.pub}}
}

// Looking up a person or a status by the URL of its page, as people copy
// it from their browser, finds the id the page stands for and stores it
// under that id.
func TestLookupByProfileURL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	masto, gts := newAliasServer(t), newAliasServer(t)
	moves := []string{"https://mastodon.example", masto.url, "https://tidings.example/c/news", l.community.APID}
	alice := quirk(t, "mastodon_person.json", masto.pub, moves...)
	status := quirk(t, "mastodon_status.json", "", moves...)
	// Mastodon serves the actor at her profile page too, and a status at
	// its page; GoToSocial redirects the profile page to the actor.
	masto.at("/users/alice", alice)
	masto.at("/@alice", alice)
	masto.at("/users/alice/statuses/112233445566778899", status)
	masto.at("/@alice/112233445566778899", status)
	gina := quirk(t, "gotosocial_person.json", gts.pub, "https://gts.example", gts.url)
	gts.at("/users/gina", gina)
	gts.redirectTo("/@gina", "/users/gina")

	for _, tc := range []struct {
		typed, id, path string
	}{
		{masto.url + "/@alice", masto.url + "/users/alice", "/u/alice@" + strings.TrimPrefix(masto.url, "http://")},
		{gts.url + "/@gina", gts.url + "/users/gina", "/u/gina@" + strings.TrimPrefix(gts.url, "http://")},
	} {
		path, err := l.fed.Resolve(ctx, tc.typed)
		if err != nil || path != tc.path {
			t.Errorf("look up %s: %q, %v; want %s", tc.typed, path, err, tc.path)
		}
		if _, err := l.st.PersonByAPID(ctx, tc.id); err != nil {
			t.Errorf("%s was not stored under its id %s: %v", tc.typed, tc.id, err)
		}
		if _, err := l.st.PersonByAPID(ctx, tc.typed); err == nil {
			t.Errorf("%s was stored under the address of its page", tc.typed)
		}
	}
	if masto.hitsOf("/users/alice") != 1 {
		t.Errorf("the actor's id was fetched %d times, want once (where its id must match)", masto.hitsOf("/users/alice"))
	}

	path, err := l.fed.Resolve(ctx, masto.url+"/@alice/112233445566778899")
	if err != nil || !strings.HasPrefix(path, "/post/") {
		t.Fatalf("look up a status by its page: %q, %v", path, err)
	}
	p, err := l.st.PostByAPID(ctx, status["id"].(string))
	if err != nil || p.Title != "A heron on the weir this morning" || p.CommunityID != l.community.ID {
		t.Errorf("the status looked up by its page: %+v %v", p, err)
	}
}

// An alias is followed only to an id of its own server, once each, and at
// most three times; else the lookup is refused saying why, and nothing is
// stored.
func TestLookupRefusesBadAliasChains(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	s, other := newAliasServer(t), newAliasServer(t)
	// Three aliases to an id is as far as a lookup goes.
	s.at("/@three", s.person(s.url+"/three/1", "three"))
	s.at("/three/1", s.person(s.url+"/three/2", "three"))
	s.at("/three/2", s.person(s.url+"/three/3", "three"))
	s.at("/three/3", s.person(s.url+"/three/3", "three"))
	if _, err := l.fed.Resolve(ctx, s.url+"/@three"); err != nil {
		t.Errorf("three aliases: %v", err)
	}
	if _, err := l.st.PersonByAPID(ctx, s.url+"/three/3"); err != nil {
		t.Errorf("three aliases: the person was not stored under its id: %v", err)
	}

	s.at("/@elsewhere", other.person(other.url+"/users/mallory", "mallory"))
	other.at("/users/mallory", other.person(other.url+"/users/mallory", "mallory"))
	s.at("/@loop", s.person(s.url+"/loop/a", "loop"))
	s.at("/loop/a", s.person(s.url+"/loop/b", "loop"))
	s.at("/loop/b", s.person(s.url+"/loop/a", "loop"))
	s.at("/@deep", s.person(s.url+"/deep/1", "deep"))
	for i := 1; i <= 4; i++ {
		s.at("/deep/"+string(rune('0'+i)), s.person(s.url+"/deep/"+string(rune('1'+i)), "deep"))
	}
	s.at("/deep/5", s.person(s.url+"/deep/5", "deep"))
	for typed, says := range map[string]string{
		s.url + "/@elsewhere": "is an alias of " + other.url + "/users/mallory, on another server",
		s.url + "/@loop":      "loop back to " + s.url + "/loop/a",
		s.url + "/@deep":      "more than 3 aliases away",
	} {
		_, err := l.fed.Resolve(ctx, typed)
		if !errors.Is(err, federation.ErrAliasRefused) || !strings.Contains(err.Error(), says) {
			t.Errorf("look up %s: %v, want refused saying %q", typed, err, says)
		}
	}
	if n := other.hitsOf("/users/mallory"); n != 0 {
		t.Errorf("the other server was asked %d times", n)
	}
	if n := s.hitsOf("/deep/4"); n != 0 {
		t.Errorf("the chain was followed past three aliases: /deep/4 fetched %d times", n)
	}
	var people int
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM people WHERE NOT local`).Scan(&people); err != nil || people != 1 {
		t.Errorf("%d remote people stored (%v), want only the one at the end of three aliases", people, err)
	}
	if _, err := l.st.InstanceByDomain(ctx, strings.TrimPrefix(other.url, "http://")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the other server was recorded as an instance: %v", err)
	}
}

// Ids in activities must match exactly: an actor named by the address of
// a profile page is not followed to its id, and its activity is refused.
func TestActivityActorMustBeAnID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	masto := newAliasServer(t)
	alice := quirk(t, "mastodon_person.json", masto.pub, "https://mastodon.example", masto.url)
	masto.at("/users/alice", alice)
	masto.at("/@alice", alice)
	profile := masto.url + "/@alice"
	sign := signerOf(t, profile, &sender{priv: masto.priv})
	code, _ := l.post(t, "/inbox", activity(map[string]any{"id": masto.url + "/users/alice#follows/1", "type": "Follow",
		"actor": profile, "object": l.community.APID}), sign)
	if code < 400 || code >= 500 {
		t.Errorf("a Follow by %s: %d, want refused", profile, code)
	}
	for _, id := range []string{profile, masto.url + "/users/alice"} {
		if _, err := l.st.PersonByAPID(ctx, id); err == nil {
			t.Errorf("%s was stored from an activity naming its actor by a page", id)
		}
	}
	if n := l.followers(t); n != 0 {
		t.Errorf("%d followers after the refused Follow", n)
	}
}
