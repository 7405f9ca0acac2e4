package e2e_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/tidings/tidings/internal/fedtest"
)

// An admin's Prometheus scrapes /metrics on the address set apart for it
// (never on the site's), in OpenMetrics, and finds what happened: page
// views by route and status with their latency, the inbox's activities by
// outcome, a delivery in flight and then failed, the pool and the Go
// runtime.
func TestMetricsShowWhatHappened(t *testing.T) {
	t.Parallel()
	const ip = "127.0.0.60"
	addr := freeAddr(t, ip)
	a := fedtest.Start(t, fedtest.Options{IP: ip, Env: map[string]string{"TIDINGS_METRICS_LISTEN": addr}})
	if got := a.NewClient().Get(t, "/metrics"); got.Status != http.StatusNotFound {
		t.Errorf("the site answers /metrics with %d, want 404: metrics are not public", got.Status)
	}
	a.CreateUser(t, "anna", "correct horse battery")
	community := a.CreateCommunity(t, "news", "News", "anna")
	anna := a.Login(t, "anna", "correct horse battery")
	post := fmt.Sprintf("/post/%d", anna.CreatePost(t, "news", "Counted", "Every view is counted."))
	for range 3 {
		if got := anna.Get(t, post); got.Status != http.StatusOK {
			t.Fatalf("GET %s: %d", post, got.Status)
		}
	}
	if got := anna.Get(t, "/post/987654321"); got.Status != http.StatusNotFound {
		t.Fatalf("GET a missing post: %d, want 404", got.Status)
	}

	// A follower whose inbox answers after 15 s: its Accept is in flight
	// until the delivery gives this try up after 10 s, and is then failed,
	// to be tried again later. Its Follow, sent twice, counts once as
	// accepted and once as a duplicate; an unsigned POST is refused for
	// its signature.
	reader := fedtest.StartRemote(t, "127.0.0.61", "reader")
	reader.Slow(15 * time.Second)
	follow, _ := json.Marshal(map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": reader.NewID("follow"), "type": "Follow", "actor": reader.Actor, "object": community})
	for range 2 {
		if status, body, err := reader.Send(community+"/inbox", follow); err != nil || status != http.StatusAccepted {
			t.Fatalf("Follow: %d %s %v", status, body, err)
		}
	}
	resp, err := http.Post(a.URL+"/inbox", "application/activity+json", strings.NewReader(string(follow)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("an unsigned activity: %d, want 401", resp.StatusCode)
	}

	fedtest.WaitFor(t, 10*time.Second, "the Accept counted in flight", func() (bool, string) {
		m := scrape(t, addr, false)
		return m.value("tidings_deliveries", "state", "in_flight") == 1 &&
				m.value("tidings_jobs", "kind", "deliver_activity", "state", "running") == 1,
			m.text("tidings_deliveries") + m.text("tidings_jobs")
	})
	fedtest.WaitFor(t, 20*time.Second, "the Accept counted as failed once its try timed out", func() (bool, string) {
		m := scrape(t, addr, false)
		return m.value("tidings_deliveries", "state", "failed") == 1 && m.value("tidings_deliveries", "state", "in_flight") == 0 &&
				m.value("tidings_jobs", "kind", "deliver_activity", "state", "retryable") == 1,
			m.text("tidings_deliveries") + m.text("tidings_jobs")
	})

	m := scrape(t, addr, true)
	postShow := []string{"method", "GET", "route", "/post/{id}"}
	for _, want := range []struct {
		family string
		labels []string
		value  float64
	}{
		{"tidings_http_requests", append(postShow, "code", "200"), 3},
		{"tidings_http_requests", append(postShow, "code", "404"), 1},
		{"tidings_inbox_activities", []string{"type", "Follow", "outcome", "accepted"}, 1},
		{"tidings_inbox_activities", []string{"type", "Follow", "outcome", "duplicate"}, 1},
		{"tidings_inbox_activities", []string{"type", "Follow", "outcome", "refused", "reason", "signature"}, 1},
		{"tidings_deliveries", []string{"state", "given_up"}, 0},
		{"tidings_db_pool_max_connections", nil, 20},
	} {
		if got := m.value(want.family, want.labels...); got != want.value {
			t.Errorf("%s%v = %v, want %v; the family:\n%s", want.family, want.labels, got, want.value, m.text(want.family))
		}
	}
	if n := m.histogramCount("tidings_http_request_duration_seconds", append(postShow, "code", "200")...); n != 3 {
		t.Errorf("the latency histogram of /post/{id} counts %d requests, want 3:\n%s", n, m.text("tidings_http_request_duration_seconds"))
	}
	if m.value("tidings_db_pool_connections", "state", "idle")+m.value("tidings_db_pool_connections", "state", "acquired") < 1 {
		t.Errorf("the pool shows no connection:\n%s", m.text("tidings_db_pool_connections"))
	}
	if m.value("tidings_db_pool_acquires") < 1 {
		t.Errorf("the pool shows no acquire:\n%s", m.text("tidings_db_pool_acquires"))
	}
	for _, family := range []string{"go_goroutines", "go_memory_classes_heap_objects_bytes", "go_gc_cycles_total_gc_cycles", "process_resident_memory_bytes", "process_open_fds"} {
		if !m.has(family) {
			t.Errorf("no %s", family)
		}
	}
	for _, f := range m.families {
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == "route" && strings.Contains(l.GetValue(), "987654321") {
					t.Errorf("%s has the path asked for as its route: %q", f.GetName(), l.GetValue())
				}
			}
		}
	}
}

// freeAddr is a free port on ip.
func freeAddr(t *testing.T, ip string) string {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// scraped are the families of one scrape, by name.
type scraped struct{ families map[string]*dto.MetricFamily }

// scrape asks for OpenMetrics, as Prometheus does, or else for the text
// format, and parses it with Prometheus' own parser, failing on anything
// that is not valid. The OpenMetrics parser takes seconds for one scrape
// on a busy machine, so what is polled is read as text.
func scrape(t *testing.T, addr string, openMetrics bool) scraped {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := expfmt.TypeTextPlain
	req.Header.Set("Accept", "text/plain;version=0.0.4")
	if openMetrics {
		want = expfmt.TypeOpenMetrics
		req.Header.Set("Accept", "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape: %d %s", resp.StatusCode, body)
	}
	format := expfmt.ResponseFormat(resp.Header)
	if format.FormatType() != want || (openMetrics && !strings.HasSuffix(string(body), "# EOF\n")) {
		t.Fatalf("scrape: Content-Type %q, not %v, or no # EOF at the end of OpenMetrics", resp.Header.Get("Content-Type"), want)
	}
	dec := expfmt.NewDecoder(strings.NewReader(string(body)), format)
	out := scraped{families: map[string]*dto.MetricFamily{}}
	for {
		f := &dto.MetricFamily{}
		if err := dec.Decode(f); errors.Is(err, io.EOF) {
			return out
		} else if err != nil {
			t.Fatalf("scrape: not valid %v: %v\n%s", want, err, body)
		}
		out.families[f.GetName()] = f
	}
}

// series is the sample of family with these label pairs, nil if none.
func (s scraped) series(family string, labels ...string) *dto.Metric {
	f := s.families[family]
	if f == nil {
		f = s.families[family+"_total"] // OpenMetrics names a counter's family without _total
	}
	for _, m := range f.GetMetric() {
		if matches(m, labels) {
			return m
		}
	}
	return nil
}

func matches(m *dto.Metric, labels []string) bool {
	have := map[string]string{}
	for _, l := range m.GetLabel() {
		have[l.GetName()] = l.GetValue()
	}
	for i := 0; i+1 < len(labels); i += 2 {
		if have[labels[i]] != labels[i+1] {
			return false
		}
	}
	return true
}

func (s scraped) has(family string, labels ...string) bool { return s.series(family, labels...) != nil }

// value is a counter's or gauge's value, -1 when there is no such series.
func (s scraped) value(family string, labels ...string) float64 {
	m := s.series(family, labels...)
	switch {
	case m == nil:
		return -1
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Untyped != nil:
		return m.Untyped.GetValue()
	}
	return -1
}

func (s scraped) histogramCount(family string, labels ...string) uint64 {
	return s.series(family, labels...).GetHistogram().GetSampleCount()
}

// text is a family as a person reads it, for failure messages.
func (s scraped) text(family string) string {
	var b strings.Builder
	for name, f := range s.families {
		if name == family || name == family+"_total" {
			for _, m := range f.GetMetric() {
				fmt.Fprintf(&b, "  %s %v\n", name, m)
			}
		}
	}
	return b.String()
}
