package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// jsonVote votes as the page's script does.
func jsonVote(t *testing.T, s *webtest.Server, c *webtest.Client, path, score string) (int, map[string]any) {
	t.Helper()
	r := c.PostWithHeaders(path, form("score", score, "return", ""), http.Header{
		"Sec-Fetch-Site": {"same-origin"}, "Origin": {s.URL}, "Accept": {"application/json"},
	})
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type %q, status %d\n%s", ct, r.Status, excerpt(r.Body))
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
		t.Fatalf("%v: %s", err, r.Body)
	}
	return r.Status, out
}

func wantCounts(t *testing.T, got map[string]any, score, up, down, mine int) {
	t.Helper()
	want := map[string]any{"score": float64(score), "upvotes": float64(up), "downvotes": float64(down), "my_vote": float64(mine)}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}

func TestVoteOnPostWithForm(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Vote on me", "")
	path := "/post/" + id(p.ID)

	// The post page's buttons come back to the post page.
	pv := path + "/vote"
	wantVote(t, bobc.Get(path).Body, pv, vote{Score: "1", Tally: "1 up, 0 down", Up: "1", Down: "-1", Return: path})
	wantRedirect(t, bobc.Post(path+"/vote", form("score", "1", "return", path)), path)
	page := bobc.Get(path)
	wantVote(t, page.Body, pv, vote{Score: "2", Tally: "2 up, 0 down", Up: "0", UpOn: true, Down: "-1", Return: path})
	wantContains(t, page.Body, `aria-pressed="true"`)
	// Listings show the reader's vote too.
	wantVote(t, bobc.Get("/c/news").Body, pv, vote{Score: "2", Up: "0", UpOn: true, Down: "-1"})
	if got := getPost(t, w.s, p.ID); got.Score != 2 || got.Upvotes != 2 {
		t.Errorf("after upvote: score %d up %d", got.Score, got.Upvotes)
	}
	// The same vote again counts once.
	wantRedirect(t, bobc.Post(path+"/vote", form("score", "1", "return", path)), path)
	if got := getPost(t, w.s, p.ID); got.Score != 2 {
		t.Errorf("a repeated upvote counted twice: score %d", got.Score)
	}
	// Pressing the lit button sends 0, which takes the vote back.
	wantRedirect(t, bobc.Post(path+"/vote", form("score", "0", "return", path)), path)
	if got := getPost(t, w.s, p.ID); got.Score != 1 || got.Upvotes != 1 {
		t.Errorf("after retracting: score %d up %d", got.Score, got.Upvotes)
	}
	if n := count(t, w.s, "SELECT count(*) FROM post_votes WHERE person_id = $1", bob.ID); n != 0 {
		t.Errorf("%d votes left after retracting", n)
	}
	wantVote(t, bobc.Get(path).Body, pv, vote{Score: "1", Up: "1", Down: "-1", Return: path})
	// A downvote, then an upvote replacing it.
	wantRedirect(t, bobc.Post(path+"/vote", form("score", "-1", "return", path)), path)
	wantVote(t, bobc.Get(path).Body, pv, vote{Score: "0", Tally: "1 up, 1 down", Up: "1", Down: "0", DownOn: true, Return: path})
	wantRedirect(t, bobc.Post(path+"/vote", form("score", "1", "return", path)), path)
	if got := getPost(t, w.s, p.ID); got.Score != 2 || got.Downvotes != 0 {
		t.Errorf("after switching: score %d down %d", got.Score, got.Downvotes)
	}

	// From a listing (no return field) the vote comes back to the page it
	// was cast on, at the post.
	r := bobc.PostWithHeaders(path+"/vote", form("score", "0"), http.Header{
		"Sec-Fetch-Site": {"same-origin"}, "Origin": {w.s.URL}, "Referer": {w.s.URL + "/c/news?sort=new#top"},
	})
	wantRedirect(t, r, "/c/news?sort=new#p"+id(p.ID))
	wantRedirect(t, bobc.Post(path+"/vote", form("score", "1")), "/#p"+id(p.ID))
	// A return to elsewhere is not followed.
	r = bobc.Post(path+"/vote", form("score", "1", "return", "https://evil.example/"))
	if u, _ := url.Parse(r.Location); r.Status != http.StatusSeeOther || u.Host != "" {
		t.Errorf("return to another site: %d to %q", r.Status, r.Location)
	}
}

func TestVoteOnCommentWithForm(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Thread", "")
	c := w.comment(t, w.alice, p.ID, 0, "vote on this comment")
	path, cp := "/post/"+id(p.ID), "/comment/"+id(c.ID)

	wantVote(t, bobc.Get(path).Body, cp+"/vote", vote{Score: "1", Up: "1", Down: "-1", Return: path + "#c" + id(c.ID)})
	wantRedirect(t, bobc.Post(cp+"/vote", form("score", "-1", "return", path+"#c"+id(c.ID))), path+"#c"+id(c.ID))
	page := bobc.Get(path)
	wantContains(t, page.Body, "0 points")
	wantVote(t, page.Body, cp+"/vote", vote{Score: "0", Tally: "1 up, 1 down", Up: "1", Down: "0", DownOn: true})
	if got := getComment(t, w.s, c.ID); got.Score != 0 || got.Downvotes != 1 {
		t.Errorf("after downvote: score %d down %d", got.Score, got.Downvotes)
	}
	wantRedirect(t, bobc.Post(cp+"/vote", form("score", "0", "return", path)), path)
	if got := getComment(t, w.s, c.ID); got.Score != 1 || got.Downvotes != 0 {
		t.Errorf("after retracting: score %d down %d", got.Score, got.Downvotes)
	}
	wantContains(t, bobc.Get(path).Body, "1 point")
}

// The page's script votes with Accept: application/json and gets the counts.
func TestVoteAnswersJSON(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Scripted votes", "")
	c := w.comment(t, w.alice, p.ID, 0, "a comment")
	pv, cv := "/post/"+id(p.ID)+"/vote", "/comment/"+id(c.ID)+"/vote"

	status, got := jsonVote(t, w.s, bobc, pv, "1")
	wantStatus(t, webtest.Response{Status: status}, http.StatusOK)
	wantCounts(t, got, 2, 2, 0, 1)
	_, got = jsonVote(t, w.s, bobc, pv, "1")
	wantCounts(t, got, 2, 2, 0, 1)
	_, got = jsonVote(t, w.s, bobc, pv, "0")
	wantCounts(t, got, 1, 1, 0, 0)
	_, got = jsonVote(t, w.s, bobc, pv, "-1")
	wantCounts(t, got, 0, 1, 1, -1)

	_, got = jsonVote(t, w.s, bobc, cv, "-1")
	wantCounts(t, got, 0, 1, 1, -1)
	_, got = jsonVote(t, w.s, bobc, cv, "1")
	wantCounts(t, got, 2, 2, 0, 1)
	if got := getComment(t, w.s, c.ID); got.Score != 2 {
		t.Errorf("stored comment score %d, want 2", got.Score)
	}

	// Refusals come back as JSON too, with a message.
	before := snap(t, w.s)
	status, got = jsonVote(t, w.s, bobc, "/post/999999/vote", "1")
	if status != http.StatusNotFound || got["error"] != "That post is gone." {
		t.Errorf("vote on nothing: %d %v", status, got)
	}
	status, got = jsonVote(t, w.s, bobc, pv, "2")
	if status != http.StatusUnprocessableEntity || got["error"] != "A vote is up, down or none." {
		t.Errorf("vote of 2: %d %v", status, got)
	}
	before.unchanged(t, w.s)
}

func TestVoteRefused(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	bob, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "Live post", "")
	deletedPost := w.post(t, w.alice, "Deleted post", "")
	removedPost := w.post(t, w.alice, "Removed post", "")
	c := w.comment(t, w.alice, p.ID, 0, "live comment")
	deletedComment := w.comment(t, w.alice, p.ID, 0, "deleted comment")
	if err := w.s.Forum.DeletePost(ctx, w.alice, deletedPost.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Store.SetPostFlags(ctx, removedPost.ID, store.PostFlags{Removed: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.DeleteComment(ctx, w.alice, deletedComment.ID, true); err != nil {
		t.Fatal(err)
	}
	// Bob's earlier votes must survive every refusal.
	if _, err := w.s.Forum.VotePost(ctx, bob, p.ID, -1); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Forum.VoteComment(ctx, bob, c.ID, -1); err != nil {
		t.Fatal(err)
	}
	pv, cv := "/post/"+id(p.ID)+"/vote", "/comment/"+id(c.ID)+"/vote"

	cases := []struct {
		name, path, score string
		status            int
		msg               string
	}{
		{"deleted post", "/post/" + id(deletedPost.ID) + "/vote", "1", 404, "That post is gone"},
		{"removed post", "/post/" + id(removedPost.ID) + "/vote", "1", 404, "That post is gone"},
		{"post that never existed", "/post/999999/vote", "1", 404, "That post is gone"},
		{"deleted comment", "/comment/" + id(deletedComment.ID) + "/vote", "1", 404, "That comment is gone"},
		{"comment that never existed", "/comment/999999/vote", "-1", 404, "That comment is gone"},
		{"malformed post id", "/post/abc/vote", "1", 404, "There is nothing to vote on here."},
		{"malformed comment id", "/comment/0/vote", "1", 404, "There is nothing to vote on here."},
		{"score of 2", pv, "2", 422, "A vote is up, down or none."},
		{"score of -2", cv, "-2", 422, "A vote is up, down or none."},
		{"score of abc", pv, "abc", 400, "A vote is up, down or none."},
		{"empty score", cv, "", 400, "A vote is up, down or none."},
		{"fractional score", pv, "0.5", 400, "A vote is up, down or none."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := snap(t, w.s)
			r := bobc.Post(tc.path, form("score", tc.score))
			wantError(t, r, tc.status, tc.msg)
			switch {
			case tc.status == 422:
				// Refused by the rules: the thread again, the reason
				// beside the vote buttons that were pressed.
				wantContains(t, mainOf(r.Body), `<p class="field-error" role="alert">`+tc.msg+`</p>`, "Live post")
			case tc.msg != "There is nothing to vote on here.":
				wantContains(t, r.Body, "<h1>Vote not counted</h1>")
			}
			before.unchanged(t, w.s)
		})
	}
	if got := getPost(t, w.s, p.ID); got.Score != 0 || got.Downvotes != 1 {
		t.Errorf("the earlier post vote changed: score %d down %d", got.Score, got.Downvotes)
	}
	if got := getComment(t, w.s, c.ID); got.Score != 0 || got.Downvotes != 1 {
		t.Errorf("the earlier comment vote changed: score %d down %d", got.Score, got.Downvotes)
	}
	if got := getPost(t, w.s, deletedPost.ID); got.Score != 1 {
		t.Errorf("the deleted post's score changed to %d", got.Score)
	}
}
