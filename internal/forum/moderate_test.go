package forum_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// logged is one row of the moderation log, as the tests read it.
type logged struct {
	Action, Reason          string
	Moderator, Person, Post int64
	Comment                 int64
	Expires                 *time.Time
}

// modLog is the moderation log, oldest first.
func (e *env) modLog() []logged {
	e.t.Helper()
	rows, err := e.st.PgxPool().Query(e.ctx, `SELECT action, coalesce(reason, ''), coalesce(moderator_id, 0),
		coalesce(target_person_id, 0), coalesce(post_id, 0), coalesce(comment_id, 0), expires_at
		FROM mod_actions ORDER BY id`)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []logged
	for rows.Next() {
		var l logged
		if err := rows.Scan(&l.Action, &l.Reason, &l.Moderator, &l.Person, &l.Post, &l.Comment, &l.Expires); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}

// modWorld is a community moderated by mia, with a post by bob and a
// comment by carl on it.
type modWorld struct {
	*env
	mia, bob, carl store.LocalUser
	c              store.Community
	post           store.Post
	comment        store.Comment
}

func newModWorld(t *testing.T) *modWorld {
	t.Helper()
	e := newEnv(t)
	w := &modWorld{env: e, mia: e.createUser("mia"), bob: e.createUser("bob"), carl: e.createUser("carl")}
	var err error
	if w.c, err = e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "mia"}); err != nil {
		t.Fatal(err)
	}
	if w.post, err = e.svc.CreatePost(e.ctx, w.bob, forum.PostInput{CommunityID: w.c.ID, Title: "A post"}); err != nil {
		t.Fatal(err)
	}
	if w.comment, err = e.svc.CreateComment(e.ctx, w.carl, w.post.ID, 0, "a comment"); err != nil {
		t.Fatal(err)
	}
	return w
}

func wantForbidden(t *testing.T, what string, err error, says string) {
	t.Helper()
	if !errors.Is(err, forum.ErrForbidden) || !forum.IsInputError(err) {
		t.Errorf("%s: err = %v, want a refusal for want of a right", what, err)
		return
	}
	if !strings.Contains(err.Error(), says) {
		t.Errorf("%s: %q does not say %q", what, err, says)
	}
}

// RemoveContent, which resolving a report with a removal calls: a
// moderator removes and restores a comment and a post, each written to the
// log with its reason; a comment named alone is found in its post; nobody
// else may, and what is removed already is not removed again.
func TestRemoveContent(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	if err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: w.comment.ID}, true, "rude"); err != nil {
		t.Fatal(err)
	}
	if c, _ := w.st.CommentByID(w.ctx, w.comment.ID); !c.Removed {
		t.Error("the comment is not removed")
	}
	err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: w.comment.ID}, true, "again")
	if ie := inputError(t, "removing twice", err, ""); !strings.Contains(ie.Msg, "already removed") {
		t.Errorf("removing twice says %q", ie.Msg)
	}
	if err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: w.comment.ID}, false, "on appeal"); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{PostID: w.post.ID}, true, "spam"); err != nil {
		t.Fatal(err)
	}
	if p, _ := w.st.PostByID(w.ctx, w.post.ID); !p.Removed || p.Deleted {
		t.Errorf("post removed %v deleted %v, want removed only", p.Removed, p.Deleted)
	}

	wantForbidden(t, "a non-moderator", w.svc.RemoveContent(w.ctx, w.carl, forum.Target{PostID: w.post.ID}, false, ""),
		"only the moderators of News and the site's admins")
	err = w.svc.RemoveContent(w.ctx, w.mia, forum.Target{PostID: w.post.ID}, false, strings.Repeat("x", forum.MaxReasonLen+1))
	inputError(t, "a reason too long", err, "reason")
	if err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: 999999}, true, ""); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("a comment that does not exist: %v", err)
	}

	want := []logged{
		{Action: "remove_comment", Reason: "rude", Moderator: w.mia.ID, Post: w.post.ID, Comment: w.comment.ID},
		{Action: "restore_comment", Reason: "on appeal", Moderator: w.mia.ID, Post: w.post.ID, Comment: w.comment.ID},
		{Action: "remove_post", Reason: "spam", Moderator: w.mia.ID, Post: w.post.ID},
	}
	got := w.modLog()
	if len(got) != len(want) {
		t.Fatalf("the log has %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Action != want[i].Action || got[i].Reason != want[i].Reason || got[i].Moderator != want[i].Moderator ||
			got[i].Post != want[i].Post || got[i].Comment != want[i].Comment {
			t.Errorf("log entry %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// Moderators removing the same comment at once remove it once: the others
// are told it is removed already, and the log has one entry.
func TestConcurrentRemovalsRemoveOnce(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	const n = 8
	start, errs := make(chan struct{}), make(chan error, n)
	for range n {
		go func() {
			<-start
			errs <- w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: w.comment.ID}, true, "at once")
		}()
	}
	close(start)
	var ok, told int
	for range n {
		err := <-errs
		switch {
		case err == nil:
			ok++
		case forum.IsInputError(err) && strings.Contains(err.Error(), "already removed"):
			told++
		default:
			t.Errorf("a concurrent removal: %v", err)
		}
	}
	if ok != 1 || told != n-1 || len(w.modLog()) != 1 {
		t.Errorf("%d removals applied, %d told, %d logged; want 1, %d and 1", ok, told, len(w.modLog()), n-1)
	}
}
