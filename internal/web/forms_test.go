package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestCreatePost(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.c.Post("/create_post", form("community", id(w.comm.ID), "title", "  A fine title  ",
		"url", "https://example.com/story", "body", "Some *text*.", "language", "en"))
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/post/") {
		t.Fatalf("got %d to %q, want 303 to the new post", r.Status, r.Location)
	}
	page := w.c.Get(r.Location)
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page.Body, `<a href="https://example.com/story" rel="nofollow ugc noopener">A fine title</a>`,
		`<span class="domain">(example.com)</span>`, "<em>text</em>", "English", "0 comments")
	wantVote(t, page.Body, r.Location+"/vote", vote{Score: "1", Up: "0", UpOn: true, Down: "-1", Return: r.Location})
	wantNotContains(t, page.Body, "edited")
	if n := count(t, w.s, "SELECT count(*) FROM posts WHERE title = 'A fine title' AND creator_id = $1", w.alice.ID); n != 1 {
		t.Errorf("%d posts stored, want 1", n)
	}
	// The new post leads the community's newest posts.
	wantContains(t, w.c.Get("/c/news?sort=new").Body, "A fine title")
}

// Each refused post is shown again with what was typed and what was wrong,
// and stores nothing.
func TestCreatePostRefused(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	bob, _ := w.user(t, "bob")
	gone, err := w.s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "gone", Title: "Gone"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.DeleteCommunity(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	modsOnly, err := w.s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "announce", Title: "Announcements",
		Restricted: true, Moderator: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	existing := w.post(t, bob, "Already here", "kept body")
	news := id(w.comm.ID)

	cases := []struct {
		name   string
		form   url.Values
		status int
		msg    string
	}{
		{"no title", form("community", news, "title", ""), 422, "The post needs a title"},
		{"blank title", form("community", news, "title", " \t\n "), 422, "The post needs a title"},
		{"title of 201", form("community", news, "title", repeat("é", 201)), 422, "The title is too long: 201 characters, at most 200"},
		{"body of 50001", form("community", news, "title", "t", "body", repeat("b", 50001)), 422,
			"The text is too long: 50001 characters, at most 50000"},
		{"javascript link", form("community", news, "title", "t", "url", "javascript:alert(1)"), 422, "The link must be a full web address"},
		{"ftp link", form("community", news, "title", "t", "url", "ftp://x"), 422, "The link must be a full web address"},
		{"data link", form("community", news, "title", "t", "url", "data:text/html,<script>alert(1)</script>"), 422,
			"The link must be a full web address"},
		{"relative link", form("community", news, "title", "t", "url", "/post/1"), 422, "The link must be a full web address"},
		{"schemeless link", form("community", news, "title", "t", "url", "example.com"), 422, "The link must be a full web address"},
		{"no community", form("title", "t"), 404, "That community does not exist"},
		{"unknown community", form("community", "999999", "title", "t"), 404, "That community does not exist"},
		{"deleted community", form("community", id(gone.ID), "title", "t"), 404, "The community gone no longer exists"},
		{"moderators only", form("community", id(modsOnly.ID), "title", "t"), 403, "Only moderators may post in Announcements"},
		{"unknown language", form("community", news, "title", "t", "language", "xx"), 422, `Unknown language "xx"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := snap(t, w.s)
			r := w.c.Post("/create_post", tc.form)
			wantError(t, r, tc.status, tc.msg)
			// The form comes back with what was typed.
			wantContains(t, r.Body, `<form method="post" action="/create_post"`)
			if title := tc.form.Get("title"); strings.TrimSpace(title) != "" {
				wantContains(t, r.Body, `value="`+title+`"`)
			}
			if body := tc.form.Get("body"); body != "" {
				wantContains(t, r.Body, ">"+body+"</textarea>")
			}
			before.unchanged(t, w.s)
		})
	}
	if got := getPost(t, w.s, existing.ID); got.Title != "Already here" || got.Body != "kept body" || got.Score != 1 {
		t.Errorf("an earlier post changed: %+v", got)
	}
	// A moderator may post where others may not.
	bobc := w.s.Login("bob", password)
	r := bobc.Post("/create_post", form("community", id(modsOnly.ID), "title", "Rules"))
	if r.Status != http.StatusSeeOther {
		t.Fatalf("moderator's post: %d\n%s", r.Status, excerpt(r.Body))
	}
}

func TestEditPost(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Original title", "original body")
	path := "/post/" + id(p.ID)
	wantNotContains(t, w.c.Get(path).Body, `class="edited"`)

	wantRedirect(t, w.c.Post(path+"/edit", form("title", "Better title", "body", "better *body*", "url", "https://example.org/")), path)
	r := w.c.Get(path)
	wantContains(t, r.Body, "Better title", "better <em>body</em>", `<span class="edited"`, "edited just now", "(example.org)")
	wantNotContains(t, r.Body, "Original title", "original body")
	got := getPost(t, w.s, p.ID)
	if got.Title != "Better title" || got.Updated == nil || got.CommunityID != w.comm.ID {
		t.Errorf("stored after edit: %+v", got)
	}

	// A refused edit shows the edit form again and keeps the post as it was.
	for _, tc := range []struct {
		form url.Values
		msg  string
	}{
		{form("title", "   "), "The post needs a title"},
		{form("title", repeat("x", 201)), "The title is too long"},
		{form("title", "t", "body", repeat("y", 50001)), "The text is too long"},
		{form("title", "t", "url", "javascript:alert(1)"), "The link must be a full web address"},
	} {
		before := snap(t, w.s)
		r := w.c.Post(path+"/edit", tc.form)
		wantError(t, r, http.StatusUnprocessableEntity, tc.msg)
		wantContains(t, r.Body, "<h1>Edit post</h1>", `action="`+path+`/edit"`)
		before.unchanged(t, w.s)
		if now := getPost(t, w.s, p.ID); now.Title != "Better title" || now.Body != "better *body*" || now.URL != "https://example.org/" {
			t.Errorf("a refused edit changed the post: %+v", now)
		}
	}
	// The community cannot be changed by editing.
	other, err := w.s.Forum.CreateCommunity(t.Context(), forumCommunity("other", "Other"))
	if err != nil {
		t.Fatal(err)
	}
	wantRedirect(t, w.c.Post(path+"/edit", form("title", "Better title", "community", id(other.ID))), path)
	if now := getPost(t, w.s, p.ID); now.CommunityID != w.comm.ID {
		t.Errorf("edit moved the post to community %d", now.CommunityID)
	}
}

func TestDeleteAndRestorePost(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Soon deleted", "the body that is kept")
	w.comment(t, bob, p.ID, 0, "a reply that stays")
	path := "/post/" + id(p.ID)

	wantRedirect(t, w.c.Post(path+"/delete", nil), path)
	r := w.c.Get(path)
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "This post was deleted by its author.", `name="restore" value="1"`, "a reply that stays")
	wantNotContains(t, mainOf(r.Body), "the body that is kept", path+"/edit", `action="`+path+`/comment"`)
	wantNotContains(t, w.c.Get("/").Body, "Soon deleted")
	wantNotContains(t, w.c.Get("/u/alice").Body, "Soon deleted")
	// Others see it deleted too, and cannot reply.
	wantContains(t, bobc.Get(path).Body, "This post was deleted by its author.")
	if got := getPost(t, w.s, p.ID); !got.Deleted || got.Body != "the body that is kept" {
		t.Errorf("stored after delete: %+v", got)
	}

	wantRedirect(t, w.c.Post(path+"/delete", form("restore", "1")), path)
	r = w.c.Get(path)
	wantContains(t, r.Body, "the body that is kept", "a reply that stays", path+"/edit")
	wantNotContains(t, r.Body, "deleted by its author")
	wantContains(t, w.c.Get("/").Body, "Soon deleted")
}

func TestOthersPostsAndCommentsCannotBeChanged(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Alice wrote this", "alice's body")
	c := w.comment(t, w.alice, p.ID, 0, "alice's comment")
	pp, cp := "/post/"+id(p.ID), "/comment/"+id(c.ID)
	before := snap(t, w.s)
	for _, r := range []struct {
		name string
		do   func() (int, string)
	}{
		{"GET post edit", func() (int, string) { r := bobc.Get(pp + "/edit"); return r.Status, r.Body }},
		{"POST post edit", func() (int, string) { r := bobc.Post(pp+"/edit", form("title", "Bob's now")); return r.Status, r.Body }},
		{"POST post delete", func() (int, string) { r := bobc.Post(pp+"/delete", nil); return r.Status, r.Body }},
		{"GET comment edit", func() (int, string) { r := bobc.Get(cp + "/edit"); return r.Status, r.Body }},
		{"POST comment edit", func() (int, string) { r := bobc.Post(cp+"/edit", form("body", "Bob's now")); return r.Status, r.Body }},
		{"POST comment delete", func() (int, string) { r := bobc.Post(cp+"/delete", nil); return r.Status, r.Body }},
	} {
		status, body := r.do()
		if status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", r.name, status)
		}
		if !strings.Contains(body, "Only the author may change this") {
			t.Errorf("%s: no explanation\n%s", r.name, excerpt(body))
		}
	}
	before.unchanged(t, w.s)
	if got := getPost(t, w.s, p.ID); got.Title != "Alice wrote this" || got.Deleted || got.Updated != nil {
		t.Errorf("post changed: %+v", got)
	}
	if got := getComment(t, w.s, c.ID); got.Body != "alice's comment" || got.Deleted || got.Updated != nil {
		t.Errorf("comment changed: %+v", got)
	}
	// Changing what does not exist is a 404, not a 403.
	for _, path := range []string{"/post/999999/edit", "/comment/999999/edit"} {
		r := bobc.Get(path)
		wantStatus(t, r, http.StatusNotFound)
		r = bobc.Post(path, form("title", "x", "body", "x"))
		wantStatus(t, r, http.StatusNotFound)
	}
	wantStatus(t, bobc.Post("/post/999999/delete", nil), http.StatusNotFound)
	wantStatus(t, bobc.Post("/comment/999999/delete", nil), http.StatusNotFound)
}

func TestCreateComment(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Discuss", "")
	path := "/post/" + id(p.ID)

	r := bobc.Post(path+"/comment", form("parent", "0", "body", "  Top-level **thought**  "))
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, path+"#c") {
		t.Fatalf("got %d to %q, want 303 to %s#c…", r.Status, r.Location, path)
	}
	top := strings.TrimPrefix(r.Location, path+"#c")
	r = w.c.Post(path+"/comment", form("parent", top, "body", "A reply to bob"))
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, path+"#c") {
		t.Fatalf("reply: got %d to %q", r.Status, r.Location)
	}
	reply := strings.TrimPrefix(r.Location, path+"#c")

	page := w.c.Get(path)
	wantContains(t, page.Body, "Top-level <strong>thought</strong>", "A reply to bob", "2 comments", `id="c`+top+`"`, `id="c`+reply+`"`)
	parents := commentParents(t, page.Body)
	if parents[mustID(t, reply)] != mustID(t, top) || parents[mustID(t, top)] != 0 {
		t.Errorf("nesting %v: want %s under %s at the top", parents, reply, top)
	}
	// A reply with no parent field is top-level too.
	r = bobc.Post(path+"/comment", form("body", "no parent field"))
	if r.Status != http.StatusSeeOther {
		t.Fatalf("comment without parent: %d\n%s", r.Status, excerpt(r.Body))
	}
	wantContains(t, w.c.Get(path).Body, "3 comments")
}

func TestCreateCommentRefused(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	_, bobc := w.user(t, "bob")
	open := w.post(t, w.alice, "Open thread", "")
	other := w.post(t, w.alice, "Another thread", "")
	deletedPost := w.post(t, w.alice, "Deleted thread", "")
	lockedPost := w.post(t, w.alice, "Locked thread", "")
	kept := w.comment(t, w.alice, open.ID, 0, "kept comment")
	deletedComment := w.comment(t, w.alice, open.ID, 0, "deleted comment")
	elsewhere := w.comment(t, w.alice, other.ID, 0, "comment in another thread")
	if err := w.s.Store.SetPostFlags(ctx, deletedPost.ID, store.PostFlags{Deleted: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Store.SetPostFlags(ctx, lockedPost.ID, store.PostFlags{Locked: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.DeleteComment(ctx, w.alice, deletedComment.ID, true); err != nil {
		t.Fatal(err)
	}
	op := "/post/" + id(open.ID) + "/comment"

	cases := []struct {
		name, path string
		form       url.Values
		status     int
		msg        string
	}{
		{"empty", op, form("body", ""), 422, "The comment is empty."},
		{"blank", op, form("body", " \n\t "), 422, "The comment is empty."},
		{"too long", op, form("body", repeat("ü", 10001)), 422, "The comment is too long: 10001 characters, at most 10000."},
		{"deleted post", "/post/" + id(deletedPost.ID) + "/comment", form("body", "hi"), 422, "This post was deleted; it takes no more replies."},
		{"locked post", "/post/" + id(lockedPost.ID) + "/comment", form("body", "hi"), 422, "This post is locked; it takes no more replies."},
		{"unknown post", "/post/999999/comment", form("body", "hi"), 404, "There is no post 999999."},
		{"deleted parent", op, form("body", "hi", "parent", id(deletedComment.ID)), 422, "The comment you replied to was deleted."},
		{"parent in another post", op, form("body", "hi", "parent", id(elsewhere.ID)), 404, "The comment you replied to does not exist."},
		{"unknown parent", op, form("body", "hi", "parent", "999999"), 404, "The comment you replied to does not exist."},
		{"malformed parent", op, form("body", "hi", "parent", "abc"), 400, "The comment you replied to does not exist."},
		{"negative parent", op, form("body", "hi", "parent", "-3"), 400, "The comment you replied to does not exist."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := snap(t, w.s)
			wantError(t, bobc.Post(tc.path, tc.form), tc.status, tc.msg)
			before.unchanged(t, w.s)
		})
	}
	if got := getComment(t, w.s, kept.ID); got.Body != "kept comment" || got.Deleted {
		t.Errorf("an earlier comment changed: %+v", got)
	}
	// The locked and deleted threads offer no comment form.
	r := bobc.Get("/post/" + id(lockedPost.ID))
	wantContains(t, r.Body, "This post is locked: it takes no new comments.")
	wantNotContains(t, r.Body, `name="body"`)
	wantNotContains(t, bobc.Get("/post/"+id(deletedPost.ID)).Body, `name="body"`)
	// A deleted comment offers no reply form.
	r = bobc.Get("/post/" + id(open.ID))
	wantNotContains(t, r.Body, `value="`+id(deletedComment.ID)+`"`)
	wantContains(t, r.Body, `name="parent" value="`+id(kept.ID)+`"`)
}

func TestEditComment(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Thread", "")
	c := w.comment(t, w.alice, p.ID, 0, "first draft")
	cp := "/comment/" + id(c.ID)
	before := w.c.Get("/post/" + id(p.ID))
	wantNotContains(t, before.Body, `class="edited"`)

	wantRedirect(t, w.c.Post(cp+"/edit", form("body", "second *draft*")), "/post/"+id(p.ID)+"#c"+id(c.ID))
	r := w.c.Get("/post/" + id(p.ID))
	wantContains(t, r.Body, "second <em>draft</em>", `<span class="edited"`)
	wantNotContains(t, r.Body, "first draft")
	wantContains(t, w.c.Get(cp).Body, "second <em>draft</em>", `<span class="edited"`)

	for _, tc := range []struct{ body, msg string }{
		{"", "The comment is empty"},
		{"   ", "The comment is empty"},
		{repeat("z", 10001), "The comment is too long"},
	} {
		snapBefore := snap(t, w.s)
		r := w.c.Post(cp+"/edit", form("body", tc.body))
		wantError(t, r, http.StatusUnprocessableEntity, tc.msg)
		wantContains(t, r.Body, "<h1>Edit comment</h1>", `action="`+cp+`/edit"`)
		snapBefore.unchanged(t, w.s)
		if got := getComment(t, w.s, c.ID); got.Body != "second *draft*" {
			t.Errorf("a refused edit changed the comment to %q", got.Body)
		}
	}
}

func TestDeleteAndRestoreComment(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Thread", "")
	c := w.comment(t, w.alice, p.ID, 0, "soon deleted words")
	reply := w.comment(t, bob, p.ID, c.ID, "the reply under it")
	path := "/post/" + id(p.ID)

	wantRedirect(t, w.c.Post("/comment/"+id(c.ID)+"/delete", nil), path+"#c"+id(c.ID))
	for _, cl := range []struct {
		name string
		body string
	}{{"author", w.c.Get(path).Body}, {"other", bobc.Get(path).Body}, {"anonymous", w.s.NewClient().Get(path).Body}} {
		wantContains(t, cl.body, "deleted by its author", "the reply under it", "1 comment")
		wantNotContains(t, mainOf(cl.body), "soon deleted words")
		if parents := commentParents(t, cl.body); parents[reply.ID] != c.ID {
			t.Errorf("%s: the reply lost its place: %v", cl.name, parents)
		}
	}
	wantContains(t, w.c.Get(path).Body, `name="restore" value="1"`)
	wantNotContains(t, w.c.Get("/u/alice").Body, "soon deleted words")
	// On the comment's own page too.
	wantContains(t, w.c.Get("/comment/"+id(c.ID)).Body, "deleted by its author")
	wantContains(t, w.c.Get("/comment/"+id(reply.ID)).Body, "deleted by its author", "the reply under it")
	if got := getComment(t, w.s, c.ID); !got.Deleted || got.Body != "soon deleted words" {
		t.Errorf("stored after delete: %+v", got)
	}

	wantRedirect(t, w.c.Post("/comment/"+id(c.ID)+"/delete", form("restore", "1")), path+"#c"+id(c.ID))
	r := w.c.Get(path)
	wantContains(t, r.Body, "soon deleted words", "2 comments")
	wantNotContains(t, r.Body, "deleted by its author")
}

func TestCreateCommunity(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.c.Post("/create_community", form("name", "gardening", "title", "Gardening", "description", "Grow *things*."))
	wantRedirect(t, r, "/c/gardening")
	page := w.c.Get("/c/gardening")
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page.Body, "<h1>Gardening", "Grow <em>things</em>.", "<h2>Moderators</h2>", `href="/u/alice">alice</a>`,
		"1 subscriber", "Unsubscribe", "No posts in this community yet.")
	wantContains(t, w.c.Get("/communities").Body, `<a href="/c/gardening">Gardening</a>`)

	cases := []struct {
		name string
		form url.Values
		msg  string
	}{
		{"taken name", form("name", "news", "title", "Again"), `A community named &#34;news&#34; already exists`},
		{"taken name, other case", form("name", "NEWS", "title", "Again"), `must be lower case`},
		{"short name", form("name", "ab", "title", "t"), "must be 3 to 20 characters long"},
		{"bad characters", form("name", "my-community", "title", "t"), "may only contain a-z, 0-9 and _"},
		{"no name", form("title", "t"), "The community name is missing"},
		{"no title", form("name", "valid_name", "title", "  "), "The community needs a title"},
		{"long title", form("name", "valid_name", "title", repeat("t", 101)), "The title is too long"},
		{"long description", form("name", "valid_name", "title", "t", "description", repeat("d", 10001)), "The description is too long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := snap(t, w.s)
			r := w.c.Post("/create_community", tc.form)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r.Body, tc.msg, `<form method="post" action="/create_community"`)
			wantSafe(t, r.Body)
			before.unchanged(t, w.s)
		})
	}
	if got := count(t, w.s, "SELECT count(*) FROM communities WHERE name = 'news' AND title = 'World News'"); got != 1 {
		t.Error("the existing community changed")
	}
}

func TestSubscribeAndUnsubscribe(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	wantContains(t, w.c.Get("/c/news").Body, "0 subscribers", ">Subscribe</button>")

	wantRedirect(t, w.c.Post("/c/news/subscribe", nil), "/c/news")
	r := w.c.Get("/c/news")
	wantContains(t, r.Body, "1 subscriber", ">Unsubscribe</button>", `action="/c/news/unsubscribe"`)
	// Subscribing twice changes nothing.
	wantRedirect(t, w.c.Post("/c/news/subscribe", nil), "/c/news")
	// From the list of communities, back to the list.
	wantRedirect(t, bobc.Post("/c/news/subscribe", form("return", "/communities")), "/communities")
	wantContains(t, bobc.Get("/communities").Body, "<td>2</td>", ">Unsubscribe</button>")
	if n := count(t, w.s, "SELECT count(*) FROM community_follows WHERE community_id = $1 AND state = 'accepted'", w.comm.ID); n != 2 {
		t.Errorf("%d follows stored, want 2", n)
	}
	wantRedirect(t, w.c.Post("/c/news/unsubscribe", nil), "/c/news")
	wantContains(t, w.c.Get("/c/news").Body, "1 subscriber", ">Subscribe</button>")
	// Unsubscribing when not subscribed is harmless.
	wantRedirect(t, w.c.Post("/c/news/unsubscribe", nil), "/c/news")
	// A return elsewhere is not followed.
	wantRedirect(t, w.c.Post("/c/news/subscribe", form("return", "https://evil.example/")), "/")
	wantRedirect(t, w.c.Post("/c/news/subscribe", form("return", "//evil.example/")), "/")

	before := snap(t, w.s)
	r = w.c.Post("/c/nosuch/subscribe", nil)
	wantStatus(t, r, http.StatusNotFound)
	wantContains(t, r.Body, "There is no community by that name here.")
	before.unchanged(t, w.s)
}

func TestSettings(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.c.Post("/settings", form("display_name", "  Alice A.  ", "bio", "I *like* news.", "default_sort", "new",
		"default_listing", "local", "show_nsfw", "on"))
	wantRedirect(t, r, "/settings?saved=1")
	r = w.c.Get("/settings?saved=1")
	wantContains(t, r.Body, "Saved.", `value="Alice A."`, "I *like* news.</textarea>", `<option value="new" selected>`,
		`<option value="local" selected>`, `name="show_nsfw" checked`)
	wantNotContains(t, w.c.Get("/settings").Body, "Saved.")
	profile := w.s.NewClient().Get("/u/alice")
	wantContains(t, profile.Body, "<h1>Alice A. ", "I <em>like</em> news.")
	// The front page now follows the defaults.
	wantContains(t, w.c.Get("/").Body, `<option value="new" selected>`, `<input type="hidden" name="type" value="local">`)

	for _, tc := range []struct {
		name string
		form url.Values
		msg  string
	}{
		{"long display name", form("display_name", repeat("n", 51), "default_sort", "hot", "default_listing", "all"), "The display name is too long"},
		{"long bio", form("bio", repeat("b", 10001), "default_sort", "hot", "default_listing", "all"), "The bio is too long"},
		{"unknown sort", form("default_sort", "best", "default_listing", "all"), `Unknown sort &#34;best&#34;`},
		{"unknown listing", form("default_sort", "hot", "default_listing", "mine"), `Unknown listing &#34;mine&#34;`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := w.c.Post("/settings", tc.form)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r.Body, tc.msg, `<form method="post" action="/settings"`)
			wantSafe(t, r.Body)
			u, err := w.s.Store.LocalUserByID(t.Context(), w.alice.ID)
			if err != nil {
				t.Fatal(err)
			}
			if u.DisplayName != "Alice A." || u.Bio != "I *like* news." || u.DefaultSort != "new" || u.DefaultListing != "local" || !u.ShowNSFW {
				t.Errorf("refused settings changed the account: %+v", u)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	p := w.post(t, w.alice, "Volcanoes erupting in Iceland", "Lava everywhere.")
	w.comment(t, bob, p.ID, 0, "Stunning volcano footage")
	gone := w.post(t, w.alice, "Volcano post deleted", "")
	if err := w.s.Forum.DeletePost(t.Context(), w.alice, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	anon := w.s.NewClient()

	r := anon.Get("/search?q=volcano")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "<h2>Posts</h2>", "Volcanoes erupting in Iceland", "<h2>Comments</h2>", "Stunning volcano footage")
	wantNotContains(t, r.Body, "Volcano post deleted")

	r = anon.Get("/search?q=news&type=communities")
	wantContains(t, r.Body, "<h2>Communities</h2>", `<a href="/c/news">World News</a>`)
	wantNotContains(t, r.Body, "<h2>Posts</h2>")

	r = anon.Get("/search?q=bo&type=users")
	wantContains(t, r.Body, "<h2>Users</h2>", `<a href="/u/bob">bob</a>`)

	r = anon.Get("/search?q=" + url.QueryEscape("100%_nothing"))
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "Nothing matches “100%_nothing”.")

	r = anon.Get("/search?q=" + repeat("q", 201))
	wantError(t, r, http.StatusBadRequest, "Search for at most 200 characters.")
	// Unbalanced search syntax is not an error.
	wantStatus(t, anon.Get("/search?q="+url.QueryEscape(`"volcano -" or (`)), http.StatusOK)
}
