package web_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/media/mediatest"
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

var pageAsset = regexp.MustCompile(`<(?:img|script)[^>]* src="([^"]+)"|<link[^>]* href="([^"]+)"[^>]* rel="(?:stylesheet|icon)"|<link[^>]* rel="(?:stylesheet|icon)"[^>]* href="([^"]+)"`)

// BenchmarkFrontPageWithThumbnails loads the front page as a browser
// with an empty cache would: the page, then its stylesheet, script, icon
// and every thumbnail (one of 20 kept copies of other servers' pictures
// beside each post), once plain and once compressed (zstd, as Chrome asks).
// It reports the requests and the bytes on the wire each way, and their
// ratio: the pictures are already compressed, so the text's share is what
// compression saves.
func BenchmarkFrontPageWithThumbnails(b *testing.B) {
	s := webtest.Start(b)
	seedBenchFrontPage(b, s, 5000, 50)
	ctx := b.Context()
	for i := range 20 {
		up, err := s.Forum.StoreFetchedImage(ctx, "post", mediatest.Photo(1200+8*i, 800))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Pool.Exec(ctx, `INSERT INTO remote_images (url, purpose, image_id, fetched_at)
			VALUES ('https://news.example.org/img/' || $1::int || '.jpg', 'post', $2, now())`, i, up.ID); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.Pool.Exec(ctx, `UPDATE posts SET thumbnail_url = 'https://news.example.org/img/' || id % 20 || '.jpg'`); err != nil {
		b.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
	get := func(url, enc string) []byte {
		req, err := http.NewRequest(http.MethodGet, url, nil)
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
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d, %v", url, resp.StatusCode, err)
		}
		return body
	}
	// load answers the requests and bytes of the page and what it loads.
	load := func(enc string) (requests, bytes, images int) {
		page := get(s.URL+"/", enc)
		plain := get(s.URL+"/", "")
		requests, bytes = 1, len(page)
		seen := map[string]bool{} // a browser asks for each address once
		for _, m := range pageAsset.FindAllStringSubmatch(string(plain), -1) {
			src := strings.ReplaceAll(m[1]+m[2]+m[3], "&amp;", "&")
			if seen[src] {
				continue
			}
			seen[src] = true
			if strings.HasPrefix(src, "/") {
				src = s.URL + src
			}
			if !strings.HasPrefix(src, s.URL) {
				b.Fatalf("the front page loads %s from elsewhere", src)
			}
			if strings.Contains(src, "/pictrs/image/") {
				images++
			}
			requests++
			bytes += len(get(src, enc))
		}
		return requests, bytes, images
	}
	var plainReq, plainBytes, zReq, zBytes, images int
	for b.Loop() {
		plainReq, plainBytes, images = load("")
		zReq, zBytes, _ = load("zstd")
	}
	if images < 10 || plainReq != zReq {
		b.Fatalf("%d thumbnails in %d requests (%d compressed)", images, plainReq, zReq)
	}
	b.ReportMetric(float64(plainReq), "requests")
	b.ReportMetric(float64(images), "thumbnails")
	b.ReportMetric(float64(plainBytes), "plain_bytes")
	b.ReportMetric(float64(zBytes), "zstd_bytes")
	b.ReportMetric(float64(zBytes)/float64(plainBytes), "zstd/plain")
	b.Logf("front page with %d thumbnails: %d requests, %d bytes plain, %d with zstd (%.0f%%)",
		images, plainReq, plainBytes, zBytes, 100*float64(zBytes)/float64(plainBytes))
}
