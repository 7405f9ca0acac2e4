package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

func TestSetPostVoteCountsExactly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.community("votes")
	post := f.post(f.person("author"), c, postOpts{})
	ann, bob, cat := f.person("ann"), f.person("bob"), f.remotePerson("cat")

	steps := []struct {
		who   store.Person
		score int
		want  store.Counts
	}{
		{ann, 1, store.Counts{Score: 1, Upvotes: 1}},
		{ann, 1, store.Counts{Score: 1, Upvotes: 1}}, // same vote again: no double count
		{bob, -1, store.Counts{Score: 0, Upvotes: 1, Downvotes: 1}},
		{cat, 1, store.Counts{Score: 1, Upvotes: 2, Downvotes: 1}},
		{ann, -1, store.Counts{Score: -1, Upvotes: 1, Downvotes: 2}}, // switch up to down
		{bob, 0, store.Counts{Score: 0, Upvotes: 1, Downvotes: 1}},   // retract a downvote
		{bob, 0, store.Counts{Score: 0, Upvotes: 1, Downvotes: 1}},   // retract again: nothing
		{cat, 0, store.Counts{Score: -1, Upvotes: 0, Downvotes: 1}},  // retract an upvote
		{bob, 1, store.Counts{Score: 0, Upvotes: 1, Downvotes: 1}},
	}
	for i, s := range steps {
		got, err := f.st.SetPostVote(f.ctx, post.ID, s.who.ID, s.score, "")
		if err != nil {
			t.Fatalf("step %d (%s votes %d): %v", i, s.who.Name, s.score, err)
		}
		if got != s.want {
			t.Errorf("step %d (%s votes %d): counts %+v, want %+v", i, s.who.Name, s.score, got, s.want)
		}
		stored := f.getPost(post.ID)
		if (store.Counts{Score: stored.Score, Upvotes: stored.Upvotes, Downvotes: stored.Downvotes}) != s.want {
			t.Errorf("step %d: stored post has %d/%d/%d, want %+v", i, stored.Score, stored.Upvotes, stored.Downvotes, s.want)
		}
	}
	for who, want := range map[store.Person]int{ann: -1, bob: 1, cat: 0} {
		if got, err := f.st.PostVote(f.ctx, post.ID, who.ID); err != nil || got != want {
			t.Errorf("PostVote(%s) = %d, %v; want %d", who.Name, got, err, want)
		}
	}
	postScore, _, err := f.st.PersonScores(f.ctx, post.CreatorID)
	if err != nil || postScore != 0 {
		t.Errorf("author's post score = %d, %v; want 0", postScore, err)
	}
}

func TestSetPostVoteErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := f.post(f.person("author"), f.community("c"), postOpts{})
	voter := f.person("voter")
	for _, score := range []int{2, -2} {
		if _, err := f.st.SetPostVote(f.ctx, post.ID, voter.ID, score, ""); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("score %d: err = %v, want ErrInvalid", score, err)
		}
	}
	for _, score := range []int{1, 0} {
		if _, err := f.st.SetPostVote(f.ctx, post.ID+1000, voter.ID, score, ""); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("score %d on unknown post: err = %v, want ErrNotFound", score, err)
		}
	}
	if _, err := f.st.SetPostVote(f.ctx, post.ID, 987654, 1, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("vote by unknown person: err = %v, want ErrNotFound", err)
	}
	if got := f.getPost(post.ID); got.Score != 0 || got.Upvotes != 0 || got.Downvotes != 0 {
		t.Errorf("refused votes changed the counts: %d/%d/%d", got.Score, got.Upvotes, got.Downvotes)
	}
}

func TestSetCommentVote(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	post := f.post(author, f.community("c"), postOpts{})
	cm := f.comment(author, post.ID, 0)
	ann, bob := f.person("ann"), f.remotePerson("bob")

	got, err := f.st.SetCommentVote(f.ctx, cm.ID, ann.ID, 1, "")
	if err != nil || got != (store.Counts{Score: 1, Upvotes: 1}) {
		t.Errorf("ann up: %+v, %v", got, err)
	}
	got, err = f.st.SetCommentVote(f.ctx, cm.ID, ann.ID, 1, "")
	if err != nil || got != (store.Counts{Score: 1, Upvotes: 1}) {
		t.Errorf("ann up again: %+v, %v", got, err)
	}
	got, err = f.st.SetCommentVote(f.ctx, cm.ID, bob.ID, -1, "https://remote.example/activities/dislike/1")
	if err != nil || got != (store.Counts{Score: 0, Upvotes: 1, Downvotes: 1}) {
		t.Errorf("bob down: %+v, %v", got, err)
	}
	got, err = f.st.SetCommentVote(f.ctx, cm.ID, ann.ID, -1, "")
	if err != nil || got != (store.Counts{Score: -2, Upvotes: 0, Downvotes: 2}) {
		t.Errorf("ann switches to down: %+v, %v", got, err)
	}
	got, err = f.st.SetCommentVote(f.ctx, cm.ID, bob.ID, 0, "")
	if err != nil || got != (store.Counts{Score: -1, Upvotes: 0, Downvotes: 1}) {
		t.Errorf("bob retracts: %+v, %v", got, err)
	}
	stored, err := f.st.CommentByID(f.ctx, cm.ID)
	if err != nil || stored.Score != -1 || stored.Downvotes != 1 || stored.Upvotes != 0 {
		t.Errorf("stored comment: %d/%d/%d, %v", stored.Score, stored.Upvotes, stored.Downvotes, err)
	}
	votes, err := f.st.CommentVotesInPost(f.ctx, post.ID, ann.ID)
	if err != nil || len(votes) != 1 || votes[cm.ID] != -1 {
		t.Errorf("ann's votes in the post = %v, %v; want {%d: -1}", votes, err, cm.ID)
	}
	if p := f.getPost(post.ID); p.Score != 0 {
		t.Errorf("comment votes changed the post's score to %d", p.Score)
	}
	_, commentScore, err := f.st.PersonScores(f.ctx, author.ID)
	if err != nil || commentScore != -1 {
		t.Errorf("author's comment score = %d, %v; want -1", commentScore, err)
	}

	if _, err := f.st.SetCommentVote(f.ctx, cm.ID+1000, ann.ID, 1, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("vote on missing comment: err = %v, want ErrNotFound", err)
	}
	if _, err := f.st.SetCommentVote(f.ctx, cm.ID+1000, ann.ID, 0, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("retract on missing comment: err = %v, want ErrNotFound", err)
	}
	if _, err := f.st.SetCommentVote(f.ctx, cm.ID, ann.ID, 2, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("score 2: err = %v, want ErrInvalid", err)
	}
}

// Forty people vote on one post at once, and some change their minds; the
// post's counts must match the votes actually stored.
func TestConcurrentPostVotesKeepExactCounts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := f.post(f.person("author"), f.community("busy"), postOpts{})
	const voters = 40
	people := make([]store.Person, voters)
	for i := range people {
		people[i] = f.person(fmt.Sprintf("voter%d", i))
	}

	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	start := make(chan struct{})
	errs := make(chan error, voters)
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			first := 1
			if i%3 == 0 {
				first = -1
			}
			if _, err := f.st.SetPostVote(ctx, post.ID, p.ID, first, ""); err != nil {
				errs <- fmt.Errorf("%s votes %d: %w", p.Name, first, err)
				return
			}
			var then []int
			switch i % 5 {
			case 1:
				then = []int{-first} // flip
			case 2:
				then = []int{-first, first, -first} // flip back and forth
			case 3:
				then = []int{0} // retract
			case 4:
				then = []int{0, first} // retract and vote again
			}
			for _, s := range then {
				if _, err := f.st.SetPostVote(ctx, post.ID, p.ID, s, ""); err != nil {
					errs <- fmt.Errorf("%s votes %d: %w", p.Name, s, err)
					return
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	var up, down int
	err := f.pool.QueryRow(f.ctx, `SELECT count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = -1)
		FROM post_votes WHERE post_id = $1`, post.ID).Scan(&up, &down)
	if err != nil {
		t.Fatal(err)
	}
	// What the voters' last choices add up to, worked out independently.
	var wantUp, wantDown int
	for i := range voters {
		last := 1
		if i%3 == 0 {
			last = -1
		}
		switch i % 5 {
		case 1, 2:
			last = -last
		case 3:
			last = 0
		}
		switch last {
		case 1:
			wantUp++
		case -1:
			wantDown++
		}
	}
	if up != wantUp || down != wantDown {
		t.Errorf("stored votes: %d up, %d down; voters' last choices: %d up, %d down", up, down, wantUp, wantDown)
	}
	got := f.getPost(post.ID)
	if got.Upvotes != up || got.Downvotes != down || got.Score != up-down {
		t.Errorf("post counts %d/%d/%d (score/up/down), stored votes say %d/%d/%d",
			got.Score, got.Upvotes, got.Downvotes, up-down, up, down)
	}
}
