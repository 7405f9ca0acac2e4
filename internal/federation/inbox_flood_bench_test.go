package federation_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
)

const (
	// floodSize is how many requests with a bad signature one host sends
	// at least: the flood goes on for as long as the Likes it slows.
	floodSize = 10000
	// floodConns are the flood's connections, each sending its next
	// request when the last is answered.
	floodConns = benchSenders
)

// BenchmarkInboxFlood is signed Likes from one instance while another
// floods the inbox with floodSize requests whose signatures are invalid:
// half name a key of a known actor but are made with another key, half
// name an actor its server says does not exist. The Likes are sent twice
// as many times, half alone and half during the flood, and the rates
// compared: the flood is refused (401) without a query before the check,
// with one fetch a minute per unknown key, and once the host has failed
// federation.BadSignatureBurst checks, with a 429 held back a second
// before any check is made; so the Likes should go at more than half
// their rate.
func BenchmarkInboxFlood(b *testing.B) {
	ctx := context.Background()
	r := newFixtureRig(b, aptest.Own(b), "lemmy", rigOptions{})
	alice, err := r.forum.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		b.Fatal(err)
	}
	main := r.communities[homes[r.corpus.Name]]
	n := max(b.N, 2*benchSenders)
	var posts []string
	for i := range (2*n + benchVoters - 1) / benchVoters {
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
	likes := make([]signedActivity, 2*n)
	for i := range likes {
		post, voter := posts[i%len(posts)], voters[i/len(posts)]
		likes[i] = r.signed(b, voter, likeOf(voter, fmt.Sprintf("%s/activities/like/%d", voter, i), post, main.APID))
	}

	// The flood: a few requests, each sent again and again (the Date is
	// fresh for an hour), signed with the wrong key.
	flooder := r.mapURL("https://flood.example/u/mallory")
	if _, err := r.resolver.Actor(ctx, flooder, false); err != nil {
		b.Fatal(err)
	}
	wrongKey, err := httpsig.ParsePrivateKey(actorKey("/u/not-mallory").privPEM)
	if err != nil {
		b.Fatal(err)
	}
	var flood []signedActivity
	for i := range 16 {
		actor := flooder
		if i%2 == 1 {
			actor = r.mapURL("https://flood.example/nobody/mallory")
		}
		body := fmt.Appendf(nil, `{"@context":"https://www.w3.org/ns/activitystreams","id":"%s/activities/like/flood%d","type":"Like","actor":"%s","object":"%s"}`,
			actor, i, actor, posts[0])
		req, err := http.NewRequest(http.MethodPost, r.tidings+"/inbox", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		if err := lemmySigns.sign(req, body, actor+"#main-key", wrongKey); err != nil {
			b.Fatal(err)
		}
		flood = append(flood, signedActivity{body: body, header: req.Header})
	}
	floodFetches := func() int {
		f := r.fakeFor(flooder)
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.gets
	}
	fetchesBefore := floodFetches()

	b.ResetTimer()
	alone := r.sendAll(b, likes[:n])
	var sent, wrongAnswers atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: floodConns}}
	defer client.CloseIdleConnections()
	for range floodConns {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				i := sent.Add(1) - 1
				f := flood[i%int64(len(flood))]
				req, _ := http.NewRequest(http.MethodPost, r.tidings+"/inbox", bytes.NewReader(f.body))
				req.Header = f.header
				resp, err := client.Do(req)
				if err != nil {
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusTooManyRequests {
					wrongAnswers.Add(1)
				}
			}
		})
	}
	flooded := r.sendAll(b, likes[n:])
	floodDone := sent.Load()
	close(stop)
	wg.Wait()
	b.StopTimer()

	if floodDone < floodSize {
		b.Logf("%d bad signatures were answered while the Likes were sent, of the %d asked: past the first %d, each of its connections is answered once a second",
			floodDone, floodSize, federation.BadSignatureBurst)
	}
	if w := wrongAnswers.Load(); w > 0 {
		b.Errorf("%d requests with a bad signature were answered neither 401 nor 429", w)
	}
	if got := floodFetches() - fetchesBefore; got > 2 {
		b.Errorf("the flood made us fetch from its server %d times, want at most 2 (its actor's key refreshed once, the unknown one looked up once)", got)
	}
	slowdown := flooded.Seconds() / alone.Seconds()
	b.ReportMetric(float64(n)/alone.Seconds(), "likes/s-alone")
	b.ReportMetric(float64(n)/flooded.Seconds(), "likes/s-flooded")
	b.ReportMetric(slowdown, "slowdown")
	b.Logf("%d Likes alone: %.0f/s; %d more during a flood of %d bad signatures: %.0f/s; slowed %.2f× (at most 2× asked)",
		n, float64(n)/alone.Seconds(), n, floodDone, float64(n)/flooded.Seconds(), slowdown)
}
