package web_test

import (
	"bytes"
	"image/jpeg"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/web/webtest"
)

// BenchmarkUploadToVisible sends a 4000×3000 photo as a post's picture
// over HTTP and fetches its thumbnail as a listing would, and reports that
// time against decoding the same file alone.
func BenchmarkUploadToVisible(b *testing.B) {
	s := webtest.Start(b)
	s.User("alice", password)
	c := s.Login("alice", password)
	photo := mediatest.Photo(4000, 3000)
	var upload, decode time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := jpeg.Decode(bytes.NewReader(photo)); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		r := c.PostMultipart("/settings/pictures", url.Values{"purpose": {"avatar"}},
			map[string]webtest.File{"image": {Name: "p.jpg", Data: photo}})
		if r.Status != http.StatusSeeOther {
			b.Fatalf("upload: %d", r.Status)
		}
		page := c.Get("/settings/pictures")
		m := regexp.MustCompile(`<img src="([^"]+)" width="320"`).FindStringSubmatch(page.Body)
		if m == nil {
			b.Fatal("no thumbnail listed")
		}
		resp, err := http.Get(m[1])
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("thumbnail: %v", err)
		}
		resp.Body.Close()
		upload += time.Since(t1)
		decode += t1.Sub(t0)
	}
	b.ReportMetric(float64(upload.Milliseconds())/float64(b.N), "upload-to-visible-ms")
	b.ReportMetric(float64(upload)/float64(decode), "upload/decode")
}
