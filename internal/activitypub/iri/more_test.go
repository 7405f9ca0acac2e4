package iri_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/activitypub/iri"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewUUID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		u := iri.NewUUID()
		if !uuidV4.MatchString(u) {
			t.Fatalf("%q is not a version 4 UUID", u)
		}
		if seen[u] {
			t.Fatalf("%q repeated", u)
		}
		seen[u] = true
	}
}

func TestActivity(t *testing.T) {
	t.Parallel()
	id := iri.New("https", "news.example").Activity("Create")
	prefix := "https://news.example/activities/create/"
	if !strings.HasPrefix(id, prefix) || !uuidV4.MatchString(strings.TrimPrefix(id, prefix)) {
		t.Errorf("activity id %q", id)
	}
}

func TestOrigin(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, base string }{
		{"https://news.example/u/alice", "https://news.example"},
		{"http://lemmy-alpha:8541/c/main", "http://lemmy-alpha:8541"},
		{"https://news.example/", "https://news.example"},
	}
	for _, tt := range tests {
		b, ok := iri.Origin(tt.id)
		if !ok || b.Base() != tt.base {
			t.Errorf("Origin(%q) = %q, %v; want %q", tt.id, b.Base(), ok, tt.base)
		}
	}
	for _, bad := range []string{"", "/u/alice", "alice"} {
		if _, ok := iri.Origin(bad); ok {
			t.Errorf("Origin(%q) ok", bad)
		}
	}
}

// The boost of a post has one id, whenever and wherever it is built, under
// the community's server; other posts' boosts have others.
func TestBoostIsThePostsOwn(t *testing.T) {
	t.Parallel()
	b := iri.New("https", "news.example")
	post := "https://lemmy.example/post/7"
	id := b.Boost(post)
	prefix := "https://news.example/activities/announce/"
	uuidV5 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !strings.HasPrefix(id, prefix) || !uuidV5.MatchString(strings.TrimPrefix(id, prefix)) {
		t.Errorf("boost id %q, want %s and a name-based UUID", id, prefix)
	}
	if again := iri.New("https", "news.example").Boost(post); again != id {
		t.Errorf("the boost of %s is %s, then %s", post, id, again)
	}
	if other := b.Boost("https://lemmy.example/post/8"); other == id {
		t.Errorf("two posts' boosts share the id %s", id)
	}
	// A standard version 5 UUID, as others compute it: Python's
	// uuid.uuid5(uuid.NAMESPACE_URL, "https://www.example.com/").
	if got, want := b.Boost("https://www.example.com/"), prefix+"3d3ed9d2-aa3d-5fa6-90e8-ed662e90f559"; got != want {
		t.Errorf("Boost(https://www.example.com/) = %s, want %s", got, want)
	}
}
