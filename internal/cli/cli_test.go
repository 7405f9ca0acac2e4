package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/cli"
	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/db/dbtest"
)

// run is one invocation of the tidings command, in process.
type run struct {
	code   int
	stdout string
	stderr string
}

// tidings runs a command line against env, with stdin as standard input and
// files as the readable files.
type tidings struct {
	t     *testing.T
	env   map[string]string
	files map[string]string
}

func newTidings(t *testing.T, dbURL string) *tidings {
	return &tidings{t: t, env: map[string]string{
		"DATABASE_URL":   dbURL,
		"TIDINGS_HOST":   "news.example.org",
		"TIDINGS_SCHEME": "https",
		// Uploads go to the test's folder, not the package's.
		"TIDINGS_MEDIA_DIR": t.TempDir(),
	}, files: map[string]string{}}
}

// syncBuffer lets a test read what a running server has logged so far.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (c *tidings) io(stdin string, stdout, stderr *syncBuffer) cli.IO {
	return cli.IO{
		Stdin: strings.NewReader(stdin), Stdout: stdout, Stderr: stderr,
		LookupEnv: func(k string) (string, bool) { v, ok := c.env[k]; return v, ok },
		ReadFile: func(name string) ([]byte, error) {
			if v, ok := c.files[name]; ok {
				return []byte(v), nil
			}
			return nil, fs.ErrNotExist
		},
	}
}

func (c *tidings) runIn(stdin string, args ...string) run {
	c.t.Helper()
	var out, errb syncBuffer
	code := cli.Main(context.Background(), append([]string{"tidings"}, args...), c.io(stdin, &out, &errb))
	return run{code: code, stdout: out.String(), stderr: errb.String()}
}

func (c *tidings) run(args ...string) run {
	c.t.Helper()
	return c.runIn("", args...)
}

// ok runs a command that must succeed and returns its output.
func (c *tidings) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("tidings %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// fails runs a command that must fail with code and say want on stderr.
func (c *tidings) fails(code int, want string, args ...string) {
	c.t.Helper()
	c.failsIn("", code, want, args...)
}

func (c *tidings) failsIn(stdin string, code int, want string, args ...string) {
	c.t.Helper()
	r := c.runIn(stdin, args...)
	if r.code != code {
		c.t.Errorf("tidings %s: exit %d, want %d\nstderr: %s", strings.Join(args, " "), r.code, code, r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		c.t.Errorf("tidings %s: stderr %q does not say %q", strings.Join(args, " "), r.stderr, want)
	}
}

func migrated(t *testing.T) *tidings {
	t.Helper()
	return newTidings(t, dbtest.NewURL(t))
}

func TestHelpForEveryCommand(t *testing.T) {
	t.Parallel()
	c := newTidings(t, "")
	for _, args := range [][]string{
		{"--help"}, {"serve", "--help"}, {"migrate", "--help"}, {"migrate", "up", "--help"},
		{"migrate", "down", "--help"}, {"migrate", "status", "--help"}, {"admin", "--help"},
		{"admin", "user", "--help"}, {"admin", "user", "create", "--help"}, {"admin", "user", "list", "--help"},
		{"admin", "user", "promote", "--help"}, {"admin", "user", "ban", "--help"},
		{"admin", "user", "unban", "--help"}, {"admin", "user", "reset-password", "--help"},
		{"admin", "user", "applications", "--help"}, {"admin", "user", "approve", "--help"}, {"admin", "user", "deny", "--help"},
		{"admin", "community", "--help"}, {"admin", "community", "create", "--help"},
		{"admin", "community", "list", "--help"}, {"admin", "community", "delete", "--help"},
		{"admin", "community", "edit", "--help"}, {"admin", "community", "ban", "--help"},
		{"admin", "community", "unban", "--help"}, {"admin", "community", "mod", "--help"},
		{"admin", "community", "mod", "add", "--help"}, {"admin", "community", "mod", "remove", "--help"},
		{"admin", "community", "transfer", "--help"}, {"admin", "post", "--help"}, {"admin", "post", "remove", "--help"},
		{"admin", "post", "restore", "--help"}, {"admin", "post", "lock", "--help"}, {"admin", "post", "unlock", "--help"},
		{"admin", "post", "feature", "--help"}, {"admin", "post", "unfeature", "--help"},
		{"admin", "post", "mark-nsfw", "--help"}, {"admin", "post", "unmark-nsfw", "--help"},
		{"admin", "comment", "--help"}, {"admin", "comment", "remove", "--help"}, {"admin", "comment", "restore", "--help"},
		{"admin", "site", "show", "--help"}, {"admin", "site", "set", "--help"},
		{"admin", "instance", "--help"}, {"admin", "instance", "block", "--help"}, {"admin", "instance", "unblock", "--help"},
		{"admin", "instance", "allow", "--help"}, {"admin", "instance", "disallow", "--help"},
		{"admin", "federation", "--help"}, {"admin", "federation", "status", "--help"},
		{"admin", "federation", "retry", "--help"}, {"admin", "resolve", "--help"},
		{"admin", "report", "--help"}, {"admin", "report", "list", "--help"}, {"admin", "report", "resolve", "--help"},
		{"admin", "purge", "--help"}, {"admin", "purge", "post", "--help"}, {"admin", "purge", "comment", "--help"},
		{"admin", "purge", "person", "--help"}, {"admin", "purge", "community", "--help"},
		{"config", "--help"}, {"version", "--help"},
	} {
		r := c.run(args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: tidings") {
			t.Errorf("tidings %s: exit %d, stdout %q", strings.Join(args, " "), r.code, r.stdout)
		}
	}
}

func TestCommandLineMistakes(t *testing.T) {
	t.Parallel()
	c := newTidings(t, "postgres://nobody@127.0.0.1:1/none")
	c.fails(2, `unknown command "frobnicate"`, "frobnicate")
	c.fails(2, "needs a subcommand", "admin")
	c.fails(2, `unknown command "delete"`, "admin", "user", "delete", "bob")
	c.fails(2, "needs the user's NAME", "admin", "user", "create")
	c.fails(2, "needs the user's NAME", "admin", "user", "create", "a", "b")
	c.fails(2, "flag provided but not defined: -colour", "admin", "user", "list", "--colour")
	c.fails(2, "needs --title", "admin", "community", "create", "news")
	c.fails(2, "not a positive number", "migrate", "down", "zero")
	c.fails(2, "takes no arguments", "version", "extra")
}

func TestVersion(t *testing.T) {
	t.Parallel()
	out := newTidings(t, "").ok("version")
	if !strings.HasPrefix(out, "tidings ") || !strings.Contains(out, "go1.") {
		t.Errorf("version printed %q", out)
	}
}

func TestConfigIsValidatedAndRedacted(t *testing.T) {
	t.Parallel()
	c := newTidings(t, "postgres://tidings:topsecret@db.example:5432/tidings")
	out := c.ok("config")
	if strings.Contains(out, "topsecret") || !strings.Contains(out, "REDACTED") {
		t.Errorf("config shows the password or hides the URL:\n%s", out)
	}
	if !strings.Contains(out, "news.example.org") || !strings.Contains(out, ":8080") {
		t.Errorf("config lacks host or listen default:\n%s", out)
	}

	delete(c.env, "DATABASE_URL")
	c.env["TIDINGS_SCHEME"] = "ftp"
	r := c.run("config")
	if r.code != 1 || !strings.Contains(r.stderr, "DATABASE_URL is not set") || !strings.Contains(r.stderr, "TIDINGS_SCHEME") {
		t.Errorf("bad config: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestUnreachableDatabaseIsReported(t *testing.T) {
	t.Parallel()
	c := newTidings(t, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	c.fails(1, "connect to database 127.0.0.1:1/none", "admin", "user", "list")
	c.fails(1, "connect to database", "migrate", "status")
}

func TestAdminRefusesAnOutdatedSchema(t *testing.T) {
	t.Parallel()
	c := newTidings(t, dbtest.NewEmptyURL(t))
	c.fails(1, "tidings migrate up", "admin", "user", "create", "alice")
	c.fails(1, "tidings migrate up", "serve")
	delete(c.env, "TIDINGS_HOST")
	c.ok("migrate", "up")
	c.fails(1, "TIDINGS_HOST is not set", "admin", "user", "list")
}

func TestMigrateCommands(t *testing.T) {
	t.Parallel()
	c := newTidings(t, dbtest.NewEmptyURL(t))
	if out := c.ok("migrate", "status"); !strings.Contains(out, "pending") || strings.Contains(out, "applied") {
		t.Errorf("status before up:\n%s", out)
	}
	// Counted from the migrations, so that adding one does not break this,
	// nor a number left free for a branch not merged yet.
	all, err := db.Migrations()
	if err != nil || len(all) < 3 {
		t.Fatal(all, err)
	}
	count := len(all)
	if out := c.ok("migrate", "up"); !strings.Contains(out, fmt.Sprintf("applied %d migration(s)", count)) {
		t.Errorf("up printed %q", out)
	}
	if out := c.ok("migrate", "up"); !strings.Contains(out, "already current") {
		t.Errorf("second up printed %q", out)
	}
	if out := c.ok("migrate", "status"); strings.Contains(out, "pending") || !strings.Contains(out, "current") {
		t.Errorf("status after up:\n%s", out)
	}
	c.ok("admin", "user", "create", "alice")
	c.fails(1, fmt.Sprintf("only %d migration(s) are applied", count), "migrate", "down", fmt.Sprint(count+1))
	c.ok("admin", "user", "list") // the refused down changed nothing
	if out := c.ok("migrate", "down", "2"); !strings.Contains(out, fmt.Sprintf("version %d", all[count-3].Version)) {
		t.Errorf("down 2 printed %q", out)
	}
	c.ok("migrate", "down", "all")
	c.ok("migrate", "up")
	if out := c.ok("admin", "user", "list"); !strings.Contains(out, "0 user(s)") {
		t.Errorf("after down all and up:\n%s", out)
	}
}
