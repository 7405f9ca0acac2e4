package linkpreview_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/linkpreview"
	"github.com/tidings/tidings/internal/safehttp"
)

var client = safehttp.New(safehttp.Options{AllowPrivate: true})

// site serves each path's page with its content type.
func site(t *testing.T, pages map[string][2]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if page[0] != "" {
			w.Header().Set("Content-Type", page[0])
		} else {
			w.Header()["Content-Type"] = nil // no sniffing by the server either
		}
		io.WriteString(w, page[1])
	}))
	t.Cleanup(srv.Close)
	return srv
}

func fetch(t *testing.T, url string) linkpreview.Preview {
	t.Helper()
	p, err := linkpreview.Fetch(context.Background(), client, url)
	if err != nil {
		t.Fatalf("Fetch %s: %v", url, err)
	}
	return p
}

func TestOpenGraphWins(t *testing.T) {
	t.Parallel()
	srv := site(t, map[string][2]string{"/news/story": {"text/html; charset=utf-8", `<!doctype html>
<html><head>
<title>Site title | Example News</title>
<meta name="description" content="The plain description">
<meta property="og:title" content="  Council approves
    new &amp; wider bike lanes ">
<meta property="og:description" content="After a year of debate, the city votes.">
<meta property="og:image" content="/img/lanes.jpg?w=800#top">
<meta name="twitter:title" content="Twitter title">
</head><body><h1>ignored</h1><meta property="og:image" content="https://late.example/x.png"></body></html>`}})
	p := fetch(t, srv.URL+"/news/story")
	want := linkpreview.Preview{
		Title:       "Council approves new & wider bike lanes",
		Description: "After a year of debate, the city votes.",
		ImageURL:    srv.URL + "/img/lanes.jpg?w=800",
		ContentType: "text/html",
	}
	if p != want {
		t.Errorf("got  %+v\nwant %+v", p, want)
	}
}

func TestFallbacks(t *testing.T) {
	t.Parallel()
	srv := site(t, map[string][2]string{
		"/twitter": {"text/html", `<html><head><meta name="twitter:title" content="Card title">
			<meta name="twitter:description" content="Card text"><meta name="twitter:image" content="https://cdn.example/card.png">
			<title>Plain</title></head></html>`},
		"/plain": {"text/html", `<html><head><title>Just a &lt;title&gt;</title>
			<meta name="Description" content="Meta description"></head><body>text</body></html>`},
		// No </head>, no <head> at all: the body still ends the search.
		"/bare": {"text/html", `<title>Bare</title><p>hello<meta property="og:title" content="too late">`},
	})
	for path, want := range map[string]linkpreview.Preview{
		"/twitter": {Title: "Card title", Description: "Card text", ImageURL: "https://cdn.example/card.png", ContentType: "text/html"},
		"/plain":   {Title: "Just a <title>", Description: "Meta description", ContentType: "text/html"},
		"/bare":    {Title: "Bare", ContentType: "text/html"},
	} {
		if p := fetch(t, srv.URL+path); p != want {
			t.Errorf("%s: got %+v, want %+v", path, p, want)
		}
	}
}

func TestOnlyWebImagesAreKept(t *testing.T) {
	t.Parallel()
	srv := site(t, map[string][2]string{
		"/js":   {"text/html", `<head><meta property="og:image" content="javascript:alert(1)"><meta name="twitter:image" content="data:image/png;base64,AAAA"></head>`},
		"/next": {"text/html", `<head><meta property="og:image" content="ftp://files.example/a.png"><meta name="twitter:image" content="//cdn.example/b.png"></head>`},
	})
	if p := fetch(t, srv.URL+"/js"); p.ImageURL != "" {
		t.Errorf("kept image %q", p.ImageURL)
	}
	if p := fetch(t, srv.URL+"/next"); p.ImageURL != "http://cdn.example/b.png" {
		t.Errorf("image %q, want the protocol-relative one resolved", p.ImageURL)
	}
}

func TestLongTextIsCut(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 300)
	srv := site(t, map[string][2]string{"/": {"text/html", `<head><title>` + long + `</title>
		<meta name="description" content="` + strings.Repeat("word ", 400) + `"></head>`}})
	p := fetch(t, srv.URL+"/")
	if n := utf8.RuneCountInString(p.Title); n != 200 || !strings.HasSuffix(p.Title, "…") {
		t.Errorf("title of %d runes: %q", n, p.Title)
	}
	if n := utf8.RuneCountInString(p.Description); n > 1000 || n < 990 {
		t.Errorf("description of %d runes", n)
	}
}

func TestImageLinkIsItsOwnImage(t *testing.T) {
	t.Parallel()
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	srv := site(t, map[string][2]string{"/cat.png": {"image/png", png}, "/sniffed": {"", png}})
	for _, path := range []string{"/cat.png", "/sniffed"} {
		p := fetch(t, srv.URL+path)
		if p.ImageURL != srv.URL+path || p.ContentType != "image/png" || p.Title != "" {
			t.Errorf("%s: %+v", path, p)
		}
	}
}

func TestLegacyCharsetIsDecoded(t *testing.T) {
	t.Parallel()
	srv := site(t, map[string][2]string{
		"/header": {"text/html; charset=iso-8859-1", "<head><title>Caf\xe9 cr\xe8me</title></head>"},
		"/meta":   {"text/html", `<head><meta charset="windows-1252"><title>Caf` + "\xe9" + `</title></head>`},
	})
	if p := fetch(t, srv.URL+"/header"); p.Title != "Café crème" {
		t.Errorf("charset from header: %q", p.Title)
	}
	if p := fetch(t, srv.URL+"/meta"); p.Title != "Café" {
		t.Errorf("charset from meta: %q", p.Title)
	}
}

func TestHugePageStopsAtHead(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<html><head><title>Big page</title></head><body>`)
		for range 300 {
			io.WriteString(w, strings.Repeat("<p>filler</p>", 1000))
		}
	}))
	t.Cleanup(srv.Close)
	small := safehttp.New(safehttp.Options{AllowPrivate: true, MaxBody: 64 << 10})
	p, err := linkpreview.Fetch(context.Background(), small, srv.URL)
	if err != nil || p.Title != "Big page" {
		t.Errorf("4 MiB page: %+v, %v", p, err)
	}
	// A head longer than the client allows gives what was found so far.
	srv2 := site(t, map[string][2]string{"/": {"text/html", `<head><title>Long head</title>` + strings.Repeat("<script>x</script>", 10000)}})
	if p, err := linkpreview.Fetch(context.Background(), small, srv2.URL+"/"); err != nil || p.Title != "Long head" {
		t.Errorf("long head: %+v, %v", p, err)
	}
}

func TestFailuresSayWhetherToRetry(t *testing.T) {
	t.Parallel()
	srv := site(t, map[string][2]string{"/doc.pdf": {"application/pdf", "%PDF-1.7"}})
	ctx := context.Background()

	_, err := linkpreview.Fetch(ctx, client, srv.URL+"/missing")
	var se *safehttp.StatusError
	if !errors.As(err, &se) || se.StatusCode != 404 || !safehttp.Permanent(err) {
		t.Errorf("404: %v", err)
	}
	if _, err := linkpreview.Fetch(ctx, client, srv.URL+"/doc.pdf"); !errors.Is(err, linkpreview.ErrUnsupported) {
		t.Errorf("pdf: %v", err)
	}
	strict := safehttp.New(safehttp.Options{})
	if _, err := linkpreview.Fetch(ctx, strict, srv.URL+"/doc.pdf"); !errors.Is(err, safehttp.ErrForbiddenAddress) {
		t.Errorf("loopback without AllowPrivate: %v", err)
	}
}
