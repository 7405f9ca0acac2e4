// Package webtest runs the real HTML server on loopback over a fresh,
// migrated database, for handler and browser tests.
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web"
)

// Server is a running Tidings web server with its database.
type Server struct {
	URL   string // http://127.0.0.1:PORT
	Host  string // 127.0.0.1:PORT, the instance's TIDINGS_HOST
	Pool  *pgxpool.Pool
	Store *store.Store
	Forum *forum.Service
	// MediaDir is the folder uploaded images are stored in.
	MediaDir string
	t        testing.TB
}

// Start runs a server for the test, stopped when it ends. Registration is
// open, so tests can sign up through the form.
func Start(t testing.TB) *Server {
	t.Helper()
	s := start(t, dbtest.New(t), "")
	open := store.RegistrationOpen
	if err := s.Forum.UpdateSite(context.Background(), forum.Operator, store.SiteSettings{RegistrationMode: &open}); err != nil {
		t.Fatal(err)
	}
	return s
}

// Twin runs another server of the same instance over the same database,
// on another port, as a second `tidings serve` process would: nothing in
// memory is shared with s, so a test can write through one and read
// through the other.
func (s *Server) Twin(t testing.TB) *Server {
	t.Helper()
	return start(t, s.Pool, s.Host)
}

// start serves on a new loopback port as the instance named host, or
// named by that port when host is "".
func start(t testing.TB, pool *pgxpool.Pool, host string) *Server {
	t.Helper()
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if host == "" {
		host = ln.Addr().String()
	}
	st := store.New(pool)
	mediaDir := t.TempDir()
	files, err := media.NewLocal(mediaDir, "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := forum.Open(ctx, st, "http", host, forum.WithMedia(files))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pages, err := web.New(f, st, log)
	if err != nil {
		t.Fatal(err)
	}
	pages.SetImageFetcher(media.NewFetcher(true, "Tidings test")) // its pictures are on loopback
	fed, err := federation.New(federation.Deps{Forum: f, Store: st, Log: log, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(server.Router(server.Deps{Pool: pool, Log: log, Web: pages, Fed: fed}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return &Server{URL: srv.URL, Host: host, Pool: pool, Store: st, Forum: f, MediaDir: mediaDir, t: t}
}

// User creates an account directly and returns it.
func (s *Server) User(name, password string) store.LocalUser {
	s.t.Helper()
	u, err := s.Forum.CreateUser(context.Background(), forum.NewUser{Name: name, Password: password})
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// Client is a browser-like HTTP client with its own cookies that does not
// follow redirects, so tests see each 303.
type Client struct {
	*http.Client
	s *Server
}

// NewClient returns a client with an empty cookie jar.
func (s *Server) NewClient() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}, s: s}
}

// Login returns a client logged in as name.
func (s *Server) Login(name, password string) *Client {
	s.t.Helper()
	c := s.NewClient()
	resp := c.Post("/login", url.Values{"name": {name}, "password": {password}})
	if resp.Status != http.StatusSeeOther {
		s.t.Fatalf("log in as %s: %d\n%s", name, resp.Status, resp.Body)
	}
	return c
}

// Response is what came back, read whole.
type Response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

// Get fetches a path.
func (c *Client) Get(path string) Response {
	c.s.t.Helper()
	resp, err := c.Client.Get(c.s.URL + path)
	if err != nil {
		c.s.t.Fatal(err)
	}
	return read(c.s.t, resp)
}

// Post sends a form as a same-origin browser would.
func (c *Client) Post(path string, form url.Values) Response {
	c.s.t.Helper()
	return c.PostWithHeaders(path, form, http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {c.s.URL}})
}

// PostWithHeaders sends a form with the given extra headers.
func (c *Client) PostWithHeaders(path string, form url.Values, h http.Header) Response {
	c.s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.s.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		c.s.t.Fatal(err)
	}
	return read(c.s.t, resp)
}

func read(t testing.TB, resp *http.Response) Response {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Response{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location"), Header: resp.Header}
}
