// Package apitest runs the whole server, the client API mounted as in
// production, on loopback over a fresh migrated database, and speaks to
// it as an app does: JSON bodies, a Bearer token.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/api"
	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web"
)

// Password is every test account's.
const Password = "correct horse battery"

// Server is a running Tidings with its database.
type Server struct {
	URL   string
	Host  string
	Pool  *pgxpool.Pool
	Store *store.Store
	Forum *forum.Service
	Log   *LogBuffer // everything the server logged
	t     testing.TB
}

// LogBuffer collects log output safely across goroutines.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is what was logged so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Start runs a server for the test with open registration.
func Start(t testing.TB) *Server {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host := ln.Addr().String()
	st := store.New(pool)
	files, err := media.NewLocal(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := forum.Open(ctx, st, "http", host, forum.WithMedia(files))
	if err != nil {
		t.Fatal(err)
	}
	open := store.RegistrationOpen
	if err := f.UpdateSite(ctx, forum.Operator, store.SiteSettings{RegistrationMode: &open}); err != nil {
		t.Fatal(err)
	}
	logs := &LogBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	pages, err := web.New(f, st, log)
	if err != nil {
		t.Fatal(err)
	}
	h := server.Router(server.Deps{Pool: pool, Log: log, Web: pages, API: api.New(f, st, log, api.WithHTTP(safehttp.New(safehttp.Options{})))})
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return &Server{URL: srv.URL, Host: host, Pool: pool, Store: st, Forum: f, Log: logs, t: t}
}

// User creates an account directly.
func (s *Server) User(name string) store.LocalUser {
	s.t.Helper()
	u, err := s.Forum.CreateUser(context.Background(), forum.NewUser{Name: name, Password: Password})
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// Community creates a community moderated by no one.
func (s *Server) Community(name string) store.Community {
	s.t.Helper()
	c, err := s.Forum.CreateCommunity(context.Background(), forum.NewCommunity{Name: name, Title: strings.ToUpper(name)})
	if err != nil {
		s.t.Fatal(err)
	}
	return c
}

// Response is an answer read whole.
type Response struct {
	Status int
	Body   []byte
	Header http.Header
}

// Decode reads the body into v, failing the test when it is not JSON.
func (r Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// ErrorCode is the body's Lemmy error code, "" when there is none.
func (r Response) ErrorCode() string {
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error
}

// Login logs name in through the API and returns its JWT.
func (s *Server) Login(name string) string {
	s.t.Helper()
	resp := s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": name, "password": Password})
	var out struct {
		JWT string `json:"jwt"`
	}
	resp.Decode(s.t, &out)
	if resp.Status != http.StatusOK || out.JWT == "" {
		s.t.Fatalf("log in %s: %d %s", name, resp.Status, resp.Body)
	}
	return out.JWT
}

// Do calls the API at path (under /api/v3) with a JSON body (nil for
// none; a string or []byte is sent as it is) and a token ("" for none).
func (s *Server) Do(method, path, token string, body any) Response {
	s.t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
		h.Set("Content-Type", "application/json")
	case []byte:
		rd = bytes.NewReader(b)
		h.Set("Content-Type", "application/json")
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
		h.Set("Content-Type", "application/json")
	}
	return s.Raw(method, api.Prefix+path, h, rd)
}

// Raw sends a request exactly as given.
func (s *Server) Raw(method, path string, h http.Header, body io.Reader) Response {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return Response{Status: resp.StatusCode, Body: raw, Header: resp.Header}
}
