package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/web/webtest"
)

// A moderator with JavaScript off opens the thread's folded tools, removes
// a post and a comment with their reasons, follows the link beside the
// comment to ban its author until a date, and sees it all on the pages.
func TestBrowserModeratorWithoutJavaScript(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := webtest.Start(t)
	s.User("mia", browserPassword)
	bob := s.User("bob", browserPassword)
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "mia"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := s.Forum.CreatePost(ctx, bob, forum.PostInput{CommunityID: c.ID, Title: "Buy cheap watches"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := s.Forum.CreateComment(ctx, bob, post.ID, 0, "And more watches here.")
	if err != nil {
		t.Fatal(err)
	}
	path, cid := "/post/"+strconv.FormatInt(post.ID, 10), strconv.FormatInt(comment.ID, 10)

	mia := s.Browser(t).NewTab("mia", false)
	mia.Open("/login?return=" + path)
	mia.Fill("#name", "mia")
	mia.Fill("#password", browserPassword)
	if p := mia.Submit(`form[action="/login"] button[type=submit]`); p != path {
		t.Fatalf("after logging in mia is at %s, want %s", p, path)
	}

	if mia.Visible("#post-reason") {
		t.Error("the moderator's tools are open before they are asked for")
	}
	mia.Click("#moderate > summary")
	mia.WaitVisible("#post-reason")
	mia.Fill("#post-reason", "Spam")
	if p := mia.Submit(`form[action="` + path + `/remove"] button[type=submit]`); p != path {
		t.Fatalf("after removing the post mia is at %s", p)
	}
	if gone := mia.Text("article.post .gone"); !strings.Contains(gone, "removed by a moderator") {
		t.Errorf("the removed post says %q", gone)
	}
	if b := webtest.Eval[string](mia, `document.querySelector('#moderate form[action$="/remove"] button').textContent`); b != "Restore post" {
		t.Errorf("the removal form now offers %q, want Restore post", b)
	}

	commentSel := "#c" + cid + " > details > .comment-body"
	mia.Click(commentSel + " details.mod > summary")
	mia.WaitVisible("#reason-" + cid)
	mia.Fill("#reason-"+cid, "Also spam")
	if p := mia.Submit(commentSel + ` form[action="/comment/` + cid + `/remove"] button[type=submit]`); p != path+"#c"+cid {
		t.Fatalf("after removing the comment mia is at %s", p)
	}
	if gone := mia.Text(commentSel + " .gone"); !strings.Contains(gone, "removed by a moderator; only its author") {
		t.Errorf("the removed comment says %q to its moderator", gone)
	}

	mia.Click(commentSel + " details.mod > summary")
	if p := mia.Submit(commentSel + ` details.mod a[href*="?ban="]`); p != "/c/news/moderation?ban=bob#ban" {
		t.Fatalf("the ban link led to %s", p)
	}
	if v := webtest.Eval[string](mia, `document.querySelector("#ban-person").value`); v != "bob" {
		t.Errorf("the ban form is filled in for %q, want bob", v)
	}
	until := time.Now().AddDate(0, 1, 0).UTC()
	mia.Choose("#ban-expires", until.Format(time.DateOnly))
	mia.Fill("#ban-reason", "Spammer")
	mia.Click(`input[name="remove_data"]`)
	if p := mia.Submit(`form[action="/c/news/ban"] button[type=submit]`); p != "/c/news/moderation" {
		t.Fatalf("after the ban mia is at %s", p)
	}
	row := mia.Text("table.bans tbody tr")
	if !strings.Contains(row, "bob") || !strings.Contains(row, "Spammer") || !strings.Contains(row, until.Format("2 Jan 2006")) {
		t.Errorf("the bans list %q", row)
	}
	mia.Screenshot("moderation")
	wantLogged(t, s, modEntry{Action: "remove_post", Moderator: "mia", Post: post.ID, Reason: "Spam"},
		modEntry{Action: "remove_comment", Moderator: "mia", Post: post.ID, Comment: comment.ID, Reason: "Also spam"},
		modEntry{Action: "ban_from_community", Moderator: "mia", Person: "bob", Reason: "Spammer", Expires: true})
}
