package federation_test

// A community on one server relays (FEP-1b12) what a person on a third
// server writes. It is stored at once, and checked at the author's server
// in the background: these tests run that check, as River runs it, against
// an author's server that agrees, disagrees, has it no more, or is down.

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

func TestRelayedPostIsCheckedAtItsAuthorsServer(t *testing.T) {
	t.Parallel()
	const theText = "High water at 06:12, low water at 12:30."
	tests := []struct {
		name string
		// origin is what the author's server answers for the relayed post.
		origin func(a *authorServer, relayed map[string]any) []answer
		// wantAttempts is how many fetches the check took.
		wantAttempts int
		// wantRemoved and wantLog: taken down, with this reason logged.
		wantRemoved bool
		wantLog     string
		// wantTitle and wantText are what the thread shows after.
		wantTitle, wantText string
	}{
		{name: "the same, marked up otherwise", wantAttempts: 1, wantText: theText,
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{
					"content": "<p>High water at <b>06:12</b>,\n  low water at 12:30.</p>", "source": nil})}}
			}},
		{name: "other words", wantAttempts: 1, wantRemoved: true, wantText: theText,
			wantLog: "remove_post by nobody: its author's server, HOST, has other content for it, and no later edit",
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{"content": "<p>Never trust the tide tables.</p>"})}}
			}},
		{name: "another title", wantAttempts: 1, wantRemoved: true, wantText: theText,
			wantLog: "remove_post by nobody: its author's server, HOST, has other content for it, and no later edit",
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{"name": "Tide tables (corrected)"})}}
			}},
		{name: "another link", wantAttempts: 1, wantRemoved: true, wantText: theText,
			wantLog: "remove_post by nobody: its author's server, HOST, has other content for it, and no later edit",
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{
					"attachment": []any{map[string]any{"type": "Link", "href": "https://tides.example/harbour"}}})}}
			}},
		{name: "an edit we missed", wantAttempts: 1, wantTitle: "Tide tables for the estuary, corrected",
			wantText: "High water at 06:40, low water at 12:58.",
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{"name": "Tide tables for the estuary, corrected",
					"content": "<p>High water at 06:40, low water at 12:58.</p>", "source": nil,
					"updated": "2025-03-01T09:30:00Z"})}}
			}},
		{name: "another author", wantAttempts: 1, wantRemoved: true, wantText: theText,
			wantLog: "remove_post by nobody: its author's server, HOST, says someone else wrote it",
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{"attributedTo": a.dave})}}
			}},
		{name: "the same, its channel named first", wantAttempts: 1, wantText: theText,
			// PeerTube's attributedTo lists the video's channel (a Group)
			// beside its account, in either order: the account wrote it.
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{200, edited(p, map[string]any{"attributedTo": []any{
					map[string]any{"type": "Group", "id": a.url + "/video-channels/tides"},
					map[string]any{"type": "Person", "id": a.carol}}})}}
			}},
		{name: "not there", wantAttempts: 1, wantRemoved: true, wantText: theText,
			wantLog: "remove_post by nobody: its author's server, HOST, does not have it",
			origin:  func(*authorServer, map[string]any) []answer { return []answer{{status: http.StatusNotFound}} }},
		{name: "a tombstone", wantAttempts: 1, wantRemoved: true, wantText: theText,
			wantLog: "remove_post by nobody: its author's server, HOST, does not have it",
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{http.StatusGone, map[string]any{"id": p["id"], "type": "Tombstone"}}}
			}},
		{name: "a 500, then the same", wantAttempts: 2, wantText: theText,
			origin: func(a *authorServer, p map[string]any) []answer {
				return []answer{{status: http.StatusInternalServerError}, {200, p}}
			}},
		{name: "down throughout", wantAttempts: forum.VerifyOriginMaxAttempts, wantText: theText,
			origin: func(*authorServer, map[string]any) []answer {
				return []answer{{status: http.StatusServiceUnavailable}}
			}},
		{name: "refused: authorized fetch", wantAttempts: 1, wantText: theText,
			origin: func(*authorServer, map[string]any) []answer { return []answer{{status: http.StatusUnauthorized}} }},
		{name: "refused: it blocks us", wantAttempts: 1, wantText: theText,
			origin: func(*authorServer, map[string]any) []answer { return []answer{{status: http.StatusForbidden}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			l, pool := newCheckingLocal(t, rate.Inf, 1)
			relay, community, signer := followedCommunity(t, l)
			a := newAuthorServer(t)
			post := a.carolsPost("1", community)
			a.answerWith(idOf(post), tt.origin(a, post)...)
			release := a.hold()
			t.Cleanup(release)
			if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "1", post), signer); code != http.StatusAccepted {
				t.Fatalf("the relayed Create: %d %s", code, msg)
			}
			// Applied at once, before any check.
			got, err := l.st.PostByAPID(ctx, idOf(post))
			if err != nil || got.Removed || got.Title != "Tide tables for the estuary" {
				t.Fatalf("the relayed post as it arrived: %+v %v", got, err)
			}
			release()

			state, attempts := checkOf(t, pool, idOf(post))
			if state != "completed" || attempts != tt.wantAttempts || a.fetchesOf(idOf(post)) != tt.wantAttempts {
				t.Errorf("the check: %s after %d attempts, %d fetches; want completed after %d", state, attempts,
					a.fetchesOf(idOf(post)), tt.wantAttempts)
			}
			got, err = l.st.PostByAPID(ctx, idOf(post))
			if err != nil {
				t.Fatal(err)
			}
			wantTitle := tt.wantTitle
			if wantTitle == "" {
				wantTitle = "Tide tables for the estuary"
			}
			if got.Removed != tt.wantRemoved || got.Title != wantTitle || got.Deleted {
				t.Errorf("the thread shows %q, removed %v, deleted %v; want %q, removed %v", got.Title, got.Removed,
					got.Deleted, wantTitle, tt.wantRemoved)
			}
			if text := strings.Join(strings.Fields(activitypub.HTMLText(got.BodyHTML)), " "); text != tt.wantText {
				t.Errorf("the post's text is %q, want %q", text, tt.wantText)
			}
			var want []string
			if tt.wantLog != "" {
				want = []string{strings.Replace(tt.wantLog, "HOST", strings.TrimPrefix(a.url, "http://"), 1)}
			}
			if log := modLog(t, pool, got.ID, 0); !slices.Equal(log, want) {
				t.Errorf("the moderation log says %q, want %q", log, want)
			}
		})
	}
}

// A relayed comment that its author's server does not have is taken down
// in its thread; the post it answers, written on the community's own
// server, needs no check, nor does a comment its author's server sends
// us itself.
func TestRelayedCommentIsCheckedButNotTheCommunitysOwn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, pool := newCheckingLocal(t, rate.Inf, 1)
	relay, community, signer := followedCommunity(t, l)
	a := newAuthorServer(t)
	post := map[string]any{"id": relay.url + "/post/1", "type": "Page", "attributedTo": relay.bob,
		"name": "Harbour dredging starts Monday", "audience": community, "to": []any{community, public}}
	if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "1", post), signer); code != http.StatusAccepted {
		t.Fatalf("the relayed post: %d %s", code, msg)
	}
	forged := map[string]any{"id": a.url + "/comment/1", "type": "Note", "attributedTo": a.carol,
		"content": "<p>The dredging is cancelled, stay home.</p>", "inReplyTo": idOf(post),
		"audience": community, "to": []any{public}, "cc": []any{community}}
	if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "2", forged), signer); code != http.StatusAccepted {
		t.Fatalf("the relayed comment: %d %s", code, msg)
	}
	own, err := l.st.PostByAPID(ctx, idOf(post))
	if err != nil {
		t.Fatal(err)
	}
	if n := checksQueued(t, pool, idOf(post)); n != 0 {
		t.Errorf("%d checks of the community's own server's post, want none", n)
	}
	if state, _ := checkOf(t, pool, idOf(forged)); state != "completed" {
		t.Fatalf("the check of the comment: %s", state)
	}
	thread, err := l.st.Thread(ctx, own.ID)
	if err != nil || len(thread) != 1 {
		t.Fatalf("thread: %+v %v", thread, err)
	}
	if !thread[0].Removed {
		t.Error("the thread still shows the comment its author's server does not have")
	}
	host := strings.TrimPrefix(a.url, "http://")
	want := []string{"remove_comment by nobody: its author's server, " + host + ", does not have it"}
	if log := modLog(t, pool, own.ID, thread[0].ID); !slices.Equal(log, want) {
		t.Errorf("the moderation log says %q, want %q", log, want)
	}

	// Carol's server sends her reply to our community itself, signed.
	mine := map[string]any{"id": a.url + "/comment/2", "type": "Note", "attributedTo": a.carol,
		"content": "<p>Local news here.</p>", "audience": l.community.APID, "to": []any{public},
		"cc": []any{l.community.APID}}
	ours := map[string]any{"id": a.url + "/post/2", "type": "Page", "attributedTo": a.carol, "name": "Sent to us",
		"audience": l.community.APID, "to": []any{l.community.APID, public}}
	for _, obj := range []map[string]any{ours, mine} {
		if obj["type"] == "Note" {
			obj["inReplyTo"] = idOf(ours)
		}
		body := activity(map[string]any{"id": idOf(obj) + "/create", "type": "Create", "actor": a.carol,
			"to": []any{public}, "cc": []any{l.community.APID}, "object": obj})
		if code, msg := l.post(t, "/inbox", body, a.signer); code != http.StatusAccepted {
			t.Fatalf("carol's own Create of %s: %d %s", idOf(obj), code, msg)
		}
		if n := checksQueued(t, pool, idOf(obj)); n != 0 {
			t.Errorf("%d checks of %s, sent by its author's server, want none", n, idOf(obj))
		}
	}
}

// An edit a community relays is checked as a new post is.
func TestRelayedEditIsChecked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, pool := newCheckingLocal(t, rate.Inf, 1)
	relay, community, signer := followedCommunity(t, l)
	a := newAuthorServer(t)
	post := a.carolsPost("1", community)
	a.answerWith(idOf(post), answer{200, post})
	if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "1", post), signer); code != http.StatusAccepted {
		t.Fatalf("the relayed Create: %d %s", code, msg)
	}
	checkOf(t, pool, idOf(post))
	// The community claims carol edited it; her server knows nothing of it.
	forged := edited(post, map[string]any{"content": "<p>High water at 03:00. Bring a boat.</p>", "source": nil,
		"updated": "2025-03-02T10:00:00Z"})
	update := relayed(relay, community, "2", map[string]any{"id": idOf(post) + "/update/1", "type": "Update",
		"actor": a.carol, "to": []any{public}, "cc": []any{community}, "audience": community, "object": forged})
	if code, msg := l.post(t, "/inbox", update, signer); code != http.StatusAccepted {
		t.Fatalf("the relayed Update: %d %s", code, msg)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		var done int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'verify_origin'
			AND args->>'object' = $1 AND state = 'completed'`, idOf(post)).Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of the 2 checks finished", done)
		}
		time.Sleep(20 * time.Millisecond)
	}
	got, err := l.st.PostByAPID(ctx, idOf(post))
	if err != nil || !got.Removed {
		t.Errorf("an edit its author's server does not know of: removed %v (%v)", got.Removed, err)
	}
}

// Checks of one author's server wait for its rate limit, each until its
// own turn, without holding up the checks of another's.
func TestChecksAtOriginAreRateLimitedPerHost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, pool := newCheckingLocal(t, rate.Every(time.Hour), 1)
	relay, community, signer := followedCommunity(t, l)
	busy, other := newAuthorServer(t), newAuthorServer(t)
	var posts, busyPosts []map[string]any
	for _, n := range []string{"1", "2", "3"} {
		p := busy.carolsPost(n, community)
		busy.answerWith(idOf(p), answer{200, p})
		posts, busyPosts = append(posts, p), append(busyPosts, p)
	}
	posts = append(posts, other.carolsPost("1", community))
	other.answerWith(idOf(posts[3]), answer{200, posts[3]})
	for i, p := range posts {
		if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, strconv.Itoa(i), p), signer); code != http.StatusAccepted {
			t.Fatalf("relayed Create %d: %d %s", i, code, msg)
		}
	}
	// The other host's check is not held up by the busy one's.
	if state, _ := checkOf(t, pool, idOf(posts[3])); state != "completed" {
		t.Errorf("the other host's check: %s", state)
	}
	// Of the busy host's three, one is made; the others snooze, one for
	// about the hour its rate allows and the next for about two: each
	// until its turn, not both until the next token.
	ids := []string{idOf(busyPosts[0]), idOf(busyPosts[1]), idOf(busyPosts[2])}
	deadline := time.Now().Add(60 * time.Second)
	for {
		rows, err := pool.Query(ctx, `SELECT state::text, scheduled_at FROM river_job WHERE kind = 'verify_origin'
			AND args->>'object' = ANY ($1) ORDER BY state, scheduled_at`, ids)
		if err != nil {
			t.Fatal(err)
		}
		type job struct {
			State string    `db:"state"`
			At    time.Time `db:"scheduled_at"`
		}
		jobs, err := pgx.CollectRows(rows, pgx.RowToStructByName[job])
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs) == 3 && jobs[0].State == "completed" && jobs[1].State == "scheduled" && jobs[2].State == "scheduled" {
			// Up to half an interval of jitter on each.
			if wait := time.Until(jobs[1].At); wait < 59*time.Minute || wait > 91*time.Minute {
				t.Errorf("the busy host's second check waits %v, want about an hour", wait)
			}
			if wait := time.Until(jobs[2].At); wait < 119*time.Minute || wait > 151*time.Minute {
				t.Errorf("the busy host's third check waits %v, want about two hours", wait)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the busy host's checks: %+v, want one completed and two snoozed", jobs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	n := 0
	for _, id := range ids {
		n += busy.fetchesOf(id)
	}
	if n != 1 {
		t.Errorf("the busy host was asked for its posts %d times, want once", n)
	}
}

// Checks that waited for their turn are made when it comes, each after one
// snooze, and each asks its origin once.
func TestChecksAtOriginAreMadeInTurn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, pool := newCheckingLocal(t, rate.Every(200*time.Millisecond), 1)
	relay, community, signer := followedCommunity(t, l)
	a := newAuthorServer(t)
	var ids []string
	for i := range 5 {
		p := a.carolsPost(strconv.Itoa(i), community)
		a.answerWith(idOf(p), answer{200, p})
		ids = append(ids, idOf(p))
		if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, strconv.Itoa(i), p), signer); code != http.StatusAccepted {
			t.Fatalf("relayed Create %d: %d %s", i, code, msg)
		}
	}
	for _, id := range ids {
		if state, _ := checkOf(t, pool, id); state != "completed" {
			t.Errorf("the check of %s: %s", id, state)
		}
		if n := a.fetchesOf(id); n != 1 {
			t.Errorf("%s was fetched %d times, want once", id, n)
		}
	}
	var most int
	if err := pool.QueryRow(ctx, `SELECT coalesce(max((metadata->>'snoozes')::int), 0) FROM river_job
		WHERE kind = 'verify_origin'`).Scan(&most); err != nil {
		t.Fatal(err)
	}
	if most > 1 {
		t.Errorf("a check snoozed %d times, want each to wait once, for its turn", most)
	}
}
