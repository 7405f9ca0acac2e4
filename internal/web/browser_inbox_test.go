package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/web/webtest"
)

// TestBrowserInbox, with JavaScript off: bob replies to alice's comment
// and mentions her in a thread of his own; alice sees the count in her
// header, opens /inbox, reads both, marks one read and then all.
func TestBrowserInbox(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	ctx := t.Context()
	alice, bob := s.User("alice", browserPassword), s.User("bob", browserPassword)
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "harbour", Title: "Harbour News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "The ferry timetable"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := s.Forum.CreateComment(ctx, alice, post.ID, 0, "Does the 7:40 still run?")
	if err != nil {
		t.Fatal(err)
	}
	bobsPost, err := s.Forum.CreatePost(ctx, bob, forum.PostInput{CommunityID: c.ID, Title: "Bridge works"})
	if err != nil {
		t.Fatal(err)
	}
	br := s.Browser(t)

	bt := br.NewTab("bob", false)
	bt.Open("/login")
	browserLogIn(bt, "bob")
	bt.WaitVisible(`a.inbox-link`)
	bt.Open("/post/" + strconv.FormatInt(post.ID, 10))
	cid := strconv.FormatInt(comment.ID, 10)
	bt.Click("#c" + cid + " > details > .comment-body details.reply > summary")
	bt.WaitVisible("#reply-" + cid)
	bt.Fill("#reply-"+cid, "Yes, it runs **every** weekday.")
	replyID := browserCommentID(t, bt.Submit("#c"+cid+" > details > .comment-body details.reply button[type=submit]"), post.ID)
	bt.Open("/post/" + strconv.FormatInt(bobsPost.ID, 10))
	bt.Fill("#new-comment", "@alice will the works close the quay?")
	mentionID := browserCommentID(t, bt.Submit(`section.comments > form.comment-form button[type=submit]`), bobsPost.ID)

	at := br.NewTab("alice", false)
	at.Open("/login")
	browserLogIn(at, "alice")
	at.WaitVisible(`a.inbox-link`)
	if got := at.Text("a.inbox-link"); got != "Inbox (2)" {
		t.Errorf("alice's header shows %q, want Inbox (2)", got)
	}
	if p := at.Submit("a.inbox-link"); p != "/inbox" {
		t.Fatalf("the inbox link led to %s", p)
	}
	items := webtest.Eval[[]string](at, `[...document.querySelectorAll("li.notification")].map(li => li.id + (li.classList.contains("unread") ? " unread" : ""))`)
	mentionItem, replyItem := items[0], items[1]
	if len(items) != 2 || !strings.HasSuffix(mentionItem, " unread") || !strings.HasSuffix(replyItem, " unread") {
		t.Fatalf("alice's inbox lists %q, want two unread", items)
	}
	mentionSel, replySel := "#"+strings.Fields(mentionItem)[0], "#"+strings.Fields(replyItem)[0]
	if got := at.Text(mentionSel + " .meta"); !strings.Contains(got, "bob mentioned you in Bridge works in Harbour News") {
		t.Errorf("the newest item says %q", got)
	}
	if got := at.Text(replySel + " .meta"); !strings.Contains(got, "bob replied to you in The ferry timetable in Harbour News") {
		t.Errorf("the older item says %q", got)
	}
	if got := at.Text(replySel + " .md"); got != "Yes, it runs every weekday." {
		t.Errorf("the reply reads %q", got)
	}
	if got := at.Attr(replySel+` a[href^="/comment/"]`, "href"); got != "/comment/"+strconv.FormatInt(replyID, 10) {
		t.Errorf("the reply's context link is %q", got)
	}
	if got := at.Attr(mentionSel+` a[href^="/comment/"]`, "href"); got != "/comment/"+strconv.FormatInt(mentionID, 10) {
		t.Errorf("the mention's context link is %q", got)
	}
	t.Logf("inbox: %s", at.Screenshot("inbox-unread"))

	if p := at.Submit(replySel + ` form button[type=submit]`); p != "/inbox"+replySel {
		t.Errorf("after mark read alice is at %s", p)
	}
	if got := at.Text("a.inbox-link"); got != "Inbox (1)" {
		t.Errorf("after mark read the header shows %q, want Inbox (1)", got)
	}
	if webtest.Eval[bool](at, `document.querySelector("`+replySel+`").classList.contains("unread")`) {
		t.Error("the reply is still marked unread")
	}
	at.Submit(`form[action="/inbox/read_all"] button[type=submit]`)
	if got := at.Text("a.inbox-link"); got != "Inbox" {
		t.Errorf("after mark all read the header shows %q, want Inbox", got)
	}
	if n := webtest.Eval[int](at, `document.querySelectorAll("li.notification.unread").length`); n != 0 {
		t.Errorf("%d items still marked unread", n)
	}
	t.Logf("inbox read: %s", at.Screenshot("inbox-read"))
}
