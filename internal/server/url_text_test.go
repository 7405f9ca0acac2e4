package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/web"
	"github.com/tidings/tidings/internal/web/webtest"
)

// queryKeys are the query parameters any handler reads.
var queryKeys = []string{"q", "type", "sort", "after", "page", "resource", "community", "community_id", "all", "saved", "return"}

// getRoutes is every GET route of the real router, as chi patterns.
func getRoutes(t *testing.T, s *webtest.Server) []string {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	pages, err := web.New(s.Forum, s.Store, log)
	if err != nil {
		t.Fatal(err)
	}
	fed, err := federation.New(federation.Deps{Forum: s.Forum, Store: s.Store, Log: log, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := server.Router(server.Deps{Pool: s.Pool, Log: log, Web: pages, Fed: fed}).(chi.Routes)
	if !ok {
		t.Fatal("the router is not a chi router; the test cannot list its routes")
	}
	var out []string
	err = chi.Walk(r, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == http.MethodGet {
			out = append(out, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// fill puts values into a route's parameters: good ones, except bad in
// the parameter at index badAt (-1 for none).
func fill(route string, good map[string]string, badAt int, bad string) string {
	var b strings.Builder
	n := 0
	for {
		i := strings.IndexAny(route, "{*")
		if i < 0 {
			b.WriteString(route)
			return b.String()
		}
		b.WriteString(route[:i])
		name, rest := "*", route[i+1:]
		if route[i] == '{' {
			j := strings.IndexByte(route, '}')
			name, rest = route[i+1:j], route[j+1:]
		}
		if n == badAt {
			b.WriteString(bad)
		} else {
			b.WriteString(good[name])
		}
		n++
		route = rest
	}
}

// A NUL byte or bytes that are not UTF-8, in any parameter of any GET
// route, in its path or its query, answer 400 or 404 with a reason, for a
// browser, a logged-in person and another server alike: never a 500.
func TestUnreadableURLsAreRefusedNotFailed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := webtest.Start(t)
	alice := s.User("alice", "password123")
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "Hello", Body: "text"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := s.Forum.CreateComment(ctx, alice, post.ID, 0, "a comment")
	if err != nil {
		t.Fatal(err)
	}
	good := map[string]string{"name": "news", "id": strconv.FormatInt(post.ID, 10), "file": "news.xml",
		"kind": "create", "*": "app.js"}
	var urls []string
	for _, route := range getRoutes(t, s) {
		g := good
		if strings.HasPrefix(route, "/u/") || strings.HasPrefix(route, "/feeds/u/") {
			g = map[string]string{"name": "alice", "file": "alice.xml"}
		}
		if strings.HasPrefix(route, "/comment/") {
			g = map[string]string{"id": strconv.FormatInt(comment.ID, 10)}
		}
		params := strings.Count(route, "{") + strings.Count(route, "*")
		for i := range params {
			for _, bad := range []string{"%00", "%ff", "%c3%28", g["name"] + "@%00", "%00.xml", "x%ffy.xml", "1%00"} {
				urls = append(urls, fill(route, g, i, bad))
			}
		}
		base := fill(route, g, -1, "")
		for _, k := range queryKeys {
			for _, bad := range []string{"%00", "%ff", "%c3%28", "ok%00", "acct:%ff@" + s.Host, "!news@%00"} {
				urls = append(urls, base+"?"+k+"="+bad)
			}
		}
		urls = append(urls, base+"?%ff=1")
	}
	if len(urls) < 500 {
		t.Fatalf("only %d URLs to try; are the routes listed?", len(urls))
	}
	clients := map[string]struct {
		c      *webtest.Client
		accept string
	}{
		"a browser":      {s.NewClient(), "text/html"},
		"alice":          {s.Login("alice", "password123"), "text/html"},
		"another server": {s.NewClient(), "application/activity+json"},
	}
	for who, cl := range clients {
		for _, u := range urls {
			req, err := http.NewRequest(http.MethodGet, s.URL+u, nil)
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			req.Header.Set("Accept", cl.accept)
			resp, err := cl.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: GET %s answers %d, want 400 or 404: %.200s", who, u, resp.StatusCode, body)
			} else if len(body) == 0 {
				t.Errorf("%s: GET %s answers %d without a reason", who, u, resp.StatusCode)
			}
		}
	}
}

// The check refuses only what is not text: accents, emoji and escapes of
// ordinary characters pass on to the handlers.
func TestReadableURLsPass(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	c := s.NewClient()
	for _, u := range []string{"/search?q=caf%C3%A9", "/search?q=%F0%9F%93%B0", "/search?q=a%20b", "/communities"} {
		if resp := c.Get(u); resp.Status != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", u, resp.Status)
		}
	}
	resp := c.Get("/c/%00")
	if resp.Status != http.StatusBadRequest || !strings.Contains(resp.Body, "cannot be read: its path") {
		t.Errorf("GET /c/%%00 = %d %q, want 400 saying the path cannot be read", resp.Status, resp.Body)
	}
	resp = c.Get("/.well-known/webfinger?resource=acct:%ff@" + s.Host)
	if resp.Status != http.StatusBadRequest || !strings.Contains(resp.Body, "the query parameter resource") {
		t.Errorf("webfinger of acct:%%ff = %d %q, want 400 naming the parameter", resp.Status, resp.Body)
	}
}
