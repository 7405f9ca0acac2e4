package forum_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// A post and a comment stored from a fetch, because an activity that
// needed them arrived before their Creates (as retried deliveries do after
// an outage), get their author's upvote when the Creates come, as Lemmy
// gives it; otherwise their scores here would stay one below everywhere
// else. Fetching them again, or the same Create twice, changes nothing.
func TestCreateAfterFetchGivesTheAuthorsUpvote(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createUser("alice")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := e.st.UpsertInstance(e.ctx, "remote.example")
	if err != nil {
		t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	bob, err := e.st.UpsertRemotePerson(e.ctx, store.NewPerson{APID: "https://remote.example/u/bob", InstanceID: remote.ID,
		Name: "bob", InboxURL: "https://remote.example/u/bob/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}

	post := forum.RemotePost{APID: "https://remote.example/post/1", CommunityID: c.ID, Title: "Fetched first"}
	fetched, err := e.svc.CreateRemotePost(e.ctx, "", bob.ID, post, nil)
	if err != nil {
		t.Fatal(err)
	}
	comment := forum.RemoteComment{APID: "https://remote.example/comment/1", PostID: fetched.ID, BodyHTML: "<p>Also fetched first</p>"}
	fetchedComment, err := e.svc.CreateRemoteComment(e.ctx, "", bob.ID, comment, nil)
	if err != nil {
		t.Fatal(err)
	}
	scores := func() (int, int) {
		t.Helper()
		p, err := e.st.PostByID(e.ctx, fetched.ID)
		if err != nil {
			t.Fatal(err)
		}
		cm, err := e.st.CommentByID(e.ctx, fetchedComment.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p.Score, cm.Score
	}
	if p, cm := scores(); p != 0 || cm != 0 {
		t.Fatalf("fetched: post score %d, comment score %d, want 0 and 0 (no Create, no upvote)", p, cm)
	}

	if _, err := e.svc.CreateRemotePost(e.ctx, "https://remote.example/activities/create/1", bob.ID, post, nil); err != nil {
		t.Errorf("the post's Create: %v", err)
	}
	if _, err := e.svc.CreateRemoteComment(e.ctx, "https://remote.example/activities/create/2", bob.ID, comment, nil); err != nil {
		t.Errorf("the comment's Create: %v", err)
	}
	if p, cm := scores(); p != 1 || cm != 1 {
		t.Errorf("after the Creates: post score %d, comment score %d, want 1 and 1", p, cm)
	}

	if _, err := e.svc.CreateRemotePost(e.ctx, "", bob.ID, post, nil); !errors.Is(err, forum.ErrDuplicate) {
		t.Errorf("fetched again: %v, want ErrDuplicate", err)
	}
	if _, err := e.svc.CreateRemoteComment(e.ctx, "https://remote.example/activities/create/2", bob.ID, comment, nil); !errors.Is(err, forum.ErrDuplicate) {
		t.Errorf("the same Create again: %v, want ErrDuplicate", err)
	}
	if p, cm := scores(); p != 1 || cm != 1 {
		t.Errorf("after the duplicates: post score %d, comment score %d, want still 1 and 1", p, cm)
	}
}

// Deliveries that store the same comment at once (a reply's fetch of its
// parent racing the parent's Create, after an outage) all succeed: one
// stores it, the rest find it stored. None fails on the unique id, which
// would answer the sender 500 and delay its activity by a retry.
func TestConcurrentCreatesOfOneCommentAllSucceed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice := e.createUser("alice")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.svc.CreatePost(e.ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "A thread"})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := e.st.UpsertInstance(e.ctx, "remote.example")
	if err != nil {
		t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	bob, err := e.st.UpsertRemotePerson(e.ctx, store.NewPerson{APID: "https://remote.example/u/bob", InstanceID: remote.ID,
		Name: "bob", InboxURL: "https://remote.example/u/bob/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}
	comment := forum.RemoteComment{APID: "https://remote.example/comment/1", PostID: p.ID, BodyHTML: "<p>Once</p>"}

	const racers = 8
	errs := make([]error, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			activity := "" // a fetch
			if i%2 == 0 {
				activity = fmt.Sprintf("https://remote.example/activities/create/%d", i)
			}
			_, errs[i] = e.svc.CreateRemoteComment(e.ctx, activity, bob.ID, comment, nil)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil && !errors.Is(err, forum.ErrDuplicate) {
			t.Errorf("delivery %d: %v", i, err)
		}
	}
	got, err := e.st.CommentByAPID(e.ctx, comment.APID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Score != 1 {
		t.Errorf("the comment's score is %d, want 1 (its author's upvote, given once)", got.Score)
	}
}

// A community whose posting is restricted to its moderators takes no post
// from anyone else, here or on another server; but everyone may still
// comment, as in Lemmy, where the restriction is on posts alone. A
// person on another server is held to the same rule as ours.
func TestRestrictedCommunityTakesRemoteCommentsNotPosts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice := e.createUser("alice")
	carol := e.createUser("carol")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice", Restricted: true})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := e.st.UpsertInstance(e.ctx, "remote.example")
	if err != nil {
		t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	bob, err := e.st.UpsertRemotePerson(e.ctx, store.NewPerson{APID: "https://remote.example/u/bob", InstanceID: remote.ID,
		Name: "bob", InboxURL: "https://remote.example/u/bob/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.svc.CreatePost(e.ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "Announcement"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.CreateComment(e.ctx, carol, p.ID, 0, "a local reply"); err != nil {
		t.Errorf("a local member may not comment in a restricted community: %v", err)
	}
	comment := forum.RemoteComment{APID: "https://remote.example/comment/1", PostID: p.ID, BodyHTML: "<p>a remote reply</p>"}
	if _, err := e.svc.CreateRemoteComment(e.ctx, "https://remote.example/activities/create/1", bob.ID, comment, nil); err != nil {
		t.Errorf("a remote member may not comment in a restricted community: %v", err)
	}
	post := forum.RemotePost{APID: "https://remote.example/post/1", CommunityID: c.ID, Title: "Not a moderator's"}
	if _, err := e.svc.CreateRemotePost(e.ctx, "https://remote.example/activities/create/2", bob.ID, post, nil); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("a remote member's post in a restricted community: %v, want it refused", err)
	}
}
