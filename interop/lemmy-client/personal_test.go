package lemmyclient_test

import (
	"bytes"
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

// TestLemmyJSClientPersonal drives two instances with lemmy-js-client
// (personal.mjs): what is one's own on A (saves, read marks, blocks,
// private messages, replies and mentions), and a community of B found
// with resolve_object, followed and read from A.
func TestLemmyJSClientPersonal(t *testing.T) {
	t.Parallel()
	node := needNode(t)
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.5"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.6"})
	a.Admin(t, "", "site", "set", "--registration", "open")
	a.CreateUser(t, "anna", "correct horse battery")
	a.CreateCommunity(t, "home", "Home", "anna")
	b.CreateUser(t, "bea", "correct horse battery")
	b.CreateCommunity(t, "faraway", "Far away", "bea")
	b.Login(t, "bea", "correct horse battery").CreatePost(t, "faraway", "From far away", "A post on B.")

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "personal.mjs", a.URL, b.URL)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("node personal.mjs: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errOut.String())
	}
	t.Logf("lemmy-js-client saw %s", out.String())
}
