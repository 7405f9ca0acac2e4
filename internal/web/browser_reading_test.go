package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/web/webtest"
)

// TestBrowserSavedBlocksAndBlurWithoutJavaScript is a reader in Chromium
// with JavaScript off: an NSFW picture stays blurred until clicked, a
// blocked person's comment is one "blocked" line with the reply under it
// in view, and a post saved with the button is on /saved.
func TestBrowserSavedBlocksAndBlurWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	ctx := context.Background()
	alice := s.User("alice", browserPassword)
	bob := s.User("bob", browserPassword)
	carol := s.User("carol", browserPassword)
	comm, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "pics", Title: "Pictures"})
	if err != nil {
		t.Fatal(err)
	}
	spicy := createPost(t, s, carol, comm.ID, "A spicy picture", "")
	if _, err := s.Pool.Exec(ctx, `UPDATE posts SET nsfw = true, url = 'https://example.com/p',
		thumbnail_url = 'https://example.com/p.jpg' WHERE id = $1`, spicy.ID); err != nil {
		t.Fatal(err)
	}
	linkMode(t, s) // the picture is shown from example.com, which this test does not serve
	talk := createPost(t, s, carol, comm.ID, "Let us talk", "")
	rude, err := s.Forum.CreateComment(ctx, bob, talk.ID, 0, "Something rude from bob")
	if err != nil {
		t.Fatal(err)
	}
	answer, err := s.Forum.CreateComment(ctx, carol, talk.ID, rude.ID, "Carol answers anyway")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store.UpdatePreferences(ctx, alice.ID, "new", "all", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.BlockPerson(ctx, alice, "bob", true); err != nil {
		t.Fatal(err)
	}

	tab := s.Browser(t).NewTab("alice", false)
	tab.Open("/login")
	tab.Fill("#name", "alice")
	tab.Fill("#password", browserPassword)
	tab.Submit(`form[action="/login"] button[type=submit]`)

	tab.Open("/")
	thumb := "#p" + strconv.FormatInt(spicy.ID, 10) + " details.nsfw-blur"
	filter := func() string {
		return webtest.Eval[string](tab, `getComputedStyle(document.querySelector("`+thumb+` img")).filter`)
	}
	if f := filter(); !strings.HasPrefix(f, "blur(") {
		t.Errorf("the NSFW thumbnail's filter is %q, want a blur", f)
	}
	tab.Click(thumb + " > summary")
	tab.WaitVisible(thumb + "[open]")
	if f := filter(); f != "none" {
		t.Errorf("after a click the NSFW thumbnail's filter is %q, want none", f)
	}

	post := "/post/" + strconv.FormatInt(talk.ID, 10)
	tab.Open(post)
	rudeSel, answerSel := "#c"+strconv.FormatInt(rude.ID, 10), "#c"+strconv.FormatInt(answer.ID, 10)
	if got := tab.Text(rudeSel + " > details > summary"); got != "blocked" {
		t.Errorf("bob's comment reads %q, want blocked", got)
	}
	if tab.Visible(rudeSel + " > details > p.gone") {
		t.Error("the blocked comment is not collapsed")
	}
	if !tab.Visible(answerSel) || !strings.Contains(tab.Text(answerSel+" .md"), "Carol answers anyway") {
		t.Error("the reply to the blocked comment is not in view")
	}
	t.Logf("a blocked comment: %s", tab.Screenshot("blocked-comment"))

	if p := tab.Submit(`.post .actions form.save button`); p != post {
		t.Errorf("after saving alice is at %s, want %s", p, post)
	}
	if got := tab.Text(`.post .actions form.save button`); got != "unsave" {
		t.Errorf("the button now reads %q, want unsave", got)
	}
	tab.Open("/saved")
	if got := tab.Text(".saved-list .post-title"); !strings.Contains(got, "Let us talk") {
		t.Errorf("/saved shows %q, want the saved post", got)
	}
}
