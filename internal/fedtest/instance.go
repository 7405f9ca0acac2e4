package fedtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/db/dbtest"
)

const (
	// readyTimeout covers migrations already done (dbtest clones a
	// migrated template) and a cold start on a busy 2-core machine.
	readyTimeout = 30 * time.Second
	// stopTimeout is how long SIGTERM gets before the process is killed;
	// an idle server stops in well under a second.
	stopTimeout = 15 * time.Second
)

// Options describe one instance.
type Options struct {
	// IP is the loopback address to serve on, such as 127.0.0.2; each
	// instance of a test takes its own, so that hosts differ as they do
	// between real servers.
	IP string
	// LogLevel is TIDINGS_LOG_LEVEL; info when empty, which logs every
	// request and refused delivery (debug adds River's chatter).
	LogLevel string
	// Env adds or overrides environment variables of every command.
	Env map[string]string
}

// Instance is a running `tidings serve` with its own database.
type Instance struct {
	// Host is IP:PORT, the instance's TIDINGS_HOST.
	Host string
	// URL is http://Host.
	URL string
	// DatabaseURL is the instance's own database.
	DatabaseURL string

	bin string
	env []string
	log *syncBuffer
}

// Start runs `tidings serve` on opts.IP over a fresh migrated database and
// waits until /readyz answers 200. The process is stopped when the test
// ends, and its log is shown if the test failed.
func Start(t testing.TB, opts Options) *Instance {
	t.Helper()
	if opts.IP == "" {
		t.Fatal("fedtest: Options.IP is required, e.g. 127.0.0.2")
	}
	bin := Binary(t)
	dbURL := dbtest.NewURL(t)
	port, err := freePort(opts.IP)
	if err != nil {
		t.Fatalf("fedtest: %v", err)
	}
	host := net.JoinHostPort(opts.IP, port)
	level := opts.LogLevel
	if level == "" {
		level = "info"
	}
	vars := map[string]string{
		"DATABASE_URL":                    dbURL,
		"TIDINGS_HOST":                    host,
		"TIDINGS_LISTEN":                  host,
		"TIDINGS_SCHEME":                  "http",
		"TIDINGS_ALLOW_PRIVATE_ADDRESSES": "true",
		"TIDINGS_LOG_LEVEL":               level,
	}
	for k, v := range opts.Env {
		vars[k] = v
	}
	in := &Instance{Host: host, URL: "http://" + host, DatabaseURL: dbURL, bin: bin,
		env: environ(vars), log: &syncBuffer{}}

	// Cleanups run last-registered first: stop the server, then show its
	// whole log.
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log of tidings serve on %s:\n%s", host, in.log.String())
		}
	})
	cmd := exec.Command(bin, "serve")
	cmd.Env = in.env
	cmd.Stdout, cmd.Stderr = in.log, in.log
	if err := cmd.Start(); err != nil {
		t.Fatalf("fedtest: start tidings serve: %v", err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() { stop(t, cmd, exited) })

	if err := waitReady(in.URL+"/readyz", exited); err != nil {
		if errors.Is(err, errExited) {
			t.Fatalf("fedtest: tidings serve on %s exited before it was ready: %v", host, waitErr)
		}
		t.Fatalf("fedtest: tidings serve on %s: %v", host, err)
	}
	return in
}

var errExited = errors.New("the process exited")

// waitReady polls url until it answers 200, the process exits, or
// readyTimeout passes.
func waitReady(url string, exited <-chan struct{}) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(readyTimeout)
	last := "no answer yet"
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errExited
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("%d %s", resp.StatusCode, strings.TrimSpace(string(body)))
		} else {
			last = err.Error()
		}
		select {
		case <-exited:
			return errExited
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("not ready after %s (last: %s)", readyTimeout, last)
}

// stop sends SIGTERM, which serve answers by finishing and exiting, and
// kills the process if it has not exited by stopTimeout.
func stop(t testing.TB, cmd *exec.Cmd, exited <-chan struct{}) {
	select {
	case <-exited:
		return
	default:
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Errorf("fedtest: signal tidings serve: %v", err)
	}
	select {
	case <-exited:
	case <-time.After(stopTimeout):
		t.Errorf("fedtest: tidings serve did not stop within %s of SIGTERM; killing it", stopTimeout)
		_ = cmd.Process.Kill()
		<-exited
	}
}

// freePort finds a port that is free on ip now. serve must be given its
// address before it starts, so another process could take the port in
// between; on a test machine that is rare enough.
func freePort(ip string) (string, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return "", fmt.Errorf("find a free port on %s: %w", ip, err)
	}
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		return "", fmt.Errorf("find a free port on %s: %w", ip, err)
	}
	return port, nil
}

// environ is this process's environment without its Tidings and database
// settings, which belong to the test's own server, plus vars.
func environ(vars map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TIDINGS_") || strings.HasPrefix(kv, "DATABASE_URL") {
			continue
		}
		out = append(out, kv)
	}
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	return out
}

// Log is what the server has written so far.
func (in *Instance) Log() string { return in.log.String() }

// syncBuffer is a bytes.Buffer that the process's output and the test
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
