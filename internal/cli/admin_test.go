package cli_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidings/tidings/internal/forum"
)

var passwordLine = regexp.MustCompile(`password for \w+: (\S+)`)

// passwordWorks checks a password against what the database holds.
func passwordWorks(t *testing.T, c *tidings, name, pw string) bool {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var hash string
	err = conn.QueryRow(ctx, `SELECT u.password_hash FROM local_users u JOIN people p ON p.id = u.person_id
		WHERE p.name = $1`, name).Scan(&hash)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := forum.VerifyPassword(pw, hash)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestUserLifecycle(t *testing.T) {
	t.Parallel()
	c := migrated(t)

	out := c.ok("admin", "user", "create", "alice", "--admin")
	m := passwordLine.FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "created admin alice (https://news.example.org/u/alice)") {
		t.Fatalf("create printed %q", out)
	}
	if !passwordWorks(t, c, "alice", m[1]) {
		t.Error("the printed password does not log in")
	}

	c.files["/tmp/pw"] = "correct horse battery\n"
	out = c.ok("admin", "user", "create", "--password-file", "/tmp/pw", "bob")
	if strings.Contains(out, "password for") {
		t.Errorf("a given password was printed: %q", out)
	}
	if !passwordWorks(t, c, "bob", "correct horse battery") {
		t.Error("the password from the file does not log in")
	}
	if r := c.runIn("from standard input\n", "admin", "user", "create", "carol", "--password-file", "-"); r.code != 0 {
		t.Fatalf("stdin password: %s", r.stderr)
	}
	if !passwordWorks(t, c, "carol", "from standard input") {
		t.Error("the password from stdin does not log in")
	}

	list := c.ok("admin", "user", "list")
	if !regexp.MustCompile(`alice\s+yes\s+no`).MatchString(list) || !regexp.MustCompile(`bob\s+no\s+no`).MatchString(list) ||
		!strings.Contains(list, "3 user(s)") {
		t.Errorf("list:\n%s", list)
	}

	c.ok("admin", "user", "promote", "bob")
	c.fails(1, `"bob" is already an admin`, "admin", "user", "promote", "bob")
	c.ok("admin", "user", "ban", "carol", "--reason", "spam links")
	c.fails(1, `"carol" is already banned`, "admin", "user", "ban", "carol")
	list = c.ok("admin", "user", "list")
	if !regexp.MustCompile(`bob\s+yes\s+no`).MatchString(list) || !strings.Contains(list, "yes (spam links)") {
		t.Errorf("after promote and ban:\n%s", list)
	}
	c.ok("admin", "user", "unban", "carol")
	c.fails(1, `"carol" is not banned`, "admin", "user", "unban", "carol")

	out = c.ok("admin", "user", "reset-password", "bob")
	m = passwordLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("reset printed %q", out)
	}
	if passwordWorks(t, c, "bob", "correct horse battery") || !passwordWorks(t, c, "bob", m[1]) {
		t.Error("reset-password did not replace the password")
	}

	if out := c.ok("admin", "user", "create", "alice", "--if-absent"); !strings.Contains(out, "already exists") {
		t.Errorf("--if-absent printed %q", out)
	}
}

func TestUserBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "user", "create", "alice")
	before := c.ok("admin", "user", "list")

	c.fails(1, `a user named "alice" already exists`, "admin", "user", "create", "alice")
	c.fails(1, "must be lower case", "admin", "user", "create", "ALICE")
	c.fails(1, "must be 3 to 20 characters", "admin", "user", "create", "al")
	c.fails(1, "must be 3 to 20 characters", "admin", "user", "create", "a_name_far_too_long_x")
	c.fails(1, "may only contain a-z, 0-9 and _", "admin", "user", "create", "bad-name")
	c.fails(1, "must be lower case", "admin", "user", "create", "Bobby")
	c.files["/short"] = "123456789"
	c.fails(1, "too short", "admin", "user", "create", "bobby", "--password-file", "/short")
	c.files["/long"] = strings.Repeat("x", 61)
	c.fails(1, "too long", "admin", "user", "create", "bobby", "--password-file", "/long")
	c.fails(1, "read password file /missing", "admin", "user", "create", "bobby", "--password-file", "/missing")
	c.fails(1, "too short", "admin", "user", "reset-password", "alice", "--password-file", "/short")
	for _, cmd := range []string{"promote", "reset-password"} {
		c.fails(1, `no local user is named "nobody"`, "admin", "user", cmd, "nobody")
	}
	for _, cmd := range []string{"ban", "unban"} { // they take remote people too
		c.fails(1, `nobody here is called "nobody"`, "admin", "user", cmd, "nobody")
	}
	c.fails(1, "reason is too long", "admin", "user", "ban", "alice", "--reason", strings.Repeat("r", forum.MaxReasonLen+1))

	if after := c.ok("admin", "user", "list"); after != before {
		t.Errorf("bad input changed the users:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestCommunityLifecycle(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "user", "create", "alice")
	out := c.ok("admin", "community", "create", "worldnews", "--title", "World News",
		"--description", "News from **everywhere**", "--moderator", "alice")
	if !strings.Contains(out, "https://news.example.org/c/worldnews") {
		t.Errorf("create printed %q", out)
	}
	c.ok("admin", "community", "create", "quiet", "--title", "Quiet")
	list := c.ok("admin", "community", "list")
	if !regexp.MustCompile(`worldnews\s+World News\s+1\s+0\s+active`).MatchString(list) ||
		!strings.Contains(list, "2 communities") {
		t.Errorf("list:\n%s", list)
	}

	before := c.ok("admin", "community", "list")
	c.fails(1, `a community named "worldnews" already exists`, "admin", "community", "create", "worldnews", "--title", "x")
	c.fails(1, "must be 3 to 20 characters", "admin", "community", "create", "x", "--title", "x")
	c.fails(1, "needs a title", "admin", "community", "create", "blank", "--title", "   ")
	c.fails(1, `no local user is named "ghost"`, "admin", "community", "create", "ghosts", "--title", "G", "--moderator", "ghost")
	c.fails(1, "title is too long", "admin", "community", "create", "longtitle", "--title", strings.Repeat("t", 101))
	if after := c.ok("admin", "community", "list"); after != before {
		t.Errorf("bad input changed the communities:\n%s", after)
	}

	c.ok("admin", "community", "delete", "quiet")
	c.fails(1, "already deleted", "admin", "community", "delete", "quiet")
	c.fails(1, `no local community is named "nothere"`, "admin", "community", "delete", "nothere")
	if list := c.ok("admin", "community", "list"); strings.Contains(list, "quiet") {
		t.Errorf("deleted community listed:\n%s", list)
	}
	if list := c.ok("admin", "community", "list", "--all"); !regexp.MustCompile(`quiet\s+Quiet\s+0\s+0\s+deleted`).MatchString(list) {
		t.Errorf("--all does not show the deleted community:\n%s", list)
	}
}

func TestSiteSettings(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "require_approval") || !strings.Contains(out, "news.example.org") {
		t.Errorf("show:\n%s", out)
	}
	c.ok("admin", "site", "set", "--name", "Harbour News", "--registration", "open")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "Harbour News") || !strings.Contains(out, "registration: open") {
		t.Errorf("after set:\n%s", out)
	}
	c.fails(1, "must be open, closed or require_approval", "admin", "site", "set", "--registration", "sometimes")
	c.fails(2, "give at least one setting", "admin", "site", "set")
	c.fails(1, "1 to 100 characters", "admin", "site", "set", "--name", "")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "registration: open") {
		t.Errorf("a refused set changed the site:\n%s", out)
	}
}

func TestHostCannotChange(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "user", "list")
	c.env["TIDINGS_HOST"] = "other.example.org"
	c.fails(1, `this database belongs to "news.example.org"`, "admin", "user", "list")
}
