package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/tidings/tidings/internal/web/webtest"
)

// rawGet fetches a path with the given request headers and no transparent
// decoding, so the test sees the bytes and headers a browser would.
func rawGet(t *testing.T, s *webtest.Server, path string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// decode undoes a response's Content-Encoding.
func decode(t *testing.T, resp *http.Response, body []byte) []byte {
	t.Helper()
	switch enc := resp.Header.Get("Content-Encoding"); enc {
	case "":
		return body
	case "gzip":
		r, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		return out
	case "zstd":
		d, err := zstd.NewReader(nil)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		out, err := d.DecodeAll(body, nil)
		if err != nil {
			t.Fatalf("zstd body: %v", err)
		}
		return out
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
		return nil
	}
}

func wantVaryEncoding(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	for _, v := range resp.Header.Values("Vary") {
		if strings.Contains(strings.ToLower(v), "accept-encoding") {
			return
		}
	}
	t.Errorf("%s: Vary is %q, want Accept-Encoding in it", what, resp.Header.Values("Vary"))
}

// TestCompressionNegotiated checks that pages and feeds go out in the
// encoding the client prefers, that each decodes to the same page, and that
// ActivityPub JSON and tiny bodies are left alone.
func TestCompressionNegotiated(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	s := w.s
	for i := range 5 {
		w.post(t, w.alice, fmt.Sprintf("Harbour bridge news, part %d", i), "The span is open again.")
	}
	plainResp, plain := rawGet(t, s, "/")
	if enc := plainResp.Header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("without Accept-Encoding the front page came as %q", enc)
	}
	wantVaryEncoding(t, "plain front page", plainResp)
	for _, c := range []struct{ accept, want string }{
		{"gzip", "gzip"},
		{"gzip, deflate, br, zstd", "zstd"},
		{"zstd;q=0, gzip", "gzip"},
		{"gzip;q=0", ""},
		{"br", ""},
	} {
		resp, body := rawGet(t, s, "/", "Accept-Encoding", c.accept)
		if got := resp.Header.Get("Content-Encoding"); got != c.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.want)
			continue
		}
		wantVaryEncoding(t, "front page for "+c.accept, resp)
		if c.want != "" && len(body) >= len(plain)/2 {
			t.Errorf("%s: %d bytes, the page is %d: hardly compressed", c.want, len(body), len(plain))
		}
		if got := decode(t, resp, body); !bytes.Equal(got, plain) {
			t.Errorf("%s: the decoded page differs from the plain one", c.accept)
		}
	}

	resp, body := rawGet(t, s, "/feeds/all.xml", "Accept-Encoding", "gzip")
	if len(decode(t, resp, body)) >= 1024 && resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("the feed came as %q, want gzip", resp.Header.Get("Content-Encoding"))
	}

	// A community's actor, as another server fetches it.
	if _, err := s.Forum.CreateCommunity(context.Background(), forumCommunity("compressed", "Compressed")); err != nil {
		t.Fatal(err)
	}
	resp, body = rawGet(t, s, "/c/compressed", "Accept", "application/activity+json", "Accept-Encoding", "gzip, zstd")
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "json") {
		t.Fatalf("the community as ActivityPub came as %q:\n%.300s", ct, body)
	}
	if enc := resp.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("ActivityPub JSON came as %q, want it plain", enc)
	}

	resp, _ = rawGet(t, s, "/healthz", "Accept-Encoding", "gzip")
	if enc := resp.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("a 3-byte body came as %q, want it plain", enc)
	}
}

var stylesheetLink = regexp.MustCompile(`<link rel="stylesheet" href="(/static/style\.([0-9a-f]{12})\.css)">`)

// TestStaticFingerprinted checks that pages link the stylesheet by a name
// with its content hash, served for a year, with an ETag per encoding that
// answers 304.
func TestStaticFingerprinted(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	_, page := rawGet(t, s, "/")
	m := stylesheetLink.FindSubmatch(page)
	if m == nil {
		t.Fatalf("the front page links no fingerprinted stylesheet:\n%s", excerpt(string(page)))
	}
	url, hash := string(m[1]), string(m[2])
	for _, want := range []string{`<script src="/static/app.`, `<link rel="icon" href="/static/favicon.`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page has no %s…", want)
		}
	}

	resp, css := rawGet(t, s, url)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	sum := sha256.Sum256(css)
	if got := hex.EncodeToString(sum[:6]); got != hash {
		t.Errorf("the name says %s, the content hashes to %s", hash, got)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control %q, want a year, immutable", cc)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	resp, body := rawGet(t, s, url, "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match %s: %d with %d bytes, want 304 and none", etag, resp.StatusCode, len(body))
	}

	for _, enc := range []string{"gzip", "zstd"} {
		resp, body := rawGet(t, s, url, "Accept-Encoding", enc)
		if got := resp.Header.Get("Content-Encoding"); got != enc {
			t.Errorf("Accept-Encoding %s: Content-Encoding %q", enc, got)
			continue
		}
		wantVaryEncoding(t, "stylesheet as "+enc, resp)
		if !bytes.Equal(decode(t, resp, body), css) {
			t.Errorf("the %s stylesheet decodes to other bytes", enc)
		}
		tag := resp.Header.Get("ETag")
		if tag == etag || tag == "" {
			t.Errorf("%s ETag %q, want one of its own (plain is %s)", enc, tag, etag)
		}
		resp, _ = rawGet(t, s, url, "Accept-Encoding", enc, "If-None-Match", tag)
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match %s: %d, want 304", enc, tag, resp.StatusCode)
		}
	}

	// The plain name still answers, for links from outside, but only
	// for a short while.
	resp, body = rawGet(t, s, "/static/style.css")
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, css) {
		t.Errorf("/static/style.css: %d, same bytes %v", resp.StatusCode, bytes.Equal(body, css))
	}
	if cc := resp.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("the plain name is cached as %q", cc)
	}
	if resp, _ := rawGet(t, s, "/static/style.000000000000.css"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a made-up fingerprint answers %d, want 404", resp.StatusCode)
	}
}
