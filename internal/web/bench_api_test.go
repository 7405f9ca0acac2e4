package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/api"
	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web"
	"github.com/tidings/tidings/internal/web/webtest"
)

// The client API's listings against the pages that show the same things,
// over the same data sets and on one server with the same middleware:
// the issue asks an API listing to take at most 1.5 times its page's
// time. Each iteration fetches both, one after the other, so that the
// machine's drift weighs on both alike.
//
//	go test -run '^$' -bench 'API' -benchtime 200x ./internal/web/

// BenchmarkAPIPostList reads post/list (Hot, All, 25 posts, as the front
// page shows them) over the front page's 100,000 posts.
func BenchmarkAPIPostList(b *testing.B) {
	s := webtest.Start(b)
	seedBenchFrontPage(b, s, 100_000, 50)
	benchVersus(b, s, "/", "/api/v3/post/list?sort=Hot&type_=All&limit=25", "post/list against the front page", nil, nil)
}

// BenchmarkAPIPostListLoggedIn is BenchmarkAPIPostList for a reader who
// blocks someone and has saved and read posts: what they saved, read and
// block is read for each page, on both sides.
func BenchmarkAPIPostListLoggedIn(b *testing.B) {
	s := webtest.Start(b)
	seedBenchFrontPage(b, s, 100_000, 50)
	ctx := context.Background()
	u := s.User("reader", "bench password 1")
	var blocked int64
	if err := s.Pool.QueryRow(ctx, `SELECT id FROM people WHERE name = 'p7'`).Scan(&blocked); err != nil {
		b.Fatal(err)
	}
	if err := s.Store.BlockPerson(ctx, u.ID, blocked); err != nil {
		b.Fatal(err)
	}
	for _, sql := range []string{
		`INSERT INTO saved_posts (person_id, post_id) SELECT $1, id FROM posts ORDER BY hot_rank DESC LIMIT 5`,
		`INSERT INTO post_reads (person_id, post_id) SELECT $1, id FROM posts ORDER BY hot_rank DESC LIMIT 10`,
	} {
		if _, err := s.Pool.Exec(ctx, sql, u.ID); err != nil {
			b.Fatal(err)
		}
	}
	page := http.Header{"Cookie": {benchSessionCookie(b, s, "reader")}}
	apiH := http.Header{"Authorization": {"Bearer " + apiToken(b, s, u)}}
	benchVersus(b, s, "/", "/api/v3/post/list?sort=Hot&type_=All&limit=25", "post/list against the front page, logged in", page, apiH)
}

// BenchmarkAPICommentList reads comment/list of the 500-comment thread as
// an app asks for a thread (its tree to depth 8, at most 300) against the
// thread's page, which shows as much.
func BenchmarkAPICommentList(b *testing.B) {
	s := webtest.Start(b)
	postID := strconv.FormatInt(seedBenchThread(b, s, 500), 10)
	benchVersus(b, s, "/post/"+postID, "/api/v3/comment/list?sort=Hot&max_depth=8&post_id="+postID,
		"comment/list against the thread page", nil, nil)
}

// benchVersus times the page and the API path on a server with both, each
// asked with its headers (a log-in), and reports the API's time as a
// multiple of the page's.
func benchVersus(b *testing.B, s *webtest.Server, page, apiPath, what string, pageH, apiH http.Header) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pages, err := web.New(s.Forum, s.Store, log)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(server.Router(server.Deps{Pool: s.Pool, Log: log, Web: pages, API: api.New(s.Forum, s.Store, log)}))
	defer srv.Close()
	c := newBenchClient()
	for range 20 { // warm: the connection, caches, the database's plans
		c.getWith(b, srv.URL+page, pageH)
		c.getWith(b, srv.URL+apiPath, apiH)
	}
	var pageTotal, apiTotal time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		c.getWith(b, srv.URL+page, pageH)
		t1 := time.Now()
		c.getWith(b, srv.URL+apiPath, apiH)
		pageTotal, apiTotal = pageTotal+t1.Sub(t0), apiTotal+time.Since(t1)
		n++
	}
	ratio := float64(apiTotal) / float64(pageTotal)
	b.ReportMetric(benchMillis(pageTotal)/float64(n), "page_ms")
	b.ReportMetric(benchMillis(apiTotal)/float64(n), "api_ms")
	b.ReportMetric(ratio, "api_vs_page")
	verdict := "within the aim of 1.5"
	if ratio > 1.5 {
		verdict = "over the aim of 1.5"
	}
	b.Logf("%s: the page %.2f ms, the API %.2f ms (mean of %d each); the API takes %.2f times the page's time, %s",
		what, benchMillis(pageTotal)/float64(n), benchMillis(apiTotal)/float64(n), n, ratio, verdict)
}

// getWith is get with the request's headers.
func (c *benchClient) getWith(b *testing.B, url string, h http.Header) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header = h.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v\n%.500s", url, resp.StatusCode, err, body)
	}
}

// benchSessionCookie logs name in through the web's form and answers the
// session's Cookie header.
func benchSessionCookie(b *testing.B, s *webtest.Server, name string) string {
	c := s.Login(name, "bench password 1")
	u, err := url.Parse(s.URL)
	if err != nil {
		b.Fatal(err)
	}
	var parts []string
	for _, ck := range c.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; ")
}

// apiToken is a JWT for u, as the API's log-in issues it.
func apiToken(b *testing.B, s *webtest.Server, u store.LocalUser) string {
	tok, err := apiutil.NewTokens(s.Forum, s.Store, s.Host).Issue(context.Background(), u, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return tok
}
