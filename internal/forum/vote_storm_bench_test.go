package forum_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

const (
	stormVoters = 200
	stormPosts  = 100
)

// BenchmarkVoteStorm is 200 remote voters voting at once on the same 100
// posts, through ApplyRemoteVote as the inbox applies a Like, against the
// same number of plain INSERTs (one statement each, as many at once) into
// a table of post_votes' shape without its triggers, measured in the same
// run. Voter v's k-th vote is on post (v+k) mod 100, a Like or a Dislike;
// past the hundredth it changes an earlier vote. The posts' counts must
// come out exact.
func BenchmarkVoteStorm(b *testing.B) {
	e := newEnv(b)
	voters, posts := e.voters(stormVoters), e.posts(stormPosts)
	pool := e.st.PgxPool()
	if _, err := pool.Exec(e.ctx, `CREATE TABLE plain_votes (
		post_id bigint NOT NULL, person_id bigint NOT NULL, score smallint NOT NULL CHECK (score IN (-1, 1)),
		ap_id text UNIQUE, published timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (post_id, person_id))`); err != nil {
		b.Fatal(err)
	}
	perVoter := (b.N + stormVoters - 1) / stormVoters
	score := func(v, k int) int {
		if (v+k+k/stormPosts)%3 == 0 {
			return -1
		}
		return 1
	}
	// storm runs vote(v, k) for every voter v at once, each its perVoter
	// votes in turn, and answers how long it took.
	storm := func(vote func(v, k int) error) time.Duration {
		var failed atomic.Int64
		start := time.Now()
		var wg sync.WaitGroup
		for v := range stormVoters {
			wg.Go(func() {
				for k := range perVoter {
					if err := vote(v, k); err != nil && failed.Add(1) == 1 {
						b.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if n := failed.Load(); n > 0 {
			b.Fatalf("%d votes failed", n)
		}
		return time.Since(start)
	}
	apID := func(v, k int) string { return fmt.Sprintf("%s/activities/like/%d", voters[v].APID, k) }

	b.ResetTimer()
	applied := storm(func(v, k int) error {
		return e.svc.ApplyRemoteVote(e.ctx, apID(v, k), voters[v].ID,
			forum.Target{PostID: posts[(v+k)%stormPosts].ID}, score(v, k), apID(v, k), nil)
	})
	b.StopTimer()
	plain := storm(func(v, k int) error {
		_, err := pool.Exec(e.ctx, `INSERT INTO plain_votes (post_id, person_id, score, ap_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (post_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id`,
			posts[(v+k)%stormPosts].ID, voters[v].ID, score(v, k), apID(v, k))
		return err
	})

	wantUp, wantDown := map[int64]int{}, map[int64]int{}
	for _, p := range posts {
		wantUp[p.ID] = p.Upvotes // the author's own
	}
	for v := range stormVoters {
		last := map[int]int{}
		for k := range perVoter {
			last[(v+k)%stormPosts] = score(v, k)
		}
		for p, s := range last {
			if s == 1 {
				wantUp[posts[p].ID]++
			} else {
				wantDown[posts[p].ID]++
			}
		}
	}
	for _, p := range posts {
		got, err := e.st.PostByID(e.ctx, p.ID)
		if err != nil {
			b.Fatal(err)
		}
		if got.Upvotes != wantUp[p.ID] || got.Downvotes != wantDown[p.ID] || got.Score != wantUp[p.ID]-wantDown[p.ID] {
			b.Fatalf("post %d: %d up, %d down, score %d; want %d up, %d down", p.ID,
				got.Upvotes, got.Downvotes, got.Score, wantUp[p.ID], wantDown[p.ID])
		}
	}
	n := float64(perVoter * stormVoters)
	votesPerSec, insertsPerSec := n/applied.Seconds(), n/plain.Seconds()
	b.ReportMetric(votesPerSec, "votes/s")
	b.ReportMetric(insertsPerSec, "inserts/s")
	b.ReportMetric(votesPerSec/insertsPerSec, "votes/insert")
	b.Logf("%.0f votes by %d voters on %d posts: %.0f applied/s; plain inserts %.0f/s; ratio %.2f",
		n, stormVoters, stormPosts, votesPerSec, insertsPerSec, votesPerSec/insertsPerSec)
}
