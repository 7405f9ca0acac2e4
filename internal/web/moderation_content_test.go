package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// A moderator removes a comment with a reason: others read "removed by a
// moderator", its author and the moderator still read it, marked; its
// replies keep their place, and a new reply to it is refused. Restored,
// everyone reads it again. Both are in the moderation log.
func TestModeratorRemovesAndRestoresAComment(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	reply := w.comment(t, w.bob, w.bobPost.ID, w.carlComment.ID, "A reply beneath it.")
	path := w.postPath()
	if page := w.miac.Get(path); !strings.Contains(page.Body, `action="/comment/`+id(w.carlComment.ID)+`/remove"`) {
		t.Fatalf("the moderator's thread has no removal form for the comment\n%s", excerpt(page.Body))
	}
	if page := w.c.Get(path); strings.Contains(page.Body, "/remove\"") {
		t.Errorf("someone who does not moderate is offered removal forms\n%s", excerpt(page.Body))
	}

	r := w.miac.Post("/comment/"+id(w.carlComment.ID)+"/remove", form("reason", "Be civil <b>please</b>"))
	wantRedirect(t, r, path+"#c"+id(w.carlComment.ID))
	wantLogged(t, w.s, modEntry{Action: "remove_comment", Moderator: "mia", Post: w.bobPost.ID, Comment: w.carlComment.ID,
		Reason: "Be civil <b>please</b>"})

	anon := w.s.NewClient().Get(path).Body
	wantContains(t, anon, "removed by a moderator", "A reply beneath it.")
	wantNotContains(t, anon, "Carl&#39;s comment, rude.", "Carl's comment, rude.")
	if got := commentParents(t, anon)[reply.ID]; got != w.carlComment.ID {
		t.Errorf("the reply is under %d, want still under the removed comment %d", got, w.carlComment.ID)
	}
	// Its author and the moderator read it still.
	for _, c := range []string{w.carlc.Get(path).Body, w.miac.Get(path).Body} {
		wantContains(t, c, "removed by a moderator; only its author and the moderators see it", "Carl&#39;s comment, rude.")
	}
	wantContains(t, w.miac.Get(path).Body, "Restore comment")

	before := snap(t, w.s)
	r = w.bobc.Post(path+"/comment", form("body", "Replying anyway", "parent", id(w.carlComment.ID)))
	wantError(t, r, http.StatusUnprocessableEntity, "The comment you replied to was removed by a moderator; it takes no replies.")
	before.unchanged(t, w.s)

	r = w.miac.Post("/comment/"+id(w.carlComment.ID)+"/remove", form("undo", "1", "reason", "on appeal"))
	wantRedirect(t, r, path+"#c"+id(w.carlComment.ID))
	wantContains(t, w.s.NewClient().Get(path).Body, "Carl&#39;s comment, rude.")
	wantLogged(t, w.s, modEntry{Action: "restore_comment", Moderator: "mia", Post: w.bobPost.ID, Comment: w.carlComment.ID,
		Reason: "on appeal"})
}

// A moderator removes a post: it leaves the community's listing, its page
// says so to others and keeps it for its author, marked; restored, it is
// back.
func TestModeratorRemovesAndRestoresAPost(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	path := w.postPath()
	wantContains(t, w.miac.Get(path).Body, `action="`+path+`/remove"`, "Remove post")
	r := w.miac.Post(path+"/remove", form("reason", "spam"))
	wantRedirect(t, r, path)
	wantLogged(t, w.s, modEntry{Action: "remove_post", Moderator: "mia", Post: w.bobPost.ID, Reason: "spam"})

	if rows := postRows(w.s.NewClient().Get("/c/news").Body); len(rows) != 0 {
		t.Errorf("the community still lists %v", rows)
	}
	anon := w.s.NewClient().Get(path).Body
	wantContains(t, anon, "This post was removed by a moderator.")
	wantNotContains(t, anon, "<em>words</em>")
	wantContains(t, w.bobc.Get(path).Body, "Only its author and the moderators see it", "<em>words</em>")
	wantContains(t, w.miac.Get(path).Body, "Restore post", "<em>words</em>")

	r = w.miac.Post(path+"/remove", form("undo", "1"))
	wantRedirect(t, r, path)
	if rows := postRows(w.s.NewClient().Get("/c/news").Body); len(rows) != 1 || rows[0] != w.bobPost.ID {
		t.Errorf("after the restore the community lists %v", rows)
	}
	wantLogged(t, w.s, modEntry{Action: "restore_post", Moderator: "mia", Post: w.bobPost.ID})
}

// A locked post takes no comments, though its moderators still remove
// what is in it; locking it twice is refused; unlocked, it takes comments.
func TestModeratorLocksAndUnlocksAPost(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	path := w.postPath()
	wantRedirect(t, w.miac.Post(path+"/lock", nil), path)
	page := w.bobc.Get(path).Body
	wantContains(t, page, `<span class="tag">Locked</span>`, "This post is locked: it takes no new comments.")
	wantNotContains(t, page, `action="`+path+`/comment"`)
	wantLogged(t, w.s, modEntry{Action: "lock_post", Moderator: "mia", Post: w.bobPost.ID})

	before := snap(t, w.s)
	wantError(t, w.bobc.Post(path+"/comment", form("body", "Too late")), http.StatusUnprocessableEntity,
		"This post is locked; it takes no more replies.")
	before.unchanged(t, w.s)
	n := logSize(t, w.s)
	wantError(t, w.miac.Post(path+"/lock", nil), http.StatusUnprocessableEntity, "This post is already locked")
	if logSize(t, w.s) != n {
		t.Error("a refused lock was logged")
	}
	wantRedirect(t, w.miac.Post("/comment/"+id(w.carlComment.ID)+"/remove", form("reason", "still")), path+"#c"+id(w.carlComment.ID))
	wantContains(t, w.miac.Get(path).Body, "Unlock")

	wantRedirect(t, w.miac.Post(path+"/lock", form("undo", "1")), path)
	wantLogged(t, w.s, modEntry{Action: "unlock_post", Moderator: "mia", Post: w.bobPost.ID})
	wantStatus(t, w.bobc.Post(path+"/comment", form("body", "Open again")), http.StatusSeeOther)
}

// A moderator pins a post at the head of the community's listing; an
// admin pins one at the head of the front page, which a moderator may
// not.
func TestPinnedPostsHeadTheirListings(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	newer := w.post(t, w.alice, "A newer post", "")
	if rows := postRows(w.s.NewClient().Get("/c/news?sort=new").Body); len(rows) != 2 || rows[0] != newer.ID {
		t.Fatalf("before pinning the community lists %v", rows)
	}
	path := w.postPath()
	wantRedirect(t, w.miac.Post(path+"/feature", nil), path)
	wantLogged(t, w.s, modEntry{Action: "feature_post", Moderator: "mia", Post: w.bobPost.ID})
	community := w.s.NewClient().Get("/c/news?sort=new").Body
	if rows := postRows(community); len(rows) != 2 || rows[0] != w.bobPost.ID || rows[1] != newer.ID {
		t.Errorf("the community lists %v, want the pinned %d first, once", rows, w.bobPost.ID)
	}
	wantContains(t, community, `<span class="tag">Pinned</span>`)
	if rows := postRows(w.s.NewClient().Get("/?sort=new").Body); rows[0] != newer.ID {
		t.Errorf("pinned in its community, the post heads the front page too: %v", rows)
	}

	n := logSize(t, w.s)
	wantError(t, w.miac.Post(path+"/feature", form("where", "local")), http.StatusForbidden,
		"Only the site's admins pin posts on the front page")
	if logSize(t, w.s) != n || getPost(t, w.s, w.bobPost.ID).FeaturedLocal {
		t.Error("a moderator's front-page pin changed something")
	}
	_, root := w.admin(t, "root")
	wantContains(t, root.Get(path).Body, "Pin on the front page")
	wantRedirect(t, root.Post(path+"/feature", form("where", "local")), path)
	wantLogged(t, w.s, modEntry{Action: "feature_post_local", Moderator: "root", Post: w.bobPost.ID})
	for _, listing := range []string{"/?sort=new", "/?sort=new&type=local"} {
		if rows := postRows(w.s.NewClient().Get(listing).Body); len(rows) != 2 || rows[0] != w.bobPost.ID {
			t.Errorf("%s lists %v, want the front-page pin first", listing, rows)
		}
	}
	wantRedirect(t, root.Post(path+"/feature", form("where", "local", "undo", "1")), path)
	wantRedirect(t, w.miac.Post(path+"/feature", form("undo", "1")), path)
	wantLogged(t, w.s, modEntry{Action: "unfeature_post_local", Moderator: "root", Post: w.bobPost.ID},
		modEntry{Action: "unfeature_post", Moderator: "mia", Post: w.bobPost.ID})
	if rows := postRows(w.s.NewClient().Get("/c/news?sort=new").Body); rows[0] != newer.ID {
		t.Errorf("unpinned, the post still heads the community: %v", rows)
	}
}

// A moderator marks a post NSFW, which hides it from those who do not
// want NSFW posts, and takes the mark off.
func TestModeratorMarksAPostNSFW(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	path := w.postPath()
	wantRedirect(t, w.miac.Post(path+"/nsfw", nil), path)
	wantContains(t, w.s.NewClient().Get(path).Body, `<span class="tag nsfw-tag">NSFW</span>`)
	if rows := postRows(w.s.NewClient().Get("/c/news").Body); len(rows) != 0 {
		t.Errorf("an NSFW post is listed for someone who does not want them: %v", rows)
	}
	wantLogged(t, w.s, modEntry{Action: "mark_post_nsfw", Moderator: "mia", Post: w.bobPost.ID})
	wantError(t, w.miac.Post(path+"/nsfw", nil), http.StatusUnprocessableEntity, "This post is already marked NSFW")
	wantRedirect(t, w.miac.Post(path+"/nsfw", form("undo", "1")), path)
	wantLogged(t, w.s, modEntry{Action: "unmark_post_nsfw", Moderator: "mia", Post: w.bobPost.ID})
	if rows := postRows(w.s.NewClient().Get("/c/news").Body); len(rows) != 1 {
		t.Errorf("unmarked, the post is not listed: %v", rows)
	}
}
