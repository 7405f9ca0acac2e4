package forum_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// voters are n remote people of one instance, sharing one key (making
// keys is slow, and no signature is checked here).
func (e *env) voters(n int) []store.Person {
	e.t.Helper()
	inst, err := e.st.UpsertInstance(e.ctx, "voters.example")
	if err != nil {
		e.t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		e.t.Fatal(err)
	}
	out := make([]store.Person, n)
	for i := range out {
		id := fmt.Sprintf("https://voters.example/u/voter%d", i)
		out[i], err = e.st.UpsertRemotePerson(e.ctx, store.NewPerson{APID: id, InstanceID: inst.ID,
			Name: fmt.Sprintf("voter%d", i), InboxURL: id + "/inbox", PublicKeyPEM: publicPEM})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return out
}

// posts are n posts of a new community.
func (e *env) posts(n int) []store.Post {
	e.t.Helper()
	author := e.createUser("author")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "hot", Title: "Hot", Moderator: author.Name})
	if err != nil {
		e.t.Fatal(err)
	}
	out := make([]store.Post, n)
	for i := range out {
		if out[i], err = e.svc.CreatePost(e.ctx, author, forum.PostInput{CommunityID: c.ID, Title: fmt.Sprintf("Post %d", i)}); err != nil {
			e.t.Fatal(err)
		}
	}
	return out
}

// Votes arriving together are written together: each still counts once,
// and a refused one (a banned voter's, one on a deleted post) fails alone.
func TestRemoteVotesAtOnceCountExactly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	voters, posts := e.voters(30), e.posts(4)
	banned := voters[0]
	if _, err := e.st.PgxPool().Exec(e.ctx, `UPDATE people SET banned = true WHERE id = $1`, banned.ID); err != nil {
		t.Fatal(err)
	}
	gone := posts[3]
	if _, err := e.st.PgxPool().Exec(e.ctx, `UPDATE posts SET deleted = true WHERE id = $1`, gone.ID); err != nil {
		t.Fatal(err)
	}

	type vote struct {
		id    string
		voter store.Person
		post  store.Post
		score int
		want  error // nil, forum.ErrDuplicate, ErrForbidden or ErrNotFound
	}
	var votes []vote
	wantUp, wantDown := map[int64]int{}, map[int64]int{}
	for _, p := range posts {
		wantUp[p.ID] = p.Upvotes // the author's own
	}
	for i, v := range voters {
		for j, p := range posts {
			score := 1
			if (i+j)%3 == 0 {
				score = -1
			}
			id := fmt.Sprintf("%s/activities/like/%d", v.APID, j)
			var want error
			switch {
			case v.ID == banned.ID:
				want = forum.ErrForbidden
			case p.ID == gone.ID:
				want = forum.ErrNotFound
			case score == 1:
				wantUp[p.ID]++
			default:
				wantDown[p.ID]++
			}
			votes = append(votes, vote{id, v, p, score, want})
			if j == 0 && want == nil {
				// Sent twice at once, as a sender retrying does.
				votes = append(votes, vote{id, v, p, score, forum.ErrDuplicate})
			}
		}
	}
	errs := make([]error, len(votes))
	var wg sync.WaitGroup
	for i, v := range votes {
		wg.Go(func() {
			errs[i] = e.svc.ApplyRemoteVote(e.ctx, v.id, v.voter.ID, forum.Target{PostID: v.post.ID}, v.score, v.id, nil)
		})
	}
	wg.Wait()
	duplicates := 0
	for i, v := range votes {
		switch {
		case v.want == forum.ErrDuplicate:
			// One of the two copies is applied, the other is the duplicate.
			if errors.Is(errs[i], forum.ErrDuplicate) {
				duplicates++
			} else if errs[i] != nil {
				t.Errorf("%s, sent twice: %v", v.id, errs[i])
			}
		case v.want == nil && errs[i] != nil:
			if errors.Is(errs[i], forum.ErrDuplicate) {
				duplicates++
				continue
			}
			t.Errorf("%s: %v", v.id, errs[i])
		case v.want != nil && !errors.Is(errs[i], v.want):
			t.Errorf("%s: err = %v, want %v", v.id, errs[i], v.want)
		}
	}
	if want := len(voters) - 1; duplicates != want {
		t.Errorf("%d votes answered as duplicates, want %d (one per vote sent twice)", duplicates, want)
	}
	for _, p := range posts {
		got, err := e.st.PostByID(e.ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Upvotes != wantUp[p.ID] || got.Downvotes != wantDown[p.ID] || got.Score != wantUp[p.ID]-wantDown[p.ID] {
			t.Errorf("post %d: %d up, %d down, score %d; want %d up, %d down", p.ID, got.Upvotes, got.Downvotes, got.Score,
				wantUp[p.ID], wantDown[p.ID])
		}
	}

	// An Undo and its vote at once: whichever comes first, the vote is
	// not counted, and a redelivered Undo changes nothing.
	voter, post := voters[1], posts[1]
	undoID := voter.APID + "/activities/undo/1"
	likeID := fmt.Sprintf("%s/activities/like/%d", voter.APID, 1)
	if err := e.svc.ApplyRemoteVote(e.ctx, undoID, voter.ID, forum.Target{PostID: post.ID}, 0, likeID, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.ApplyRemoteVote(e.ctx, likeID, voter.ID, forum.Target{PostID: post.ID}, 1, likeID, nil); !errors.Is(err, forum.ErrDuplicate) {
		t.Errorf("the undone vote again: err = %v, want ErrDuplicate", err)
	}
	got, err := e.st.PostByID(e.ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	if up := wantUp[post.ID] - 1; got.Upvotes != up || got.Downvotes != wantDown[post.ID] {
		t.Errorf("after the Undo: %d up, %d down; want %d, %d", got.Upvotes, got.Downvotes, up, wantDown[post.ID])
	}
}
