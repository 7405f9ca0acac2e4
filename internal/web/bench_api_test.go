package web_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/api"
	"github.com/tidings/tidings/internal/server"
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
	benchVersus(b, s, "/", "/api/v3/post/list?sort=Hot&type_=All&limit=25", "post/list against the front page")
}

// BenchmarkAPICommentList reads comment/list of the 500-comment thread as
// an app asks for a thread (its tree to depth 8, at most 300) against the
// thread's page, which shows as much.
func BenchmarkAPICommentList(b *testing.B) {
	s := webtest.Start(b)
	postID := strconv.FormatInt(seedBenchThread(b, s, 500), 10)
	benchVersus(b, s, "/post/"+postID, "/api/v3/comment/list?sort=Hot&max_depth=8&post_id="+postID,
		"comment/list against the thread page")
}

// benchVersus times the page and the API path on a server with both, and
// reports the API's time as a multiple of the page's.
func benchVersus(b *testing.B, s *webtest.Server, page, apiPath, what string) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pages, err := web.New(s.Forum, s.Store, log)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(server.Router(server.Deps{Pool: s.Pool, Log: log, Web: pages, API: api.New(s.Forum, s.Store, log)}))
	defer srv.Close()
	c := newBenchClient()
	for range 20 { // warm: the connection, caches, the database's plans
		c.get(b, srv.URL+page)
		c.get(b, srv.URL+apiPath)
	}
	var pageTotal, apiTotal time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		c.get(b, srv.URL+page)
		t1 := time.Now()
		c.get(b, srv.URL+apiPath)
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
