package federation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/forum"
)

// BenchmarkInboxMixed is BenchmarkInboxLike with the traffic a community
// host sees: of every eight activities two are comments (Create of a Note)
// on our posts, three Likes of our posts, one the Undo of the Like before
// it, and two Announces of Likes by a remote community we follow, of its
// own posts. Every one is verified, and must be applied once: the scores
// and the comments are counted at the end.
func BenchmarkInboxMixed(b *testing.B) {
	ctx := context.Background()
	r := newFixtureRig(b, aptest.Own(b), "lemmy", rigOptions{})
	alice, err := r.forum.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		b.Fatal(err)
	}
	main := r.communities[homes[r.corpus.Name]]
	remote := r.followRemote("https://lemmy.one.example/c/tidepools")
	group := remote.APID

	// Of every eight: which kind the i-th activity is.
	const (
		create = iota
		like
		undo
		announce
	)
	pattern := [8]int{create, like, like, undo, announce, create, like, announce}
	count := map[int]int{}
	for i := range b.N {
		count[pattern[i%8]]++
	}
	perVoters := func(n int) int { return (n + benchVoters - 1) / benchVoters }
	var posts []string
	for i := range perVoters(max(count[like], count[create])) {
		p, err := r.forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: main.ID, Title: fmt.Sprintf("Vote on me %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		posts = append(posts, p.APID)
	}
	voters, remoteVoters := make([]string, benchVoters), make([]string, benchVoters)
	for i := range voters {
		voters[i] = r.mapURL(fmt.Sprintf("https://voters.example/u/voter%d", i))
		remoteVoters[i] = r.mapURL(fmt.Sprintf("https://lemmy.one.example/u/voter%d", i))
		for _, id := range []string{voters[i], remoteVoters[i]} {
			if _, err := r.resolver.Actor(ctx, id, false); err != nil {
				b.Fatal(err)
			}
		}
	}
	// The remote community's posts, announced to us before the timer; their
	// author's own vote counts already.
	var remotePosts []signedActivity
	remoteHost := r.fakeFor(group).url
	author := r.mapURL("https://lemmy.one.example/u/author")
	for i := range perVoters(count[announce]) {
		page := map[string]any{"type": "Page", "id": fmt.Sprintf("%s/rpost/%d", remoteHost, i), "attributedTo": author,
			"to": []any{group, public}, "cc": []any{}, "audience": group, "name": fmt.Sprintf("Remote post %d", i),
			"content": "<p>Announced to us.</p>", "mediaType": "text/html", "published": "2025-04-02T07:15:09Z"}
		create := map[string]any{"id": fmt.Sprintf("%s/activities/create/rpost/%d", remoteHost, i), "type": "Create",
			"actor": author, "to": []any{public}, "cc": []any{group}, "audience": group, "object": page}
		remotePosts = append(remotePosts, r.signed(b, group, map[string]any{
			"@context": "https://www.w3.org/ns/activitystreams", "type": "Announce",
			"id": fmt.Sprintf("%s/activities/announce/create/%d", group, i), "actor": group,
			"to": []any{public}, "cc": []any{group + "/followers"}, "object": create}))
	}
	r.sendAll(b, remotePosts)
	var commentsBefore int64
	r.scalar(&commentsBefore, `SELECT count(*) FROM comments`)
	localBefore, remoteBefore := r.communityScore(main.ID), r.communityScore(remote.ID)

	acts := make([]signedActivity, b.N)
	var likes, creates, announces, lastLike int
	for i := range acts {
		switch pattern[i%8] {
		case create:
			voter, post := voters[creates%benchVoters], posts[creates%len(posts)]
			note := map[string]any{"type": "Note", "id": fmt.Sprintf("%s/note/%d", voter, creates), "attributedTo": voter,
				"to": []any{public}, "cc": []any{main.APID}, "audience": main.APID, "inReplyTo": post,
				"content": fmt.Sprintf("<p>Comment %d on this.</p>", creates), "mediaType": "text/html",
				"published": "2025-04-02T07:15:09Z"}
			acts[i] = r.signed(b, voter, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
				"id": fmt.Sprintf("%s/activities/create/%d", voter, creates), "type": "Create", "actor": voter,
				"to": []any{public}, "cc": []any{main.APID}, "audience": main.APID, "object": note})
			creates++
		case like:
			voter, post := voters[likes/len(posts)], posts[likes%len(posts)]
			acts[i] = r.signed(b, voter, likeOf(voter, fmt.Sprintf("%s/activities/like/%d", voter, likes), post, main.APID))
			lastLike = i
			likes++
		case undo:
			var liked map[string]any
			if err := json.Unmarshal(acts[lastLike].body, &liked); err != nil {
				b.Fatal(err)
			}
			voter := voters[(likes-1)/len(posts)]
			acts[i] = r.signed(b, voter, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
				"id": fmt.Sprintf("%s/activities/undo/%d", voter, likes-1), "type": "Undo", "actor": voter,
				"audience": main.APID, "object": liked})
		case announce:
			n := len(remotePosts)
			voter, post := remoteVoters[announces/n], fmt.Sprintf("%s/rpost/%d", remoteHost, announces%n)
			acts[i] = r.signed(b, group, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
				"id": fmt.Sprintf("%s/activities/announce/like/%d", group, announces), "type": "Announce", "actor": group,
				"to": []any{public}, "cc": []any{group + "/followers"},
				"object": likeOf(voter, fmt.Sprintf("%s/activities/like/%d", voter, announces), post, group)})
			announces++
		}
	}
	verifiesBefore := rsaVerifiesPerSecond(b)
	b.ResetTimer()
	elapsed := r.sendAll(b, acts)
	b.StopTimer()
	verifiesPerSec := (verifiesBefore + rsaVerifiesPerSecond(b)) / 2

	var comments int64
	r.scalar(&comments, `SELECT count(*) FROM comments`)
	if got := comments - commentsBefore; got != int64(count[create]) {
		b.Errorf("%d comments stored, want %d", got, count[create])
	}
	if got, want := r.communityScore(main.ID)-localBefore, int64(count[like]-count[undo]); got != want {
		b.Errorf("our posts' score rose by %d, want %d (the Likes not undone)", got, want)
	}
	if got := r.communityScore(remote.ID) - remoteBefore; got != int64(count[announce]) {
		b.Errorf("the remote posts' score rose by %d, want %d (one per announced Like)", got, count[announce])
	}
	perSec := float64(b.N) / elapsed.Seconds()
	b.ReportMetric(perSec, "activities/s")
	b.ReportMetric(verifiesPerSec, "rsa-verifies/s")
	b.ReportMetric(perSec/verifiesPerSec, "applied/verify")
	b.Logf("%d activities (%d comments, %d Likes, %d Undos, %d Announces), %d in flight: %.0f applied/s; raw RSA-2048 verifications: %.0f/s on %d cores; ratio %.3f",
		b.N, count[create], count[like], count[undo], count[announce], benchSenders, perSec, verifiesPerSec,
		runtime.GOMAXPROCS(0), perSec/verifiesPerSec)
}

func likeOf(actor, id, object, audience string) map[string]any {
	return map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": id, "type": "Like",
		"actor": actor, "object": object, "audience": audience}
}

// communityScore is the score of a community's posts together.
func (r *fixtureRig) communityScore(communityID int64) int64 {
	r.t.Helper()
	var n int64
	r.scalar(&n, `SELECT coalesce(sum(score), 0) FROM posts WHERE community_id = $1`, communityID)
	return n
}
