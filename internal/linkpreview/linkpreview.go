// Package linkpreview reads what a linked page says about itself (its
// OpenGraph or Twitter card, else its <title> and meta description) for the
// card shown under a link post.
package linkpreview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/safehttp"
)

// ErrUnsupported: the link is neither a web page nor an image, so there is
// nothing to show; fetching it again will not change that.
var ErrUnsupported = errors.New("not a web page or an image")

// Preview is what a link's card shows. Any field may be empty.
type Preview struct {
	Title       string
	Description string
	ImageURL    string
	ContentType string // the media type, without parameters
}

const (
	maxTitle       = 200  // runes, as a post title
	maxDescription = 1000 // runes
	maxURL         = 2000 // bytes, as a post's URL
	// Pages put their metadata in <head>, which is rarely past the first
	// few hundred KiB even on heavy news sites.
	headLimit = 512 << 10
	accept    = "text/html,application/xhtml+xml;q=0.9,image/*;q=0.8,*/*;q=0.5"
)

// Fetch reads the preview of the page or image at url. It reads no further
// than the end of a page's <head>. Errors are safehttp's (see
// safehttp.Permanent), a *safehttp.StatusError for a non-2xx answer, or
// ErrUnsupported.
func Fetch(ctx context.Context, c *safehttp.Client, url string) (Preview, error) {
	s, err := c.Open(ctx, url, accept)
	if err != nil {
		return Preview{}, fmt.Errorf("fetch link preview: %w", err)
	}
	defer s.Body.Close()
	if err := s.Err(); err != nil {
		return Preview{}, fmt.Errorf("fetch link preview: %w", err)
	}
	body := bufio.NewReaderSize(io.LimitReader(s.Body, headLimit), 512)
	mediaType := s.MediaType()
	if mediaType == "" {
		// Some servers send no Content-Type; browsers sniff, and so do we.
		peek, err := body.Peek(512)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return Preview{}, fmt.Errorf("fetch link preview of %s: %w", s.URL.Redacted(), err)
		}
		mediaType, _, _ = strings.Cut(http.DetectContentType(peek), ";")
	}
	p := Preview{ContentType: mediaType}
	switch {
	case strings.HasPrefix(mediaType, "image/"):
		p.ImageURL = cleanURL(s.URL)
		return p, nil
	case mediaType == "text/html" || mediaType == "application/xhtml+xml":
	default:
		return p, fmt.Errorf("fetch link preview of %s: %w (%s)", s.URL.Redacted(), ErrUnsupported, mediaType)
	}
	m, err := readHead(body, s.Header.Get("Content-Type"))
	if err != nil {
		return p, fmt.Errorf("fetch link preview of %s: %w", s.URL.Redacted(), err)
	}
	p.Title = clean(first(m.meta["og:title"], m.meta["twitter:title"], m.title), maxTitle)
	p.Description = clean(first(m.meta["og:description"], m.meta["twitter:description"], m.meta["description"]), maxDescription)
	for _, raw := range []string{m.meta["og:image"], m.meta["og:image:url"], m.meta["og:image:secure_url"],
		m.meta["twitter:image"], m.meta["twitter:image:src"]} {
		if p.ImageURL = resolve(s.URL, raw); p.ImageURL != "" {
			break
		}
	}
	return p, nil
}

type head struct {
	title string
	meta  map[string]string // the first content of each property or name
}

// readHead tokenizes the page up to </head> or the first element of the
// body, whichever comes first, converting its charset to UTF-8 as a browser would.
func readHead(r io.Reader, contentType string) (head, error) {
	h := head{meta: map[string]string{}}
	utf8Body, err := charset.NewReader(r, contentType)
	if err != nil {
		return h, fmt.Errorf("read page: %w", err)
	}
	z := html.NewTokenizer(utf8Body)
	inTitle, gotTitle := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			err := z.Err()
			// The end of what was read, or of the size the client allows,
			// ends the head as well as </head> would.
			if errors.Is(err, io.EOF) || errors.Is(err, safehttp.ErrTooLarge) {
				return h, nil
			}
			return h, fmt.Errorf("read page: %w", err)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "title":
				inTitle = !gotTitle && tt == html.StartTagToken
			case "meta":
				if hasAttr {
					readMeta(z, h.meta)
				}
			case "html", "head", "link", "style", "script", "noscript", "base", "template":
			default:
				// Any other element starts the body, with or without <body>.
				return h, nil
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "head":
				return h, nil
			case "title":
				inTitle = false
			}
		case html.TextToken:
			if inTitle {
				h.title += string(z.Text())
				gotTitle = true
			}
		}
	}
}

func readMeta(z *html.Tokenizer, meta map[string]string) {
	var key, content string
	hasContent := false
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "property", "name":
			if key == "" {
				key = strings.ToLower(strings.TrimSpace(string(v)))
			}
		case "content":
			content, hasContent = string(v), true
		}
		if !more {
			break
		}
	}
	if key == "" || !hasContent {
		return
	}
	if _, seen := meta[key]; !seen {
		meta[key] = content
	}
}

func first(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// clean makes page text fit to store and show: valid UTF-8 with no control
// characters (PostgreSQL refuses NUL), runs of white space collapsed, and
// at most max runes, cut with an ellipsis.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if runes.Cut(s, max) == s {
		return s
	}
	return strings.TrimRightFunc(runes.Cut(s, max-1), unicode.IsSpace) + "…"
}

// resolve makes an image reference absolute against the page's final URL,
// keeping only http and https ones short enough to store.
func resolve(page *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := page.Parse(ref)
	if err != nil {
		return ""
	}
	return cleanURL(u)
}

func cleanURL(u *url.URL) string {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery}
	if s := u.String(); len(s) <= maxURL {
		return s
	}
	return ""
}
