package federation_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/web"
)

// BenchmarkBackfill200 is the time a fresh subscriber takes to receive a
// backfill of 200 posts from a community on another instance and render
// the community's page, against the time to fetch the same outbox pages
// without storing anything (the wire and the origin's own work), both over
// loopback HTTP in the same run. Each iteration is a new subscriber with
// its own database, made outside the timing.
//
//	go test -run '^$' -bench Backfill200 -benchtime 5x ./internal/federation/
func BenchmarkBackfill200(b *testing.B) {
	ctx := context.Background()
	a, _ := origin(b, 200)
	var backfill, render, fetchOnly time.Duration
	for range b.N {
		b.StopTimer()
		s := newLocal(b)
		if _, err := s.fed.Resolve(ctx, a.community.APID); err != nil {
			b.Fatal(err)
		}
		c, err := s.st.CommunityByAPID(ctx, a.community.APID)
		if err != nil {
			b.Fatal(err)
		}
		pages, err := web.New(s.f, s.st, slog.New(slog.DiscardHandler))
		if err != nil {
			b.Fatal(err)
		}
		r := chi.NewRouter()
		pages.Routes(r)
		b.StartTimer()

		start := time.Now()
		if n, err := s.fed.FetchCollection(ctx, c.OutboxURL, 200); err != nil || n != 200 {
			b.Fatalf("fetch the outbox: %d items, %v", n, err)
		}
		fetchOnly += time.Since(start)

		start = time.Now()
		if n, _, err := s.fed.Backfill(ctx, c.ID, inAMinute); err != nil || n != 200 {
			b.Fatalf("backfill: %d posts, %v", n, err)
		}
		backfill += time.Since(start)
		start = time.Now()
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/c/"+url.PathEscape("news@"+c.Domain), nil))
		render += time.Since(start)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Post 199") {
			b.Fatalf("the community page after the backfill: %d", rec.Code)
		}
	}
	per := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(b.N) }
	b.ReportMetric(per(backfill+render), "ms/backfill+render")
	b.ReportMetric(per(fetchOnly), "ms/fetch-only")
	b.ReportMetric(float64(backfill+render)/float64(fetchOnly), "x-fetch-only")
	b.Logf("200 posts: backfill %.0f ms + render %.1f ms per new subscriber; fetching the same pages alone %.0f ms; ratio %.1f",
		per(backfill), float64(render.Microseconds())/1000/float64(b.N), per(fetchOnly), float64(backfill+render)/float64(fetchOnly))
}
