package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// An admin purges a post: the confirmation says what goes and changes
// nothing; the purge deletes the post with its comments and votes, and the
// mod log keeps its title. The post's page offers the purge to admins only.
func TestAdminPurgesAPost(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, root := w.admin(t, "root")
	bob, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Doomed post", "")
	keep := w.post(t, w.alice, "Kept post", "")
	c := w.comment(t, bob, p.ID, 0, "a comment")
	w.comment(t, w.alice, p.ID, c.ID, "a reply")
	wantRedirect(t, bobc.Post("/post/"+id(p.ID)+"/vote", form("score", "1", "return", "/post/"+id(p.ID))), "/post/"+id(p.ID))
	votes := count(t, w.s, `SELECT (SELECT count(*) FROM post_votes WHERE post_id = $1) +
		(SELECT count(*) FROM comment_votes WHERE post_id = $1)`, p.ID)

	purgeLink := `href="/admin/purge?kind=post&amp;target=` + id(p.ID) + `"`
	wantContains(t, root.Get("/post/"+id(p.ID)).Body, purgeLink)
	wantNotContains(t, w.c.Get("/post/"+id(p.ID)).Body, purgeLink)

	before := snap(t, w.s)
	r := root.Get("/admin/purge?kind=post&target=" + id(p.ID))
	wantStatus(t, r, http.StatusOK)
	wantSafe(t, r.Body)
	wantContains(t, r.Body, "Purge the post <strong>Doomed post</strong>?", "2 comments", id(int64(votes))+" votes",
		`name="id" value="`+id(p.ID)+`"`)
	before.unchanged(t, w.s)
	// Found by its URL too.
	wantContains(t, root.Get("/admin/purge?kind=post&target="+w.s.URL+"/post/"+id(keep.ID)).Body, "<strong>Kept post</strong>")

	r = root.Post("/admin/purge", form("kind", "post", "id", id(p.ID), "reason", "illegal content"))
	wantRedirect(t, r, "/modlog?type=purge")
	wantStatus(t, w.c.Get("/post/"+id(p.ID)), http.StatusNotFound)
	wantStatus(t, w.c.Get("/comment/"+id(c.ID)), http.StatusNotFound)
	for sql, want := range map[string]int{
		`SELECT count(*) FROM posts WHERE id = $1`:              0,
		`SELECT count(*) FROM comments WHERE post_id = $1`:      0,
		`SELECT count(*) FROM post_votes WHERE post_id = $1`:    0,
		`SELECT count(*) FROM comment_votes WHERE post_id = $1`: 0,
	} {
		if n := count(t, w.s, sql, p.ID); n != want {
			t.Errorf("%s: %d", sql, n)
		}
	}
	wantStatus(t, w.c.Get("/post/"+id(keep.ID)), http.StatusOK)
	r = w.s.NewClient().Get("/modlog?type=purge")
	e := modlogEntries(t, r.Body)
	if len(e) != 1 || !strings.HasPrefix(firstEntry(e).Text, "root purged the post “Doomed post” in !news") ||
		!strings.Contains(firstEntry(e).Text, "Reason: illegal content") {
		t.Errorf("the mod log's purges: %+v", e)
	}
}

// A comment goes with the replies beneath it, a person with their account
// and what they wrote, a community with everything in it.
func TestAdminPurgesACommentAPersonAndACommunity(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, root := w.admin(t, "root")
	bob, _ := w.user(t, "bob")
	p := w.post(t, w.alice, "A thread", "")
	c := w.comment(t, bob, p.ID, 0, "bob's comment")
	reply := w.comment(t, w.alice, p.ID, c.ID, "alice's reply")
	other := w.comment(t, w.alice, p.ID, 0, "another comment")

	r := root.Get("/admin/purge?kind=comment&target=" + id(c.ID))
	wantContains(t, r.Body, "Purge the comment <strong>bob&#39;s comment</strong>?", "2 comments")
	wantRedirect(t, root.Post("/admin/purge", form("kind", "comment", "id", id(c.ID))), "/modlog?type=purge")
	for _, gone := range []int64{c.ID, reply.ID} {
		wantStatus(t, w.c.Get("/comment/"+id(gone)), http.StatusNotFound)
	}
	wantStatus(t, w.c.Get("/comment/"+id(other.ID)), http.StatusOK)
	if got := getPost(t, w.s, p.ID).Comments; got != 1 {
		t.Errorf("the post counts %d comments, want 1", got)
	}

	bobPost := w.post(t, bob, "Bob's post", "")
	wantContains(t, root.Get("/u/bob").Body, `href="/admin/purge?kind=person&amp;target=bob"`)
	wantContains(t, root.Get("/admin/purge?kind=person&target=bob").Body, "1 post")
	wantRedirect(t, root.Post("/admin/purge", form("kind", "person", "id", id(bob.ID), "reason", "spammer")), "/modlog?type=purge")
	wantStatus(t, w.c.Get("/u/bob"), http.StatusNotFound)
	wantStatus(t, w.c.Get("/post/"+id(bobPost.ID)), http.StatusNotFound)
	wantError(t, w.s.NewClient().Post("/login", form("name", "bob", "password", password)), http.StatusUnauthorized,
		"Wrong name or password")

	purges := func() string {
		var texts []string
		for _, v := range modlogEntries(t, w.s.NewClient().Get("/modlog?type=purge").Body) {
			texts = append(texts, v.Text)
		}
		return strings.Join(texts, "\n")
	}
	all := purges()
	for _, want := range []string{"root purged the comment “bob's comment” in !news", "root purged bob",
		"Reason: spammer"} {
		if !strings.Contains(all, want) {
			t.Errorf("the mod log's purges lack %q:\n%s", want, all)
		}
	}

	wantContains(t, root.Get("/c/news").Body, `href="/admin/purge?kind=community&amp;target=news"`)
	wantRedirect(t, root.Post("/admin/purge", form("kind", "community", "id", id(w.comm.ID))), "/modlog?type=purge")
	wantStatus(t, w.c.Get("/c/news"), http.StatusNotFound)
	wantStatus(t, w.c.Get("/post/"+id(p.ID)), http.StatusNotFound)
	// The community's log goes with it, but for its purge.
	all = purges()
	if !strings.Contains(all, "root purged the community !news") || !strings.Contains(all, "root purged bob") ||
		strings.Contains(all, "purged the comment") {
		t.Errorf("the mod log's purges after the community's:\n%s", all)
	}
}

// Purges refused: by someone who is not an admin (403), of what does not
// exist (404), of a kind there is none of, of oneself or another admin;
// nothing changes.
func TestPurgeRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, root := w.admin(t, "root")
	w.admin(t, "other_admin")
	p := w.post(t, w.alice, "A post", "")
	before := snap(t, w.s)

	for name, r := range map[string]func() (int, string){
		"alice's visit": func() (int, string) {
			r := w.c.Get("/admin/purge?kind=post&target=" + id(p.ID))
			return r.Status, r.Body
		},
		"alice's purge": func() (int, string) {
			r := w.c.Post("/admin/purge", form("kind", "post", "id", id(p.ID)))
			return r.Status, r.Body
		},
	} {
		if status, body := r(); status != http.StatusForbidden || !strings.Contains(body, "These pages are for the site&#39;s admins") {
			t.Errorf("%s: %d\n%s", name, status, excerpt(body))
		}
	}
	wantStatus(t, root.PostWithHeaders("/admin/purge", form("kind", "post", "id", id(p.ID)), crossSite()), http.StatusForbidden)
	for query, want := range map[string]struct {
		status int
		msg    string
	}{
		"kind=post&target=999999":                {http.StatusNotFound, "There is no post 999999 to purge"},
		"kind=post&target=https://x.example/p/1": {http.StatusNotFound, `There is no post "https://x.example/p/1" here`},
		"kind=comment&target=first":              {http.StatusUnprocessableEntity, "Give the comment's number or its URL"},
		"kind=person&target=ghost":               {http.StatusNotFound, `Nobody here is called "ghost"`},
		"kind=community&target=nowhere":          {http.StatusNotFound, `There is no community "nowhere" here`},
		"kind=planet&target=earth":               {http.StatusUnprocessableEntity, `"planet" cannot be purged`},
		"kind=person&target=root":                {http.StatusForbidden, "You cannot purge yourself"},
		"kind=person&target=other_admin":         {http.StatusForbidden, "Other_admin is an admin"},
	} {
		wantError(t, root.Get("/admin/purge?"+query), want.status, want.msg)
	}
	wantError(t, root.Post("/admin/purge", form("kind", "post", "id", "999999")), http.StatusNotFound, "There is no post 999999")
	wantError(t, root.Post("/admin/purge", form("kind", "post", "id", id(p.ID), "reason", repeat("r", forum.MaxReasonLen+1))),
		http.StatusUnprocessableEntity, "The reason is too long")
	wantError(t, root.Post("/admin/purge", form("kind", "post")), http.StatusBadRequest, "did not say what to purge")
	before.unchanged(t, w.s)
	if n := count(t, w.s, `SELECT count(*) FROM mod_actions WHERE action LIKE 'purge_%'`); n != 0 {
		t.Errorf("refused purges wrote %d log entries", n)
	}
}
