// Package lemmyclient_test drives a real `tidings serve` with
// lemmy-js-client 0.19 (client.mjs, run by Node), the library Lemmy's
// own web client and several apps are built on, and checks every answer
// against a JSON schema made from that library's TypeScript types: the
// demo's seed thread with its counts and nesting, the front page in
// every sort, signing up, logging in, posting, replying, voting and
// subscribing; and (personal.mjs, personal_test.go) what is one's own,
// with a second instance to resolve and follow a community on.
package lemmyclient_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

func TestMain(m *testing.M) { fedtest.Main(m) }

// requireEnv makes missing interop dependencies a failure instead of a
// skip, as CI wants, having installed them.
const requireEnv = "TIDINGS_REQUIRE_INTEROP"

func TestLemmyJSClient(t *testing.T) {
	node := needNode(t) // before starting Tidings, so that a skip is quick
	tidings := fedtest.Start(t, fedtest.Options{IP: "127.0.0.4"})
	tidings.Admin(t, "", "demo")
	tidings.Admin(t, "", "site", "set", "--registration", "open")

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "client.mjs", tidings.URL)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("node client.mjs: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errOut.String())
	}
	t.Logf("lemmy-js-client saw %s", out.String())
}

func needNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not installed (Debian: apt-get install nodejs npm)")
	}
	if _, err := os.Stat("node_modules/lemmy-js-client/package.json"); err != nil {
		missing(t, "lemmy-js-client is not installed: run `npm ci --prefix interop/lemmy-client`")
	}
	return node
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv(requireEnv) != "" {
		t.Fatalf("%s (%s is set, so this is not skipped)", why, requireEnv)
	}
	t.Skipf("%s; skipping the lemmy-js-client interop test", why)
}
