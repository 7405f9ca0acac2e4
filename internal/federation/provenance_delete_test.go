package federation_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/time/rate"
)

// goneCheckOf waits for the check at origin of a relayed deletion of
// object to finish, and returns its state.
func goneCheckOf(t *testing.T, pool *pgxpool.Pool, object string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var state string
		err := pool.QueryRow(context.Background(), `SELECT state::text FROM river_job
			WHERE kind = 'verify_origin' AND args->>'object' = $1 AND (args->>'gone')::boolean`, object).Scan(&state)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			t.Fatal(err)
		}
		if state == "completed" || state == "cancelled" || state == "discarded" {
			return state
		}
		if time.Now().After(deadline) {
			t.Fatalf("the check of the deletion of %s did not finish: state %q (%v)", object, state, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A deletion that a followed community relays of a post or comment by a
// person on a third server is applied at once, as its author's, and
// checked at the author's server, which must not have it any more: one
// that still serves it, by the same author, did not delete it, and it is
// shown again, with the reason in the moderation log.
func TestRelayedDeletionIsCheckedAtItsAuthorsServer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// origin is what the author's server answers once the deletion
		// has arrived.
		origin func(a *authorServer, obj map[string]any) []answer
		// wantDeleted, wantLog: still deleted, and the moderation log.
		wantDeleted bool
		wantLog     string
	}{
		{name: "not there any more", wantDeleted: true,
			origin: func(*authorServer, map[string]any) []answer { return []answer{{status: http.StatusNotFound}} }},
		{name: "a tombstone", wantDeleted: true,
			origin: func(a *authorServer, obj map[string]any) []answer {
				return []answer{{http.StatusGone, map[string]any{"id": obj["id"], "type": "Tombstone"}}}
			}},
		{name: "still there", wantDeleted: false,
			wantLog: "restore_KIND by nobody: its author's server, HOST, still has it: its author did not delete it",
			origin:  func(a *authorServer, obj map[string]any) []answer { return []answer{{200, obj}} }},
		{name: "still there after a 500", wantDeleted: false,
			wantLog: "restore_KIND by nobody: its author's server, HOST, still has it: its author did not delete it",
			origin: func(a *authorServer, obj map[string]any) []answer {
				return []answer{{status: http.StatusInternalServerError}, {200, obj}}
			}},
		{name: "there, by someone else", wantDeleted: true,
			origin: func(a *authorServer, obj map[string]any) []answer {
				return []answer{{200, edited(obj, map[string]any{"attributedTo": a.dave})}}
			}},
		{name: "refused: it blocks us", wantDeleted: true,
			origin: func(*authorServer, map[string]any) []answer { return []answer{{status: http.StatusForbidden}} }},
	}
	for _, tt := range tests {
		for _, kind := range []string{"post", "comment"} {
			t.Run(tt.name+", a "+kind, func(t *testing.T) {
				t.Parallel()
				l, pool := newCheckingLocal(t, rate.Inf, 1)
				relay, community, signer := followedCommunity(t, l)
				a := newAuthorServer(t)
				post := a.carolsPost("1", community)
				obj := post
				if kind == "comment" {
					obj = map[string]any{"id": a.url + "/comment/1", "type": "Note", "attributedTo": a.carol,
						"content": "<p>Low water at 12:30, not 12:45.</p>", "inReplyTo": idOf(post),
						"audience": community, "to": []any{public}, "cc": []any{community}}
				}
				a.answerWith(idOf(post), answer{200, post})
				if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "1", post), signer); code != http.StatusAccepted {
					t.Fatalf("the relayed post: %d %s", code, msg)
				}
				if kind == "comment" {
					a.answerWith(idOf(obj), answer{200, obj})
					if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "2", obj), signer); code != http.StatusAccepted {
						t.Fatalf("the relayed comment: %d %s", code, msg)
					}
				}
				if state, _ := checkOf(t, pool, idOf(obj)); state != "completed" {
					t.Fatalf("the check of the relayed %s: %s", kind, state)
				}
				a.answerWith(idOf(obj), tt.origin(a, obj)...)
				del := relayed(relay, community, "3", map[string]any{"id": a.url + "/activities/delete/1",
					"type": "Delete", "actor": a.carol, "object": idOf(obj), "to": []any{public},
					"cc": []any{community}, "audience": community})
				release := a.hold()
				t.Cleanup(release)
				if code, msg := l.post(t, "/inbox", del, signer); code != http.StatusAccepted {
					t.Fatalf("the relayed Delete: %d %s", code, msg)
				}
				// Applied at once, before any check: readers see it deleted.
				if _, _, deleted, _ := stored(t, l, idOf(post), idOf(obj)); !deleted {
					t.Errorf("the relayed Delete of the %s was not applied at once", kind)
				}
				release()
				if state := goneCheckOf(t, pool, idOf(obj)); state != "completed" {
					t.Fatalf("the check of the deletion: %s", state)
				}
				postID, commentID, deleted, removed := stored(t, l, idOf(post), idOf(obj))
				if deleted != tt.wantDeleted || removed {
					t.Errorf("the %s after the check: deleted %v, removed %v; want deleted %v", kind, deleted, removed,
						tt.wantDeleted)
				}
				var want []string
				if tt.wantLog != "" {
					want = []string{strings.NewReplacer("KIND", kind, "HOST", strings.TrimPrefix(a.url, "http://")).
						Replace(tt.wantLog)}
				}
				if log := modLog(t, pool, postID, commentID); !slices.Equal(log, want) {
					t.Errorf("the moderation log says %q, want %q", log, want)
				}
			})
		}
	}
}

// stored reads whether the post postAPID, or its comment objectAPID, is
// deleted or removed.
func stored(t *testing.T, l *local, postAPID, objectAPID string) (postID, commentID int64, deleted, removed bool) {
	t.Helper()
	ctx := context.Background()
	p, err := l.st.PostByAPID(ctx, postAPID)
	if err != nil {
		t.Fatal(err)
	}
	if objectAPID == postAPID {
		return p.ID, 0, p.Deleted, p.Removed
	}
	c, err := l.st.CommentByAPID(ctx, objectAPID)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID, c.ID, c.Deleted, c.Removed
}

// An Undo of a deletion that a community relays shows the post again at
// once, and is checked as a new version of it: an author's server that
// does not have it takes it down.
func TestRelayedRestoreIsChecked(t *testing.T) {
	t.Parallel()
	l, pool := newCheckingLocal(t, rate.Inf, 1)
	relay, community, signer := followedCommunity(t, l)
	a := newAuthorServer(t)
	post := a.carolsPost("1", community)
	a.answerWith(idOf(post), answer{200, post})
	if code, msg := l.post(t, "/inbox", relayedCreate(relay, community, "1", post), signer); code != http.StatusAccepted {
		t.Fatalf("the relayed post: %d %s", code, msg)
	}
	checkOf(t, pool, idOf(post))
	a.answerWith(idOf(post), answer{status: http.StatusNotFound})
	del := map[string]any{"id": a.url + "/activities/delete/1", "type": "Delete", "actor": a.carol,
		"object": idOf(post), "to": []any{public}, "cc": []any{community}, "audience": community}
	if code, msg := l.post(t, "/inbox", relayed(relay, community, "2", del), signer); code != http.StatusAccepted {
		t.Fatalf("the relayed Delete: %d %s", code, msg)
	}
	goneCheckOf(t, pool, idOf(post))
	undo := relayed(relay, community, "3", map[string]any{"id": a.url + "/activities/undo/1", "type": "Undo",
		"actor": a.carol, "object": del, "to": []any{public}, "cc": []any{community}, "audience": community})
	if code, msg := l.post(t, "/inbox", undo, signer); code != http.StatusAccepted {
		t.Fatalf("the relayed Undo: %d %s", code, msg)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		var done int
		if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'verify_origin'
			AND args->>'object' = $1 AND state = 'completed'`, idOf(post)).Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of the 3 checks finished", done)
		}
		time.Sleep(20 * time.Millisecond)
	}
	postID, _, deleted, removed := stored(t, l, idOf(post), idOf(post))
	if deleted || !removed {
		t.Errorf("a restore its author's server knows nothing of: deleted %v, removed %v; want taken down", deleted, removed)
	}
	host := strings.TrimPrefix(a.url, "http://")
	if log := modLog(t, pool, postID, 0); !slices.Equal(log, []string{"remove_post by nobody: its author's server, " +
		host + ", does not have it"}) {
		t.Errorf("the moderation log says %q", log)
	}
}
