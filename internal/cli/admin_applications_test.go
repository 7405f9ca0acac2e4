package cli_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// apply signs name up through the forum, as the sign-up page does, on a
// site that requires approval.
func apply(t *testing.T, c *tidings, name, answer string) {
	t.Helper()
	ctx := context.Background()
	pool, err := db.Open(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	f, err := forum.Open(ctx, store.New(pool), "https", c.env["TIDINGS_HOST"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Register(ctx, forum.SignUp{Name: name, Password: "correct horse battery", Answer: answer}); err != nil {
		t.Fatalf("sign up %s: %v", name, err)
	}
}

func TestApplications(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "site", "set", "--registration", "require_approval", "--application-question", "Why here?")
	c.ok("admin", "user", "create", "root", "--admin")
	apply(t, c, "alice", "I row on the\nriver\tevery day")
	apply(t, c, "bob", "Spam, mostly")
	apply(t, c, "carol", "Friends are here")

	r := c.run("admin", "user", "applications")
	if r.code != 0 || r.stderr != "3 pending application(s)\n" {
		t.Fatalf("applications: exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "NAME") {
		t.Fatalf("applications printed:\n%s", r.stdout)
	}
	// One line each, oldest first, the answer on one line, the columns a
	// script can cut.
	for i, want := range []string{`^alice\s+pending\s+\d{4}-\d\d-\d\dT\d\d:\d\dZ\s+-\s+-\s+I row on the river every day$`,
		`^bob\s+pending\s+\S+\s+-\s+-\s+Spam, mostly$`, `^carol\s+pending\s+\S+\s+-\s+-\s+Friends are here$`} {
		if !regexp.MustCompile(want).MatchString(lines[i+1]) {
			t.Errorf("line %d is %q, want %s", i+1, lines[i+1], want)
		}
	}
	list := c.ok("admin", "user", "list")
	for _, want := range []string{`alice\s+no\s+no\s+pending approval`, `root\s+yes\s+no\s+active`} {
		if !regexp.MustCompile(want).MatchString(list) {
			t.Errorf("user list lacks %s:\n%s", want, list)
		}
	}

	if out := c.ok("admin", "user", "approve", "alice"); !strings.Contains(out, "the application of alice is approved") {
		t.Errorf("approve printed %q", out)
	}
	if out := c.ok("admin", "user", "deny", "bob", "--reason", "We saw the links you post elsewhere."); !strings.Contains(out, "the application of bob is denied") {
		t.Errorf("deny printed %q", out)
	}
	list = c.ok("admin", "user", "list")
	for _, want := range []string{`alice\s+no\s+no\s+active`, `bob\s+no\s+no\s+denied \(We saw the links you post elsewhere\.\)`,
		`carol\s+no\s+no\s+pending approval`} {
		if !regexp.MustCompile(want).MatchString(list) {
			t.Errorf("user list lacks %s:\n%s", want, list)
		}
	}
	r = c.run("admin", "user", "applications")
	if r.stderr != "1 pending application(s)\n" || !strings.Contains(r.stdout, "carol") || strings.Contains(r.stdout, "alice") {
		t.Errorf("after the decisions, applications: %q\n%s", r.stderr, r.stdout)
	}
	r = c.run("admin", "user", "applications", "--all")
	all := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.stderr != "3 application(s)\n" || len(all) != 4 || !strings.HasPrefix(all[1], "carol") ||
		!regexp.MustCompile(`^bob\s+denied\s+\S+\s+-\s+We saw the links you post elsewhere\.\s+Spam, mostly$`).MatchString(all[2]) ||
		!regexp.MustCompile(`^alice\s+approved\s`).MatchString(all[3]) {
		t.Errorf("applications --all: %q\n%s", r.stderr, r.stdout)
	}
	// An admin may change their mind about a denial.
	c.ok("admin", "user", "approve", "bob")
	if list := c.ok("admin", "user", "list"); !regexp.MustCompile(`bob\s+no\s+no\s+active`).MatchString(list) {
		t.Errorf("bob is not active after approval:\n%s", list)
	}
}

// Each refused decision says why and changes nothing.
func TestApplicationRefusals(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "site", "set", "--registration", "require_approval")
	c.ok("admin", "user", "create", "root", "--admin")
	apply(t, c, "alice", "Hello")
	apply(t, c, "bob", "Hi")
	c.ok("admin", "user", "approve", "alice")
	c.ok("admin", "user", "deny", "bob", "--reason", "No.")
	before := c.ok("admin", "user", "list")
	pending := c.ok("admin", "user", "applications", "--all")

	c.fails(2, "needs --reason: the applicant reads it", "admin", "user", "deny", "bob")
	c.fails(1, "give a reason for the denial", "admin", "user", "deny", "alice", "--reason", "   ")
	c.fails(1, "the reason is too long: use at most 1000 characters", "admin", "user", "deny", "alice", "--reason", strings.Repeat("r", 1001))
	c.fails(1, `the application of "alice" is already approved`, "admin", "user", "approve", "alice")
	c.fails(1, `the application of "alice" is already approved`, "admin", "user", "deny", "alice", "--reason", "changed my mind")
	c.fails(1, `the application of "bob" is already denied`, "admin", "user", "deny", "bob", "--reason", "again")
	c.fails(1, `no local user is named "ghost"`, "admin", "user", "approve", "ghost")
	c.fails(1, `no local user is named "ghost"`, "admin", "user", "deny", "ghost", "--reason", "x")
	c.fails(1, `"root" has no application to decide`, "admin", "user", "approve", "root")
	c.fails(2, "needs the applicant's NAME", "admin", "user", "approve")
	c.fails(2, "takes no arguments", "admin", "user", "applications", "alice")

	if after := c.ok("admin", "user", "list"); after != before {
		t.Errorf("refusals changed the users:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if after := c.ok("admin", "user", "applications", "--all"); after != pending {
		t.Errorf("refusals changed the applications:\nbefore:\n%s\nafter:\n%s", pending, after)
	}
}

func TestSiteLegalFile(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "legal:        none") {
		t.Errorf("show before:\n%s", out)
	}
	c.files["/rules.md"] = "# Rules\n\nBe kind.\n"
	c.ok("admin", "site", "set", "--legal-file", "/rules.md")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "legal:        18 characters (shown at /legal)") {
		t.Errorf("show after --legal-file:\n%s", out)
	}
	if r := c.runIn("Be kinder.", "admin", "site", "set", "--legal-file", "-"); r.code != 0 {
		t.Fatalf("--legal-file -: %s", r.stderr)
	}
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "legal:        10 characters") {
		t.Errorf("show after --legal-file -:\n%s", out)
	}

	before := c.ok("admin", "site", "show")
	c.fails(1, "read /missing", "admin", "site", "set", "--legal-file", "/missing")
	c.files["/long.md"] = strings.Repeat("x", forum.MaxSiteLegal+1)
	c.fails(1, "the rules and legal text are too long: use at most 50000 characters", "admin", "site", "set", "--legal-file", "/long.md")
	c.files["/binary"] = "a\x00b"
	c.fails(1, "it is not UTF-8 text", "admin", "site", "set", "--legal-file", "/binary")
	c.fails(1, "the application question is too long", "admin", "site", "set", "--application-question", strings.Repeat("q", 2001))
	if after := c.ok("admin", "site", "show"); after != before {
		t.Errorf("refusals changed the site:\n%s", after)
	}

	c.files["/empty"] = ""
	c.ok("admin", "site", "set", "--legal-file", "/empty")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "legal:        none") {
		t.Errorf("an empty file did not remove the text:\n%s", out)
	}
}
