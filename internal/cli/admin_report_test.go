package cli_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// reportsDB makes what the CLI lists: people report through the pages,
// which go through forum as this does.
type reportsDB struct {
	st *store.Store
	f  *forum.Service
}

func openReportsDB(t *testing.T, c *tidings) reportsDB {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(pool)
	f, err := forum.Open(ctx, st, "https", "news.example.org")
	if err != nil {
		t.Fatal(err)
	}
	return reportsDB{st: st, f: f}
}

func (db reportsDB) user(t *testing.T, name string) store.LocalUser {
	t.Helper()
	u, err := db.st.LocalUserByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestReportListAndResolve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := migrated(t)
	c.ok("admin", "user", "create", "alice")
	c.ok("admin", "user", "create", "bob")
	c.ok("admin", "user", "create", "root", "--admin")
	c.ok("admin", "community", "create", "news", "--title", "News", "--moderator", "alice")
	c.ok("admin", "community", "create", "quiet", "--title", "Quiet")
	db := openReportsDB(t, c)
	alice, bob := db.user(t, "alice"), db.user(t, "bob")
	news, err := db.f.Community(ctx, "news")
	if err != nil {
		t.Fatal(err)
	}
	post, err := db.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Cheap watches"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := db.f.CreateComment(ctx, alice, post.ID, 0, "click here")
	if err != nil {
		t.Fatal(err)
	}
	postReport, err := db.f.ReportPost(ctx, bob, post.ID, "spam,\n\tplainly")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.f.ReportComment(ctx, bob, comment.ID, "also spam"); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(postReport, 10)

	list := c.ok("admin", "report", "list")
	row := regexp.MustCompile(`(?m)^` + id + `\s+post ` + strconv.FormatInt(post.ID, 10) + `\s+news\s+bob@news.example.org\s+spam, plainly\s+open\s+\d{4}-`)
	if !row.MatchString(list) || !strings.Contains(list, "comment "+strconv.FormatInt(comment.ID, 10)) || !strings.Contains(list, "2 report(s)") {
		t.Errorf("list:\n%s", list)
	}
	if out := c.ok("admin", "report", "list", "--community", "quiet"); !strings.Contains(out, "0 report(s)") {
		t.Errorf("list of a community without reports:\n%s", out)
	}

	if out := c.ok("admin", "report", "resolve", id); out != "report "+id+" is resolved\n" {
		t.Errorf("resolve printed %q", out)
	}
	if out := c.ok("admin", "report", "list"); !strings.Contains(out, "1 report(s)") || row.MatchString(out) {
		t.Errorf("after resolving, the open list:\n%s", out)
	}
	all := c.ok("admin", "report", "list", "--all")
	if !regexp.MustCompile(`(?m)^` + id + `\s+post .*\s+resolved\s+\d{4}-`).MatchString(all) {
		t.Errorf("list --all:\n%s", all)
	}
	c.fails(1, "report "+id+" was resolved already", "admin", "report", "resolve", id)
	if out := c.ok("admin", "report", "resolve", id, "--reopen"); out != "report "+id+" is open again\n" {
		t.Errorf("reopen printed %q", out)
	}
	c.fails(1, "report "+id+" is open already", "admin", "report", "resolve", id, "--reopen")

	before := c.ok("admin", "report", "list", "--all")
	c.fails(2, "needs the report's ID", "admin", "report", "resolve")
	c.fails(2, `a positive number, not "abc"`, "admin", "report", "resolve", "abc")
	c.fails(2, "--reopen and --remove do not go together", "admin", "report", "resolve", id, "--reopen", "--remove")
	c.fails(2, "--reason is the removal's", "admin", "report", "resolve", id, "--reason", "spam")
	c.fails(1, "there is no report 999999", "admin", "report", "resolve", "999999")
	c.fails(1, `no local community is named "nothere"`, "admin", "report", "list", "--community", "nothere")
	c.fails(1, "alice is not an admin", "admin", "report", "resolve", id, "--remove", "--as", "alice")
	c.fails(1, `no local user is named "nobody"`, "admin", "report", "resolve", id, "--as", "nobody")
	c.fails(1, "the reason is too long", "admin", "report", "resolve", id, "--remove", "--as", "root",
		"--reason", strings.Repeat("r", forum.MaxReasonLen+1))
	if after := c.ok("admin", "report", "list", "--all"); after != before {
		t.Errorf("refused commands changed the reports:\nbefore\n%s\nafter\n%s", before, after)
	}

	// With --remove, by the site's oldest admin, the post goes too, and
	// the admin is named.
	out := c.ok("admin", "report", "resolve", id, "--remove", "--reason", "spam")
	if want := "report " + id + " is resolved, and post " + strconv.FormatInt(post.ID, 10) + " is removed\n"; out != want {
		t.Errorf("resolve --remove printed %q, want %q", out, want)
	}
	if p, err := db.st.PostByID(ctx, post.ID); err != nil || !p.Removed {
		t.Errorf("the post after resolve --remove: removed %v, %v", p.Removed, err)
	}
	if !regexp.MustCompile(`(?m)^` + id + `\s+post .*\s+resolved, removed\s+\d{4}-`).MatchString(c.ok("admin", "report", "list", "--all")) {
		t.Error("the list does not show the report resolved and the post removed")
	}
	if r, err := db.st.ReportByID(ctx, postReport); err != nil || r.ResolverName != "root" {
		t.Errorf("resolved by %q (%v), want the oldest admin, root", r.ResolverName, err)
	}
}
