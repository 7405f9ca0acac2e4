// Package safehttp is Tidings' only outbound HTTP client. Every URL it is
// given comes from someone else (a link in a post, an actor in an activity),
// so it refuses to reach loopback, private and other non-public addresses,
// and it bounds the time and the size of every response.
//
// The address check runs in net.Dialer.Control, on the address actually
// dialled after name resolution, so a redirect to an internal host or a name
// that resolves to one (DNS rebinding included) is refused just the same.
package safehttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

var (
	// ErrForbiddenAddress: the host resolved to an address that must not be
	// reached (loopback, private, link-local, reserved...). The error
	// returned is an *AddressError naming the address and the reason.
	ErrForbiddenAddress = errors.New("forbidden address")
	// ErrTooLarge: the response body is longer than Options.MaxBody.
	ErrTooLarge = errors.New("response body too large")
	// ErrUnsupportedScheme: the URL, or a redirect, is not http or https.
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
	// ErrInvalidURL: the URL cannot be parsed or has no host.
	ErrInvalidURL = errors.New("invalid URL")
	// ErrTooManyRedirects: more redirects than Options.MaxRedirects.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// Options configures a Client; zero values take the defaults.
type Options struct {
	// AllowPrivate lets requests reach loopback and private addresses, for
	// tests and development on one machine only.
	AllowPrivate bool
	// UserAgent is sent unless a request sets its own; default "Tidings".
	UserAgent string
	// Timeout bounds a whole request: connecting, redirects and reading
	// the body. Default 10s, about what Lemmy's senders wait for us.
	Timeout time.Duration
	// MaxBody is the longest body read; default 1 MiB.
	MaxBody int64
	// MaxRedirects is how many redirects are followed; default 5, and a
	// negative value follows none.
	MaxRedirects int
}

const (
	defaultTimeout      = 10 * time.Second
	defaultMaxBody      = 1 << 20
	defaultMaxRedirects = 5
	defaultUserAgent    = "Tidings"
)

// Client sends requests within its Options' limits. It is safe for
// concurrent use and keeps connections alive, so make one and share it.
type Client struct {
	hc        *http.Client
	userAgent string
	maxBody   int64
	// isPublic, set only by tests, lets one loopback listener stand in for
	// a public server so that redirects away from it can be tested.
	isPublic func(netip.AddrPort) bool
}

// New returns a Client with the given options.
func New(o Options) *Client {
	return newClient(o, nil)
}

func newClient(o Options, isPublic func(netip.AddrPort) bool) *Client {
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = defaultMaxBody
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = defaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = defaultUserAgent
	}
	c := &Client{userAgent: o.UserAgent, maxBody: o.MaxBody, isPublic: isPublic}
	dialer := &net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}
	if !o.AllowPrivate {
		dialer.Control = c.control
	}
	transport := &http.Transport{
		// No proxy: the proxy's address would be checked instead of the
		// destination's, and the proxy could reach anything.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	maxRedirects := o.MaxRedirects
	c.hc = &http.Client{
		Transport: transport,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, maxRedirects)
			}
			return checkURL(req.URL)
		},
	}
	return c
}

// control refuses a connection to a forbidden address just before the
// socket connects, whatever name or redirect led there.
func (c *Client) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("check address %q: %w", address, err)
	}
	if c.isPublic != nil && c.isPublic(ap) {
		return nil
	}
	if why := forbidden(ap.Addr()); why != "" {
		return &AddressError{Addr: ap.Addr(), Reason: why}
	}
	return nil
}

func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w %q in %s: only http and https are fetched", ErrUnsupportedScheme, u.Scheme, u.Redacted())
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%w %s: no host", ErrInvalidURL, u.Redacted())
	}
	return nil
}

// Head is what a response says besides its body.
type Head struct {
	StatusCode int
	Header     http.Header
	// URL is the one finally answered, after redirects; relative links in
	// the body are resolved against it.
	URL *url.URL
}

// Err is a *StatusError when the status is not 2xx, and nil otherwise.
func (h Head) Err() error {
	if h.StatusCode >= 200 && h.StatusCode < 300 {
		return nil
	}
	return &StatusError{StatusCode: h.StatusCode, URL: h.URL.Redacted()}
}

// MediaType is the Content-Type without its parameters, in lower case, or
// "" when there is none or it cannot be parsed.
func (h Head) MediaType() string {
	mt, _, err := mime.ParseMediaType(h.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// Response is a response with its whole body.
type Response struct {
	Head
	Body []byte
}

// Stream is a response whose body is left to the caller to read, for those
// that need only its beginning; reading past MaxBody fails with
// ErrTooLarge. Close the Body.
type Stream struct {
	Head
	Body io.ReadCloser
}

// StatusError is a response whose status is not 2xx.
type StatusError struct {
	StatusCode int
	URL        string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s answered %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}

// refusals are this client's own refusals of a request.
var refusals = []error{ErrForbiddenAddress, ErrTooLarge, ErrUnsupportedScheme, ErrInvalidURL, ErrTooManyRedirects}

// Failed reports an error of a request made through this package (refused
// here, unanswered, or answered with a non-2xx status) rather than of the
// caller's own work.
func Failed(err error) bool {
	var se *StatusError
	var ue *url.Error
	if errors.As(err, &se) || errors.As(err, &ue) {
		return true
	}
	for _, p := range refusals {
		if errors.Is(err, p) {
			return true
		}
	}
	return false
}

// Permanent reports whether trying again later cannot help: the address is
// forbidden, the URL is unusable, the body is too large, or the server
// answered with a 4xx other than 408 (timeout) or 429 (rate limited).
// Timeouts, connection failures and 5xx answers may pass.
func Permanent(err error) bool {
	for _, p := range refusals {
		if errors.Is(err, p) {
			return true
		}
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.StatusCode >= 400 && se.StatusCode < 500 &&
			se.StatusCode != http.StatusRequestTimeout && se.StatusCode != http.StatusTooManyRequests
	}
	return false
}

// Get fetches url asking for the accept media types (none when ""), and
// reads the whole body. A non-2xx status is not an error here: see
// Response.Err.
func (c *Client) Get(ctx context.Context, url, accept string) (*Response, error) {
	req, err := newGet(ctx, url, accept)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

// Do sends a request built by the caller (a signed one, say) within the
// same limits as Get, and reads the whole body. The request's context
// bounds it as well as Options.Timeout.
func (c *Client) Do(req *http.Request) (*Response, error) {
	resp, err := c.send(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	head := Head{StatusCode: resp.StatusCode, Header: resp.Header, URL: resp.Request.URL}
	if resp.ContentLength > c.maxBody {
		return nil, fmt.Errorf("read %s: %w: %d bytes announced, the limit is %d",
			head.URL.Redacted(), ErrTooLarge, resp.ContentLength, c.maxBody)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", head.URL.Redacted(), err)
	}
	return &Response{Head: head, Body: body}, nil
}

// Open fetches url like Get but leaves the body unread, for a caller that
// stops early (a page's <head>, an image's type).
func (c *Client) Open(ctx context.Context, url, accept string) (*Stream, error) {
	req, err := newGet(ctx, url, accept)
	if err != nil {
		return nil, err
	}
	resp, err := c.send(req)
	if err != nil {
		return nil, err
	}
	return &Stream{
		Head: Head{StatusCode: resp.StatusCode, Header: resp.Header, URL: resp.Request.URL},
		Body: resp.Body,
	}, nil
}

func newGet(ctx context.Context, rawURL, accept string) (*http.Request, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return req, nil
}

// send checks and sends req; the response's body is limited to MaxBody.
func (c *Client) send(req *http.Request) (*http.Response, error) {
	if err := checkURL(req.URL); err != nil {
		return nil, err
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		// *url.Error already names the method and the URL.
		return nil, err
	}
	resp.Body = &limitedBody{rc: resp.Body, left: c.maxBody, max: c.maxBody}
	return resp, nil
}

// limitedBody fails with ErrTooLarge rather than stopping quietly at the
// limit, so a truncated document is never taken for a whole one.
type limitedBody struct {
	rc   io.ReadCloser
	left int64
	max  int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One more byte tells a body of exactly the limit from a longer one.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, b.max)
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
