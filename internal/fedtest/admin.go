package fedtest

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// Admin runs `tidings admin ARGS...` against the instance's database and
// returns its standard output; the test fails if the command does.
func (in *Instance) Admin(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(in.bin, append([]string{"admin"}, args...)...)
	cmd.Env = in.env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("fedtest: tidings admin %s: %v\nstdout:\n%s\nstderr:\n%s",
			strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return out.String()
}

// CreateUser makes a local account with the given password.
func (in *Instance) CreateUser(t testing.TB, name, password string) {
	t.Helper()
	in.Admin(t, password+"\n", "user", "create", name, "--password-file", "-")
}

// CreateCommunity makes a local community, moderated by moderator when it
// is not empty, and returns its ActivityPub id.
func (in *Instance) CreateCommunity(t testing.TB, name, title, moderator string) string {
	t.Helper()
	args := []string{"community", "create", name, "--title", title}
	if moderator != "" {
		args = append(args, "--moderator", moderator)
	}
	in.Admin(t, "", args...)
	return in.URL + "/c/" + name
}
