package federation_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
)

const (
	// benchVoters are the remote people who vote; each votes once per
	// post, so b.N likes are spread over b.N/benchVoters posts.
	benchVoters = 50
	// benchSenders are the requests in flight at once, as several
	// instances deliver to one inbox at the same time.
	benchSenders = 8
)

// signedActivity is an activity signed beforehand: signing costs the
// sender about a millisecond of RSA, which would otherwise be counted
// against the inbox.
type signedActivity struct {
	body   []byte
	header http.Header
}

// BenchmarkInboxLike measures signed Likes accepted and applied per second
// by a running inbox (real HTTP, real PostgreSQL), against raw RSA-2048
// PKCS#1 v1.5 SHA-256 verifications per second on the same machine in the
// same run: every Like costs one such verification, so the ratio is the
// share of the inbox's work that is the signature. The voters are fetched
// before the timer starts, so their keys come from the database as they do
// for any sender seen in the last day.
func BenchmarkInboxLike(b *testing.B) {
	ctx := context.Background()
	r := newFixtureRig(b, aptest.Own(b), "lemmy", rigOptions{})
	alice, err := r.forum.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		b.Fatal(err)
	}
	main := r.communities[homes[r.corpus.Name]]
	var posts []string
	for i := 0; i < (b.N+benchVoters-1)/benchVoters; i++ {
		p, err := r.forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: main.ID, Title: fmt.Sprintf("Vote on me %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		posts = append(posts, p.APID)
	}
	voters := make([]string, benchVoters)
	for i := range voters {
		voters[i] = r.mapURL(fmt.Sprintf("https://voters.example/u/voter%d", i))
		if _, err := r.resolver.Actor(ctx, voters[i], false); err != nil {
			b.Fatal(err)
		}
	}
	scoreBefore := r.scoreSum()

	likes := make([]signedActivity, b.N)
	for i := range likes {
		// Consecutive Likes go to different posts, as an inbox's traffic
		// does; on one post they would queue on its row's lock instead.
		post, voter := posts[i%len(posts)], voters[i/len(posts)]
		likes[i] = r.signed(b, voter, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
			"id": fmt.Sprintf("%s/activities/like/%d", voter, i), "type": "Like", "actor": voter,
			"object": post, "audience": main.APID})
	}
	verifiesBefore := rsaVerifiesPerSecond(b)
	b.ResetTimer()
	elapsed := r.sendAll(b, likes)
	b.StopTimer()
	verifiesPerSec := (verifiesBefore + rsaVerifiesPerSecond(b)) / 2

	if got := r.scoreSum() - scoreBefore; got != int64(b.N) {
		b.Fatalf("the posts' score rose by %d, want %d (one per Like)", got, b.N)
	}
	likesPerSec := float64(b.N) / elapsed.Seconds()
	b.ReportMetric(likesPerSec, "likes/s")
	b.ReportMetric(verifiesPerSec, "rsa-verifies/s")
	b.ReportMetric(likesPerSec/verifiesPerSec, "applied/verify")
	b.Logf("%d Likes from %d voters, %d in flight: %.0f applied/s; raw RSA-2048 verifications: %.0f/s on %d cores; ratio %.3f",
		b.N, benchVoters, benchSenders, likesPerSec, verifiesPerSec, runtime.GOMAXPROCS(0), likesPerSec/verifiesPerSec)
}

// signed is an activity signed beforehand by its actor (a fake
// instance's), as Lemmy signs, for our shared inbox.
func (r *fixtureRig) signed(b *testing.B, actor string, doc map[string]any) signedActivity {
	body, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, r.tidings+"/inbox", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	if err := lemmySigns.sign(req, body, actor+"#main-key", r.privateKey(actor)); err != nil {
		b.Fatal(err)
	}
	return signedActivity{body: body, header: req.Header}
}

// sendAll posts the activities to our shared inbox, benchSenders at once,
// in their order, and answers how long that took; each must be accepted.
func (r *fixtureRig) sendAll(b *testing.B, acts []signedActivity) time.Duration {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchSenders}}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var refused atomic.Int64
	var firstRefusal sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for range benchSenders {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(acts) {
					return
				}
				req, _ := http.NewRequest(http.MethodPost, r.tidings+"/inbox", bytes.NewReader(acts[i].body))
				req.Header = acts[i].header
				resp, err := client.Do(req)
				if err != nil {
					refused.Add(1)
					firstRefusal.Do(func() { b.Error(err) })
					continue
				}
				msg, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusAccepted {
					refused.Add(1)
					firstRefusal.Do(func() { b.Errorf("activity %d: %d %s", i, resp.StatusCode, msg) })
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if n := refused.Load(); n > 0 {
		b.Fatalf("%d of %d activities refused: this measures accepted ones only", n, len(acts))
	}
	return elapsed
}

// scoreSum is the score of all posts together.
func (r *fixtureRig) scoreSum() int64 {
	r.t.Helper()
	var n int64
	r.scalar(&n, `SELECT coalesce(sum(score), 0) FROM posts`)
	return n
}

// rsaVerifiesPerSecond is how many RSA-2048 PKCS#1 v1.5 SHA-256 signatures
// the machine verifies per second, on every core as the inbox may use. The
// benchmarks take it before and after their run and average the two: the
// load of a shared machine changes in the time a run takes.
func rsaVerifiesPerSecond(b *testing.B) float64 {
	b.Helper()
	key, err := httpsig.ParsePrivateKey(actorKey("/u/voter0").privPEM)
	if err != nil {
		b.Fatal(err)
	}
	digest := sha256.Sum256([]byte("(request-target): post /inbox"))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		b.Fatal(err)
	}
	const perWorker = 5000
	workers := runtime.GOMAXPROCS(0)
	var failed atomic.Bool
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range perWorker {
				if rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, digest[:], sig) != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if failed.Load() {
		b.Fatal("the signature did not verify")
	}
	return float64(workers*perWorker) / elapsed.Seconds()
}
