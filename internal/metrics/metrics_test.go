package metrics_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/metrics"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/store"
)

// families scrapes srv's /metrics in the text format.
func families(t *testing.T, srv *httptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("scrape: %d %s", resp.StatusCode, body)
	}
	dec := expfmt.NewDecoder(resp.Body, expfmt.ResponseFormat(resp.Header))
	out := map[string]*dto.MetricFamily{}
	for {
		f := &dto.MetricFamily{}
		if err := dec.Decode(f); errors.Is(err, io.EOF) {
			return out
		} else if err != nil {
			t.Fatalf("scrape: %v", err)
		}
		out[f.GetName()] = f
	}
}

func labels(m *dto.Metric) map[string]string {
	out := map[string]string{}
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}

// Requests are counted by the route that took them: a thousand posts, a
// scanner's made-up paths and methods are still a handful of series.
func TestRequestsCountedByRoute(t *testing.T) {
	t.Parallel()
	m := metrics.New(metrics.Deps{})
	r := chi.NewRouter()
	r.Use(server.Middleware(slog.New(slog.DiscardHandler), m.HTTP))
	r.Get("/post/{id}", func(w http.ResponseWriter, r *http.Request) {
		if chi.URLParam(r, "id") == "404" {
			http.NotFound(w, r)
		}
	})
	site := httptest.NewServer(r)
	defer site.Close()
	for _, path := range []string{"/post/1", "/post/2", "/post/3", "/post/404", "/wp-login.php", "/.env"} {
		resp, err := http.Get(site.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	req, _ := http.NewRequest("BREW", site.URL+"/post/1", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	scraper := httptest.NewServer(m.Handler())
	defer scraper.Close()

	got := map[string]float64{}
	for _, s := range families(t, scraper)["tidings_http_requests_total"].GetMetric() {
		l := labels(s)
		got[l["method"]+" "+l["route"]+" "+l["code"]] = s.GetCounter().GetValue()
	}
	for k, v := range map[string]float64{"GET /post/{id} 200": 3, "GET /post/{id} 404": 1, "GET unmatched 404": 2} {
		if got[k] != v {
			t.Errorf("%s counted %v times, want %v; all: %v", k, got[k], v, got)
		}
	}
	// chi answers a method no route has 405, under one route label or
	// the other, and the method is never the one the client made up.
	if got["other unmatched 405"]+got["other /post/{id} 405"] != 1 {
		t.Errorf("the BREW request is not counted once as method other: %v", got)
	}
	if len(got) != 4 {
		t.Errorf("%d series, want 4: %v", len(got), got)
	}
}

// When the database does not answer, a scrape still serves what it has:
// the job queue's series are left out, the rest is there.
func TestScrapeWithoutDatabase(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	m := metrics.New(metrics.Deps{Pool: pool, Store: store.New(pool), DeliverKind: "deliver_activity"})
	scraper := httptest.NewServer(m.Handler())
	defer scraper.Close()

	up := families(t, scraper)
	for _, s := range up["tidings_deliveries"].GetMetric() {
		if v := s.GetGauge().GetValue(); v != 0 {
			t.Errorf("an empty queue has %v deliveries %s", v, labels(s)["state"])
		}
	}
	if n := len(up["tidings_deliveries"].GetMetric()); n != 4 {
		t.Errorf("%d delivery states, want queued, in_flight, failed and given_up", n)
	}

	pool.Close()
	down := families(t, scraper)
	if _, ok := down["tidings_deliveries"]; ok {
		t.Error("deliveries counted while the database is gone")
	}
	for _, f := range []string{"go_goroutines", "tidings_db_pool_max_connections", "process_open_fds"} {
		if _, ok := down[f]; !ok {
			t.Errorf("no %s while the database is gone; have %s", f, strings.Join(keys(down), " "))
		}
	}
}

func keys(m map[string]*dto.MetricFamily) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
