package safehttp_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/safehttp"
)

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func hello(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hello") }

func addrPort(t *testing.T, srv *httptest.Server) netip.AddrPort {
	t.Helper()
	ap, err := netip.ParseAddrPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

func TestLoopbackIsRefusedByDefault(t *testing.T) {
	t.Parallel()
	srv := serve(t, hello)
	_, err := safehttp.New(safehttp.Options{}).Get(context.Background(), srv.URL, "")
	if !errors.Is(err, safehttp.ErrForbiddenAddress) {
		t.Fatalf("Get %s: err = %v, want ErrForbiddenAddress", srv.URL, err)
	}
	var ae *safehttp.AddressError
	if !errors.As(err, &ae) || ae.Addr != netip.MustParseAddr("127.0.0.1") {
		t.Errorf("error %v does not carry the address", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "127.0.0.1") || !strings.Contains(msg, "loopback") {
		t.Errorf("error %q should name the address and why it is refused", msg)
	}
	if !safehttp.Permanent(err) {
		t.Errorf("a forbidden address should be a permanent failure")
	}
}

func TestAllowPrivateReachesLoopback(t *testing.T) {
	t.Parallel()
	var gotUA, gotAccept string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAccept = r.UserAgent(), r.Header.Get("Accept")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "hello")
	})
	c := safehttp.New(safehttp.Options{AllowPrivate: true, UserAgent: "Tidings/test (+https://news.example)"})
	resp, err := c.Get(context.Background(), srv.URL+"/x", "text/plain")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || string(resp.Body) != "hello" || resp.Err() != nil {
		t.Errorf("got %d %q (%v)", resp.StatusCode, resp.Body, resp.Err())
	}
	if resp.MediaType() != "text/plain" || resp.URL.String() != srv.URL+"/x" {
		t.Errorf("media type %q, url %s", resp.MediaType(), resp.URL)
	}
	if gotUA != "Tidings/test (+https://news.example)" || gotAccept != "text/plain" {
		t.Errorf("server saw User-Agent %q, Accept %q", gotUA, gotAccept)
	}
}

func TestRedirectToLoopbackIsRefused(t *testing.T) {
	t.Parallel()
	internal := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		t.Error("the internal server was reached")
		io.WriteString(w, "secret")
	})
	public := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
	})
	c := safehttp.NewWithPublic(safehttp.Options{}, addrPort(t, public))
	_, err := c.Get(context.Background(), public.URL, "")
	if !errors.Is(err, safehttp.ErrForbiddenAddress) {
		t.Fatalf("err = %v, want ErrForbiddenAddress", err)
	}
}

func TestRedirectsAreFollowedWithinLimits(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/final", http.StatusMovedPermanently)
		case "/final":
			io.WriteString(w, "here")
		case "/ftp":
			http.Redirect(w, r, "ftp://files.example/x", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	})
	c := safehttp.NewWithPublic(safehttp.Options{MaxRedirects: 3}, addrPort(t, srv))
	ctx := context.Background()

	resp, err := c.Get(ctx, srv.URL+"/moved", "")
	if err != nil || string(resp.Body) != "here" || resp.URL.Path != "/final" {
		t.Errorf("redirect: %v, %+v", err, resp)
	}
	if _, err := c.Get(ctx, srv.URL+"/ftp", ""); !errors.Is(err, safehttp.ErrUnsupportedScheme) {
		t.Errorf("redirect to ftp: err = %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/loop", ""); !errors.Is(err, safehttp.ErrTooManyRedirects) {
		t.Errorf("redirect loop: err = %v", err)
	}
}

func TestNameResolvingToLoopbackIsRefused(t *testing.T) {
	t.Parallel()
	srv := serve(t, hello)
	url := "http://localhost:" + srv.URL[strings.LastIndexByte(srv.URL, ':')+1:] + "/"
	_, err := safehttp.New(safehttp.Options{}).Get(context.Background(), url, "")
	if !errors.Is(err, safehttp.ErrForbiddenAddress) {
		t.Fatalf("Get %s: err = %v, want ErrForbiddenAddress", url, err)
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := limit
		if r.URL.Path != "/exact" {
			n++
		}
		if r.URL.Path == "/announced" {
			w.Header().Set("Content-Length", "2000000")
		} else {
			// Without a length, so the limit is met while reading.
			w.(http.Flusher).Flush()
		}
		w.Write([]byte(strings.Repeat("x", n)))
	})
	c := safehttp.New(safehttp.Options{AllowPrivate: true})
	ctx := context.Background()
	if resp, err := c.Get(ctx, srv.URL+"/exact", ""); err != nil || len(resp.Body) != limit {
		t.Errorf("a body of exactly 1 MiB: %v", err)
	}
	for _, path := range []string{"/over", "/announced"} {
		if _, err := c.Get(ctx, srv.URL+path, ""); !errors.Is(err, safehttp.ErrTooLarge) {
			t.Errorf("%s: err = %v, want ErrTooLarge", path, err)
		}
	}

	// A stream may read the beginning of a long body.
	s, err := c.Open(ctx, srv.URL+"/over", "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Body.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(s.Body, head); err != nil {
		t.Errorf("reading the start of a long stream: %v", err)
	}
	if _, err := io.Copy(io.Discard, s.Body); !errors.Is(err, safehttp.ErrTooLarge) {
		t.Errorf("reading a whole long stream: err = %v, want ErrTooLarge", err)
	}
}

func TestStalledServerTimesOut(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	const timeout = 300 * time.Millisecond
	c := safehttp.New(safehttp.Options{AllowPrivate: true, Timeout: timeout})
	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL, "")
	elapsed := time.Since(start)
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if elapsed > timeout+5*time.Second {
		t.Errorf("gave up after %v, the timeout is %v", elapsed, timeout)
	}
	if safehttp.Permanent(err) {
		t.Error("a timeout should be worth retrying")
	}
}

func TestOnlyHTTPSchemes(t *testing.T) {
	t.Parallel()
	c := safehttp.New(safehttp.Options{AllowPrivate: true})
	for _, u := range []string{"file:///etc/passwd", "ftp://files.example/x", "gopher://old.example/"} {
		if _, err := c.Get(context.Background(), u, ""); !errors.Is(err, safehttp.ErrUnsupportedScheme) {
			t.Errorf("%s: err = %v, want ErrUnsupportedScheme", u, err)
		}
	}
	for _, u := range []string{"http://", "::not a url"} {
		if _, err := c.Get(context.Background(), u, ""); !errors.Is(err, safehttp.ErrInvalidURL) {
			t.Errorf("%s: err = %v, want ErrInvalidURL", u, err)
		}
	}
}

func TestDoSendsTheCallersRequest(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, r.Method+" "+r.Header.Get("Signature")+" "+string(body))
	})
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/inbox", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Signature", "keyId=x")
	resp, err := safehttp.New(safehttp.Options{AllowPrivate: true}).Do(req)
	if err != nil || resp.StatusCode != http.StatusAccepted || string(resp.Body) != "POST keyId=x {}" {
		t.Errorf("Do: %v, %+v", err, resp)
	}
	req, _ = http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/inbox", nil)
	if _, err := safehttp.New(safehttp.Options{}).Do(req); !errors.Is(err, safehttp.ErrForbiddenAddress) {
		t.Errorf("Do to loopback: err = %v", err)
	}
}

func TestStatusErrors(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/busy":
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			w.WriteHeader(http.StatusBadGateway)
		}
	})
	c := safehttp.New(safehttp.Options{AllowPrivate: true})
	for path, permanent := range map[string]bool{"/gone": true, "/busy": false, "/down": false} {
		resp, err := c.Get(context.Background(), srv.URL+path, "")
		if err != nil {
			t.Fatal(err)
		}
		serr := resp.Err()
		var se *safehttp.StatusError
		if !errors.As(serr, &se) || se.StatusCode != resp.StatusCode || !strings.Contains(serr.Error(), path) {
			t.Errorf("%s: Err() = %v", path, serr)
		}
		if safehttp.Permanent(serr) != permanent {
			t.Errorf("%s: Permanent = %v, want %v", path, !permanent, permanent)
		}
	}
}

func TestForbiddenRanges(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"127.0.0.1":        "loopback",
		"127.255.0.9":      "loopback",
		"10.1.2.3":         "private",
		"172.16.0.1":       "private",
		"172.31.255.255":   "private",
		"192.168.1.1":      "private",
		"100.64.0.1":       "CGNAT",
		"169.254.169.254":  "link-local",
		"0.0.0.0":          "unspecified",
		"224.0.0.1":        "multicast",
		"255.255.255.255":  "broadcast",
		"240.0.0.1":        "reserved",
		"192.0.2.10":       "documentation",
		"198.51.100.7":     "documentation",
		"203.0.113.1":      "documentation",
		"198.18.0.1":       "benchmarking",
		"::1":              "loopback",
		"::":               "unspecified",
		"fd00::1":          "private",
		"fe80::1%eth0":     "link-local",
		"ff02::1":          "multicast",
		"2001:db8::1":      "documentation",
		"::ffff:127.0.0.1": "loopback",
		"::ffff:10.0.0.1":  "private",
		"64:ff9b::a00:1":   "private",
		"4000::1":          "reserved",
		"8.8.8.8":          "",
		"172.32.0.1":       "",
		"100.128.0.1":      "",
		"2606:4700::1111":  "",
		"64:ff9b::808:808": "",
	} {
		got := safehttp.Forbidden(netip.MustParseAddr(addr))
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

func TestFailed(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]bool{
		&safehttp.StatusError{StatusCode: 404, URL: "https://x.example/a"}:          true,
		&url.Error{Op: "Get", URL: "https://x.example", Err: errors.New("refused")}: true,
		fmt.Errorf("fetch: %w", safehttp.ErrForbiddenAddress):                       true,
		errors.New("database is down"):                                              false,
	} {
		if got := safehttp.Failed(err); got != want {
			t.Errorf("Failed(%v) = %v, want %v", err, got, want)
		}
	}
}
