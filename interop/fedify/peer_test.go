package fedify_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// requireEnv makes missing interop dependencies a failure instead of a
// skip; CI sets it, having installed them.
const requireEnv = "TIDINGS_REQUIRE_INTEROP"

// event is one JSON line from peer.mjs; which fields are set depends on
// Event (see the comment at the top of peer.mjs).
type event struct {
	Event    string          `json:"event"`
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	Actor    string          `json:"actor"`
	Origin   string          `json:"origin"`
	KeyID    string          `json:"keyId"`
	KeyOwner string          `json:"keyOwner"`
	Activity json.RawMessage `json:"activity"`
	Path     string          `json:"path"`
	Status   int             `json:"status"`
	Body     string          `json:"body"`
	Error    string          `json:"error"`
	Follow   json.RawMessage `json:"follow"`
	Create   string          `json:"create"`
	Note     string          `json:"note"`
	Like     string          `json:"like"`
	// What a microblog peer shows ("shown") or not ("ignored"), and what
	// a dereference found.
	Kind       string `json:"kind"`
	Object     string `json:"object"`
	By         string `json:"by"`
	Signer     string `json:"signer"`
	Author     string `json:"author"`
	Name       string `json:"name"`
	Content    string `json:"content"`
	InReplyTo  string `json:"inReplyTo"`
	ActivityID string `json:"activityId"`
	Reason     string `json:"reason"`

	line string
}

// Styles of peer (see peer.mjs): a forum user with a shared inbox, or a
// person on a microblog server, without one, who shows only what it can
// verify.
const (
	lemmyStyle     = "lemmy"
	microblogStyle = "microblog"
)

// peer is a running peer.mjs: a Fedify server with one Person.
type peer struct {
	// Actor is the Person's id; Origin is http://IP:PORT.
	Actor, Origin string

	stdin io.WriteCloser
	mu    sync.Mutex
	seen  []event
	// changed is signalled, without blocking, whenever an event arrives.
	changed chan struct{}
	exited  chan struct{}
	nextID  int
}

// needPeer returns the node command, skipping the test when Node or the
// npm packages are missing, unless requireEnv is set.
func needPeer(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not installed (Debian: apt-get install nodejs npm)")
	}
	if _, err := os.Stat("node_modules/@fedify/fedify/package.json"); err != nil {
		missing(t, "the Fedify packages are not installed: run `npm ci --prefix interop/fedify`")
	}
	return node
}

// startPeer runs peer.mjs on ip (with a free port), its person username
// of the given style, and waits for it to say it is ready.
func startPeer(t *testing.T, ip, username, style string) *peer {
	t.Helper()
	cmd := exec.Command(needPeer(t), "peer.mjs", ip+":0", username, style)
	var logs syncBuffer
	cmd.Stderr = &logs
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatalf("peer: stdin: %v", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("peer: stdout: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("peer: start node peer.mjs: %v", err)
	}
	p := &peer{stdin: stdin, changed: make(chan struct{}, 1), exited: make(chan struct{})}
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		p.read(stdout)
	}()
	go func() {
		<-readDone
		_ = cmd.Wait()
		close(p.exited)
		p.signal()
	}()
	t.Cleanup(func() {
		// Closing stdin is the peer's signal to stop.
		_ = stdin.Close()
		select {
		case <-p.exited:
		case <-time.After(10 * time.Second):
			t.Errorf("peer: did not exit after its stdin closed; killing it")
			_ = cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("peer.mjs events:\n%s\npeer.mjs log:\n%s", p.transcript(), logs.String())
		}
	})
	ready := p.await(t, 30*time.Second, "peer.mjs ready", func(e event) bool { return e.Event == "ready" })
	p.Actor, p.Origin = ready.Actor, ready.Origin
	return p
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv(requireEnv) != "" {
		t.Fatalf("%s (%s is set, so this is not skipped)", why, requireEnv)
	}
	t.Skipf("%s; skipping the Fedify interop test", why)
}

func (p *peer) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		var e event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			e = event{Event: "unreadable", Error: err.Error()}
		}
		e.line = line
		p.mu.Lock()
		p.seen = append(p.seen, e)
		p.mu.Unlock()
		p.signal()
	}
}

func (p *peer) signal() {
	select {
	case p.changed <- struct{}{}:
	default:
	}
}

// await returns the first event, old or new, that match accepts, failing
// the test after timeout or when the peer exits.
func (p *peer) await(t *testing.T, timeout time.Duration, what string, match func(event) bool) event {
	t.Helper()
	deadline := time.After(timeout)
	for {
		p.mu.Lock()
		for _, e := range p.seen {
			if match(e) {
				p.mu.Unlock()
				return e
			}
		}
		p.mu.Unlock()
		select {
		case <-p.changed:
		case <-p.exited:
			t.Fatalf("peer: exited while waiting for %s", what)
		case <-deadline:
			t.Fatalf("peer: no %s within %s; events so far:\n%s", what, timeout, p.transcript())
		}
	}
}

// command sends one command and returns its "done" event; a "failed" one
// fails the test.
func (p *peer) command(t *testing.T, op string, args map[string]string) event {
	t.Helper()
	p.mu.Lock()
	p.nextID++
	id := strconv.Itoa(p.nextID)
	p.mu.Unlock()
	cmd := map[string]string{"id": id, "op": op}
	for k, v := range args {
		cmd[k] = v
	}
	b, err := json.Marshal(cmd)
	if err != nil {
		t.Fatalf("peer: encode %s: %v", op, err)
	}
	if _, err := p.stdin.Write(append(b, '\n')); err != nil {
		t.Fatalf("peer: send %s: %v", op, err)
	}
	e := p.await(t, 30*time.Second, fmt.Sprintf("answer to %s", op), func(e event) bool {
		return (e.Event == "done" || e.Event == "failed") && e.ID == id
	})
	if e.Event == "failed" {
		t.Fatalf("peer: %s %v failed: %s", op, args, e.Error)
	}
	return e
}

// inbox lists the activities Fedify's inbox accepted so far.
func (p *peer) inbox() []event {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []event
	for _, e := range p.seen {
		if e.Event == "inbox" {
			out = append(out, e)
		}
	}
	return out
}

// refused lists the activities Fedify's inbox turned away, which is what
// to look at when an expected one never arrives.
func (p *peer) refused() []event {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []event
	for _, e := range p.seen {
		if e.Event == "refused" {
			out = append(out, e)
		}
	}
	return out
}

func (p *peer) transcript() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, e := range p.seen {
		b.WriteString(e.line)
		b.WriteByte('\n')
	}
	return b.String()
}

// syncBuffer is a strings.Builder that the process's output and the test
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
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
