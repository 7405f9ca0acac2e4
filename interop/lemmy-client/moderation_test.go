package lemmyclient_test

import (
	"bytes"
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

// TestLemmyJSModeration drives moderation.mjs: reports filed, listed and
// resolved, removals, locks, pins and bans, the modlog, an admin's site
// ban, purge and approval of an application, and an image uploaded and
// deleted, each through lemmy-js-client and checked against its types.
func TestLemmyJSModeration(t *testing.T) {
	node := needNode(t)
	tidings := fedtest.Start(t, fedtest.Options{IP: "127.0.0.5"})
	const password = "a long enough password"
	tidings.Admin(t, password+"\n", "user", "create", "boss", "--admin", "--password-file", "-")
	for _, name := range []string{"mod", "writer", "reporter"} {
		tidings.Admin(t, password+"\n", "user", "create", name, "--password-file", "-")
	}
	tidings.Admin(t, "", "site", "set", "--registration", "require_approval", "--application-question", "Why join?")

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "moderation.mjs", tidings.URL, password)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("node moderation.mjs: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errOut.String())
	}
	t.Logf("lemmy-js-client saw %s", out.String())
}
