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
	"slices"
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
	// DatabaseProxy puts a proxy (see DatabaseProxy) between the
	// instance's commands and its database, so that a test can take the
	// database away from this instance alone.
	DatabaseProxy bool
}

// Instance is a running `tidings serve` with its own database.
type Instance struct {
	// Host is IP:PORT, the instance's TIDINGS_HOST.
	Host string
	// URL is http://Host.
	URL string
	// DatabaseURL is the instance's own database, reached directly even
	// when its commands go through a proxy.
	DatabaseURL string

	bin   string
	proxy *dbtest.Proxy
	env   []string
	log   *syncBuffer

	mu   sync.Mutex
	proc *process // the process serving Host; nil while stopped
}

// process is one running `tidings serve`.
type process struct {
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error // set before exited is closed
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
		// Uploads stay in the test's folder, not the working directory.
		"TIDINGS_MEDIA_DIR": t.TempDir(),
	}
	for k, v := range opts.Env {
		vars[k] = v
	}
	in := &Instance{Host: host, URL: "http://" + host, DatabaseURL: dbURL, bin: bin, log: &syncBuffer{}}
	if opts.DatabaseProxy {
		in.proxy = dbtest.NewProxy(t, opts.IP, dbURL)
		vars["DATABASE_URL"] = in.proxy.URL
	}
	in.env = environ(vars)

	// Cleanups run last-registered first: stop the server (registered by
	// launch), then show its whole log.
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log of tidings serve on %s:\n%s", host, in.log.String())
		}
	})
	in.proc = in.launch(t, host, in.log)
	return in
}

// Stop stops the instance's server as SIGTERM does in production, and
// waits until it has exited; its database, host and port stay, for
// Restart. Processes started with StartProcess keep running.
func (in *Instance) Stop(t testing.TB) {
	t.Helper()
	in.mu.Lock()
	p := in.proc
	in.proc = nil
	in.mu.Unlock()
	if p == nil {
		t.Fatalf("fedtest: %s is not running", in.Host)
	}
	stop(t, p)
	fmt.Fprintf(in.log, "--- fedtest: tidings serve on %s stopped ---\n", in.Host)
}

// Kill kills the instance's server with SIGKILL, as a crash or the OOM
// killer does: nothing it was doing is finished or handed back. Its
// database, host and port stay, for Restart.
func (in *Instance) Kill(t testing.TB) {
	t.Helper()
	in.mu.Lock()
	p := in.proc
	in.proc = nil
	in.mu.Unlock()
	if p == nil {
		t.Fatalf("fedtest: %s is not running", in.Host)
	}
	kill(t, p)
	fmt.Fprintf(in.log, "--- fedtest: tidings serve on %s killed ---\n", in.Host)
}

// DatabaseProxy is the proxy between the instance and its database, nil
// unless Options.DatabaseProxy was set: its Down refuses the instance's
// connections and drops the open ones, as a PostgreSQL that stops or
// restarts does, and Up lets them through again.
func (in *Instance) DatabaseProxy() *dbtest.Proxy { return in.proxy }

// Restart starts a stopped instance again on the same address, over the
// same database, and waits until it is ready.
func (in *Instance) Restart(t testing.TB) {
	t.Helper()
	in.mu.Lock()
	running := in.proc != nil
	in.mu.Unlock()
	if running {
		t.Fatalf("fedtest: %s is running; Stop it first", in.Host)
	}
	fmt.Fprintf(in.log, "--- fedtest: tidings serve on %s restarting ---\n", in.Host)
	p := in.launch(t, in.Host, in.log)
	in.mu.Lock()
	in.proc = p
	in.mu.Unlock()
}

// Process is a further `tidings serve` of an instance: the same database
// and TIDINGS_HOST, another listen address and its own log, as when
// several processes behind one load balancer share an instance's work.
type Process struct {
	// Listen is the process's TIDINGS_LISTEN, IP:PORT.
	Listen string

	log  *syncBuffer
	proc *process
}

// StartProcess runs another `tidings serve` of the instance, listening on
// a free port of ip, and waits until it is ready. It is stopped when the
// test ends.
func (in *Instance) StartProcess(t testing.TB, ip string) *Process {
	t.Helper()
	port, err := freePort(ip)
	if err != nil {
		t.Fatalf("fedtest: %v", err)
	}
	p := &Process{Listen: net.JoinHostPort(ip, port), log: &syncBuffer{}}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log of the second tidings serve of %s, on %s:\n%s", in.Host, p.Listen, p.log.String())
		}
	})
	p.proc = in.launch(t, p.Listen, p.log)
	return p
}

// Log is what the process has written so far.
func (p *Process) Log() string { return p.log.String() }

// Kill kills the process with SIGKILL, as Instance.Kill does.
func (p *Process) Kill(t testing.TB) {
	t.Helper()
	kill(t, p.proc)
	fmt.Fprintf(p.log, "--- fedtest: tidings serve on %s killed ---\n", p.Listen)
}

// launch runs `tidings serve` with the instance's environment, listening
// on listen, and waits until it is ready there. The test's cleanup stops
// it.
func (in *Instance) launch(t testing.TB, listen string, log *syncBuffer) *process {
	t.Helper()
	cmd := exec.Command(in.bin, "serve")
	// Later entries win in exec's environment, so this overrides the
	// instance's own TIDINGS_LISTEN.
	cmd.Env = append(slices.Clip(in.env), "TIDINGS_LISTEN="+listen)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("fedtest: start tidings serve: %v", err)
	}
	p := &process{cmd: cmd, exited: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() { stop(t, p) })

	if err := waitReady("http://"+listen+"/readyz", p.exited); err != nil {
		if errors.Is(err, errExited) {
			t.Fatalf("fedtest: tidings serve on %s exited before it was ready: %v", listen, p.waitErr)
		}
		t.Fatalf("fedtest: tidings serve on %s: %v", listen, err)
	}
	return p
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
// kills the process if it has not exited by stopTimeout. Stopping a
// stopped process does nothing.
func stop(t testing.TB, p *process) {
	select {
	case <-p.exited:
		return
	default:
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Errorf("fedtest: signal tidings serve: %v", err)
	}
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		t.Errorf("fedtest: tidings serve did not stop within %s of SIGTERM; killing it", stopTimeout)
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// kill sends SIGKILL and waits until the process has exited.
func kill(t testing.TB, p *process) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("fedtest: kill tidings serve: %v", err)
	}
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		t.Fatalf("fedtest: tidings serve still runs %s after SIGKILL", stopTimeout)
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
