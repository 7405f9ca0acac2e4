package web_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/web/webtest"
)

// BenchmarkFrontPageCompressed reads the front page (Hot, All, 20 of 5,000
// posts in 50 communities) as a browser would, once per encoding, and
// reports its size on the wire plain, as gzip and as zstd, and how long a
// request takes in each: what compression saves a reader on a slow link,
// and what it costs the server.
func BenchmarkFrontPageCompressed(b *testing.B) {
	s := webtest.Start(b)
	seedBenchFrontPage(b, s, 5000, 50)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
	get := func(enc string) int {
		req, err := http.NewRequest(http.MethodGet, s.URL+"/", nil)
		if err != nil {
			b.Fatal(err)
		}
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != enc {
			b.Fatalf("GET / as %q: %d, %q, %v", enc, resp.StatusCode, resp.Header.Get("Content-Encoding"), err)
		}
		return int(n)
	}
	encodings := []struct{ name, header string }{{"plain", ""}, {"gzip", "gzip"}, {"zstd", "zstd"}}
	sizes := map[string]int{}
	for _, e := range encodings {
		for range 5 { // warm the connection and the database's plans
			sizes[e.name] = get(e.header)
		}
	}
	var took [3]time.Duration
	n := 0
	for b.Loop() {
		for i, e := range encodings {
			t0 := time.Now()
			get(e.header)
			took[i] += time.Since(t0)
		}
		n++
	}
	for i, e := range encodings {
		b.ReportMetric(float64(sizes[e.name]), e.name+"_bytes")
		b.ReportMetric(benchMillis(took[i])/float64(n), e.name+"_ms/req")
	}
	b.Logf("front page: %d bytes plain, %d gzip (%.0f%%), %d zstd (%.0f%%); per request %.2f ms plain, %.2f gzip, %.2f zstd",
		sizes["plain"], sizes["gzip"], 100*float64(sizes["gzip"])/float64(sizes["plain"]),
		sizes["zstd"], 100*float64(sizes["zstd"])/float64(sizes["plain"]),
		benchMillis(took[0])/float64(n), benchMillis(took[1])/float64(n), benchMillis(took[2])/float64(n))
}
