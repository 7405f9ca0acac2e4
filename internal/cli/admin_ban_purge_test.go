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

// openForum opens the instance a command line works on, to make content
// the CLI has no command for and to look at what it did.
func openForum(t *testing.T, c *tidings) (*forum.Service, *store.Store) {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(pool)
	f, err := forum.Open(ctx, st, c.env["TIDINGS_SCHEME"], c.env["TIDINGS_HOST"])
	if err != nil {
		t.Fatal(err)
	}
	return f, st
}

// A site ban from the command line takes an end and removes the person's
// content when asked; a bad end is refused and changes nothing.
func TestUserBanWithEndAndContent(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "user", "create", "alice")
	c.ok("admin", "user", "create", "bob")
	c.ok("admin", "community", "create", "news", "--title", "News")
	f, st := openForum(t, c)
	ctx := context.Background()
	bob, err := f.User(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	news, err := f.AnyCommunityByHandle(ctx, "news")
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.CreatePost(ctx, bob, forum.PostInput{CommunityID: news.ID, Title: "Spam"})
	if err != nil {
		t.Fatal(err)
	}

	c.fails(1, "the ban would end in the past", "admin", "user", "ban", "alice", "--expires", "2020-01-01")
	c.fails(1, `"someday" is not a time`, "admin", "user", "ban", "alice", "--expires", "someday")
	c.fails(1, `nobody called "ghost@far.example" is known here`, "admin", "user", "ban", "ghost@far.example")
	if list := c.ok("admin", "user", "list"); !regexp.MustCompile(`alice\s+no\s+no`).MatchString(list) {
		t.Errorf("a refused ban changed alice:\n%s", list)
	}

	out := c.ok("admin", "user", "ban", "bob", "--reason", "spam", "--expires", "3d", "--remove-content")
	if !regexp.MustCompile(`bob is banned until \d{4}-\d\d-\d\d \d\d:\d\d UTC`).MatchString(out) {
		t.Errorf("ban printed %q", out)
	}
	if got, _ := st.PostByID(ctx, p.ID); !got.Removed {
		t.Error("--remove-content left bob's post up")
	}
	if list := c.ok("admin", "user", "list"); !strings.Contains(list, "yes (spam)") {
		t.Errorf("list after the ban:\n%s", list)
	}
	c.fails(1, `alice is not an admin of this site`, "admin", "user", "unban", "bob", "--as", "alice")
	c.ok("admin", "user", "create", "root", "--admin")
	c.ok("admin", "user", "unban", "bob", "--reason", "appeal", "--as", "root")
	entries, _, err := st.ModLog(ctx, store.ModLogFilter{PersonID: bob.ID})
	if err != nil || len(entries) != 2 || entries[0].Action != "unban_from_site" || entries[0].Reason != "appeal" ||
		entries[0].ModeratorName != "root" || entries[1].Action != "ban_from_site" || entries[1].ExpiresAt == nil ||
		entries[1].ModeratorID != 0 {
		t.Errorf("bob's log (the ban by the operator, its end by root): %+v %v", entries, err)
	}
}

// Purges from the command line say what would go, delete only with --yes,
// and refuse what is not there.
func TestPurgeCommands(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "user", "create", "alice")
	c.ok("admin", "user", "create", "bob")
	c.ok("admin", "community", "create", "news", "--title", "News")
	c.ok("admin", "community", "create", "other", "--title", "Other")
	f, st := openForum(t, c)
	ctx := context.Background()
	alice, _ := f.User(ctx, "alice")
	news, _ := f.AnyCommunityByHandle(ctx, "news")
	p, err := f.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Doomed"})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := f.CreateComment(ctx, alice, p.ID, 0, "a comment")
	if err != nil {
		t.Fatal(err)
	}
	post := itoa(p.ID)

	c.fails(1, "purging post "+post+" (Doomed) deletes it for good with 1 comment(s) and 2 vote(s); run again with --yes",
		"admin", "purge", "post", post)
	if _, err := st.PostByID(ctx, p.ID); err != nil {
		t.Fatalf("the post is gone without --yes: %v", err)
	}
	c.fails(1, "there is no comment 999 to purge", "admin", "purge", "comment", "999", "--yes")
	c.fails(1, "give the post's number or its URL", "admin", "purge", "post", "doomed", "--yes")
	c.fails(2, `unknown command "planet"`, "admin", "purge", "planet", "x")
	c.fails(2, "needs ID|URL", "admin", "purge", "post")

	out := c.ok("admin", "purge", "comment", "https://news.example.org/comment/"+itoa(cm.ID), "--yes", "--reason", "rude")
	if !strings.Contains(out, "purged comment "+itoa(cm.ID)+" (a comment), with 1 comment(s) and 1 vote(s)") {
		t.Errorf("comment purge printed %q", out)
	}
	if out := c.ok("admin", "purge", "post", post, "--yes"); !strings.Contains(out, "purged post "+post+" (Doomed)") {
		t.Errorf("post purge printed %q", out)
	}
	if _, err := st.PostByID(ctx, p.ID); err == nil {
		t.Error("the purged post is still there")
	}
	c.fails(1, "there is no post "+post+" to purge", "admin", "purge", "post", post, "--yes")
	c.ok("admin", "purge", "person", "bob", "--yes")
	c.fails(1, `nobody here is called "bob"`, "admin", "purge", "person", "bob", "--yes")
	c.ok("admin", "purge", "community", "other", "--yes")
	if list := c.ok("admin", "community", "list", "--all"); strings.Contains(list, "other") {
		t.Errorf("the purged community is listed:\n%s", list)
	}
	entries, _, err := st.ModLog(ctx, store.ModLogFilter{Actions: []string{"purge_post", "purge_comment", "purge_person",
		"purge_community"}})
	var names []string
	for _, e := range entries {
		names = append(names, e.Action+":"+e.TargetName)
	}
	if err != nil || strings.Join(names, ",") !=
		"purge_community:other@news.example.org,purge_person:bob@news.example.org,purge_post:Doomed,purge_comment:a comment" {
		t.Errorf("the log of purges: %v %v", names, err)
	}
}

// The site may hide moderators' names from the mod log's readers.
func TestSiteHidesModlogNames(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "moderators' names shown") {
		t.Errorf("show:\n%s", out)
	}
	c.ok("admin", "site", "set", "--hide-modlog-names")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "moderators' names hidden but to admins") {
		t.Errorf("after --hide-modlog-names:\n%s", out)
	}
	c.ok("admin", "site", "set", "--hide-modlog-names=false")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "moderators' names shown") {
		t.Errorf("after --hide-modlog-names=false:\n%s", out)
	}
	c.fails(2, "invalid boolean value", "admin", "site", "set", "--hide-modlog-names=sometimes")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
