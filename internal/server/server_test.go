package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newRouter(t *testing.T, url string, logs io.Writer) http.Handler {
	t.Helper()
	ctx := context.Background()
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	log := slog.New(slog.NewTextHandler(logs, nil))
	f, err := forum.Open(ctx, store.New(pool), "https", "news.example.org")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := web.New(f, store.New(pool), log)
	if err != nil {
		t.Fatal(err)
	}
	return server.Router(server.Deps{Pool: pool, Log: log, Web: pages})
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadyzFollowsTheSchema(t *testing.T) {
	t.Parallel()
	url := dbtest.NewURL(t)
	srv := httptest.NewServer(newRouter(t, url, io.Discard))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	if b := body(t, resp); resp.StatusCode != 200 || b != "ready\n" {
		t.Fatalf("/readyz = %d %q", resp.StatusCode, b)
	}

	// An operator reverts a migration under a running server.
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	m, err := db.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Down(1); err != nil {
		t.Fatal(err)
	}
	resp, err = http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	if b := body(t, resp); resp.StatusCode != 503 || !strings.Contains(b, "tidings migrate up") {
		t.Errorf("/readyz with an old schema = %d %q", resp.StatusCode, b)
	}
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Errorf("/healthz = %d; the process is alive", resp.StatusCode)
	}
	resp.Body.Close()
}

func TestRequestIDIsKeptOrMade(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	srv := httptest.NewServer(newRouter(t, dbtest.NewURL(t), logs))
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/healthz", nil)
	req.Header.Set("X-Request-Id", "proxy-abc-12345")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); got != "proxy-abc-12345" {
		t.Errorf("a proxy's request id was replaced by %q", got)
	}
	req.Header.Set("X-Request-Id", "evil\" level=ERROR")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); len(got) != 16 {
		t.Errorf("an unsafe request id was kept: %q", got)
	}
	if strings.Contains(logs.String(), "evil") {
		t.Errorf("an unsafe request id reached the log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "id=proxy-abc-12345 method=GET path=/healthz status=200") {
		t.Errorf("log line lacks the request's facts:\n%s", logs.String())
	}
}

// On SIGTERM the server stops taking connections but lets a request that
// is being served finish.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		_, _ = w.Write([]byte("finished"))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- server.Run(ctx, ln, h, slog.New(slog.NewTextHandler(io.Discard, nil)), 10*time.Second) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-started
	cancel()

	// Poll until the listener is closed: new connections are refused.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(release)
	if r := <-got; r.err != nil || r.body != "finished" {
		t.Errorf("request in flight: %q, %v", r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestPanicsBecomeA500(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	h := server.Middleware(log, nil)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != 500 || !strings.Contains(logs.String(), "boom") ||
		!strings.Contains(logs.String(), "status=500") {
		t.Errorf("panic: code %d, logs:\n%s", rec.Code, logs.String())
	}
}
