package cli_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// modSite is a migrated site with an admin, root, a community news
// moderated by mia, and a post and a comment by bob in it, opened also
// as the forum for what the commands do not make.
type modSite struct {
	*tidings
	pool          *pgxpool.Pool
	st            *store.Store
	post, comment int64
}

func newModSite(t *testing.T) *modSite {
	t.Helper()
	ctx := context.Background()
	c := migrated(t)
	for _, u := range []string{"root --admin", "mia", "bob"} {
		c.ok(append([]string{"admin", "user", "create"}, strings.Fields(u)...)...)
	}
	c.ok("admin", "community", "create", "news", "--title", "News", "--moderator", "mia")
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
	bob, err := st.LocalUserByName(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	news, err := st.LocalCommunityByName(ctx, "news")
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.CreatePost(ctx, bob, forum.PostInput{CommunityID: news.ID, Title: "Bob's post"})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := f.CreateComment(ctx, bob, p.ID, 0, "Bob's comment")
	if err != nil {
		t.Fatal(err)
	}
	return &modSite{tidings: c, pool: pool, st: st, post: p.ID, comment: cm.ID}
}

// lastLogged is the newest entry of the moderation log: its action, the
// moderator's name and the reason.
func (m *modSite) lastLogged() string {
	m.t.Helper()
	var action, mod, reason string
	if err := m.pool.QueryRow(context.Background(), `SELECT m.action, coalesce(p.name, ''), coalesce(m.reason, '')
		FROM mod_actions m LEFT JOIN people p ON p.id = m.moderator_id ORDER BY m.id DESC LIMIT 1`).
		Scan(&action, &mod, &reason); err != nil {
		m.t.Fatal(err)
	}
	return fmt.Sprintf("%s by %s: %s", action, mod, reason)
}

func (m *modSite) federated() int {
	m.t.Helper()
	var n int
	if err := m.pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'federate_local'
		AND args->>'action' IN ('moderate', 'update_community')`).Scan(&n); err != nil {
		m.t.Fatal(err)
	}
	return n
}

// Every moderator's action has its command for admins, which acts as the
// oldest admin or the one named, writes the moderation log and queues what
// other servers are sent, as the pages do.
func TestModerationCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := newModSite(t)
	post, comment := strconv.FormatInt(m.post, 10), strconv.FormatInt(m.comment, 10)
	steps := []struct {
		args   []string
		out    string
		logged string
	}{
		{[]string{"post", "remove", post, "--reason", "spam"}, "post " + post + " is removed", "remove_post by root: spam"},
		{[]string{"post", "restore", post}, "post " + post + " is restored", "restore_post by root: "},
		{[]string{"post", "lock", post, "--as", "root"}, "post " + post + " is locked", "lock_post by root: "},
		{[]string{"post", "unlock", post}, "is unlocked", "unlock_post by root: "},
		{[]string{"post", "feature", post}, "is pinned", "feature_post by root: "},
		{[]string{"post", "feature", post, "--front-page"}, "is pinned", "feature_post_local by root: "},
		{[]string{"post", "unfeature", post, "--front-page"}, "is unpinned", "unfeature_post_local by root: "},
		{[]string{"post", "mark-nsfw", post}, "is marked NSFW", "mark_post_nsfw by root: "},
		{[]string{"post", "unmark-nsfw", post}, "is no longer marked NSFW", "unmark_post_nsfw by root: "},
		{[]string{"comment", "remove", comment, "--reason", "rude"}, "comment " + comment + " is removed",
			"remove_comment by root: rude"},
		{[]string{"comment", "restore", comment}, "is restored", "restore_comment by root: "},
		{[]string{"community", "ban", "news", "bob", "--reason", "trolling", "--expires", "30d", "--remove-content"},
			"bob is banned from news until", "ban_from_community by root: trolling"},
		{[]string{"community", "unban", "news", "bob"}, "bob is no longer banned from news", "unban_from_community by root: "},
		{[]string{"community", "mod", "add", "news", "bob"}, "bob moderates news", "add_moderator by root: "},
		{[]string{"community", "transfer", "news", "bob"}, "news is handed over to bob", "transfer_community by root: "},
		{[]string{"community", "mod", "remove", "news", "mia"}, "mia no longer moderates news", "remove_moderator by root: "},
		{[]string{"community", "edit", "news", "--title", "Better News", "--restricted"}, "news is changed",
			"update_community by root: "},
	}
	for _, s := range steps {
		out := m.ok(append([]string{"admin"}, s.args...)...)
		if !strings.Contains(out, s.out) {
			t.Errorf("%s printed %q, want %q", strings.Join(s.args, " "), out, s.out)
		}
		if got := m.lastLogged(); got != s.logged {
			t.Errorf("%s logged %q, want %q", strings.Join(s.args, " "), got, s.logged)
		}
	}
	p, _ := m.st.PostByID(ctx, m.post)
	if !p.Removed || p.Locked || !p.FeaturedCommunity || p.FeaturedLocal || p.NSFW {
		t.Errorf("the post ends %+v, want pinned in its community, and removed with its author's ban", p)
	}
	c, _ := m.st.LocalCommunityByName(ctx, "news")
	mods, _ := m.st.Moderators(ctx, c.ID)
	if c.Title != "Better News" || !c.PostingRestrictedToMods || len(mods) != 1 || mods[0].Name != "bob" {
		t.Errorf("the community ends %q restricted %v moderated by %v", c.Title, c.PostingRestrictedToMods, mods)
	}
	// Front-page pins and the hand-over are ours alone, and the NSFW marks
	// go as the post's own Update; the rest is sent as the moderator's.
	if n := m.federated(); n != 12 {
		t.Errorf("%d moderation jobs queued for other servers, want 12", n)
	}
}

// The commands refuse what the pages refuse, with a message and exit 1,
// and a command line that is wrong with exit 2; nothing changes.
func TestModerationCommandsRefuse(t *testing.T) {
	t.Parallel()
	m := newModSite(t)
	post := strconv.FormatInt(m.post, 10)
	m.ok("admin", "post", "lock", post)
	before := m.lastLogged()
	m.fails(1, "this post is already locked", "admin", "post", "lock", post)
	m.fails(1, "this post is not removed", "admin", "post", "restore", post)
	m.fails(1, "bob is not an admin of this site", "admin", "post", "remove", post, "--as", "bob")
	m.fails(1, `no local user is named "nobody"`, "admin", "post", "remove", post, "--as", "nobody")
	m.fails(1, "there is no post 999999", "admin", "post", "remove", "999999")
	m.fails(1, "there is no comment 999999", "admin", "comment", "remove", "999999")
	m.fails(1, "the reason is too long: 10001 characters", "admin", "post", "remove", post, "--reason", strings.Repeat("r", 10001))
	m.fails(1, "the ban would end in the past", "admin", "community", "ban", "news", "bob", "--expires", "2001-01-01")
	m.fails(1, "bob is not banned from News", "admin", "community", "unban", "news", "bob")
	m.fails(1, `there is no community "nowhere" here`, "admin", "community", "ban", "nowhere", "bob")
	m.fails(1, `nobody here is called "ghost"`, "admin", "community", "ban", "news", "ghost")
	m.fails(1, "bob does not moderate News; add them as a moderator first", "admin", "community", "transfer", "news", "bob")
	m.fails(1, "the icon must be a full web address", "admin", "community", "edit", "news", "--icon", "javascript:x")
	if got := m.lastLogged(); got != before {
		t.Errorf("a refused command was logged: %s", got)
	}

	m.fails(2, `"abc" is not a post's ID`, "admin", "post", "remove", "abc")
	m.fails(2, "needs the post's ID", "admin", "post", "lock")
	m.fails(2, "needs the COMMUNITY and the PERSON", "admin", "community", "ban", "news")
	m.fails(2, `--expires: "soon" is not a time`, "admin", "community", "ban", "news", "bob", "--expires", "soon")
	m.fails(2, "say what to change", "admin", "community", "edit", "news")
	m.fails(2, "flag provided but not defined: -front-page", "admin", "post", "lock", post, "--front-page")

	bare := migrated(t)
	bare.ok("admin", "community", "create", "news", "--title", "News")
	bare.fails(1, "this site has no admin to act as", "admin", "post", "remove", "1")
}
