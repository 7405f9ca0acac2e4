package federation_test

// Every activity of the repository's own corpus (testdata/fediverse), and
// of the shared one when it sits beside the checkout, is sent, rewritten
// onto loopback and signed as its software signs, to the inbox of a
// running Tidings, and what it changed is checked, and that sending it
// again changes nothing more; see fakeinstance_test.go for the rig. The
// scenarios of the shared corpus are here, ours in fixtures_own_test.go.

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidings/tidings/internal/activitypub/aptest"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/store"
)

// scenario is what one fixture needs and what it must change.
type scenario struct {
	opts  rigOptions
	setup func(r *fixtureRig)
	// check asserts what the activity changed; nil means the activity is
	// acknowledged and ignored, and nothing may change.
	check func(r *fixtureRig)
}

// The shared corpus's URLs its scenarios name, before rewriting.
const (
	alphaDS9      = "http://ds9.lemmy.ml/u/lemmy_alpha"
	betaEnt       = "http://enterprise.lemmy.ml/u/lemmy_beta"
	postDS9       = "http://ds9.lemmy.ml/post/1"
	commentDS9    = "http://ds9.lemmy.ml/comment/1"
	featuredPost  = "https://ds9.lemmy.ml/post/2"
	alphaLock     = "http://lemmy-alpha:8541/u/lemmy_alpha"
	lockedPost    = "http://lemmy-alpha:8541/post/2"
	aplhaLock     = "https://lemmy-alpha/u/lemmy_aplha" // sic, as in lock_note.json
	lockedComment = "https://lemmy-alpha/comment/1"
	felix         = "https://mastodon.madrid/users/felix"
	likedPost     = "https://ds9.lemmy.ml/post/147"
)

// lemmyScenarios serve the shared corpus's lemmy/ and lemmy-0.19/, by path
// under activities/.
var lemmyScenarios = map[string]scenario{
	"following/follow.json": {opts: rigOptions{deliver: true}, check: func(r *fixtureRig) {
		r.expectFollowAccepted("following/follow.json", alphaDS9, "main")
	}},
	"following/undo_follow.json": {
		setup: func(r *fixtureRig) { r.mustSend("following/follow.json") },
		check: func(r *fixtureRig) { r.expectNoFollow(alphaDS9, "main") },
	},
	// The community that accepts is on enterprise, and nobody here asked
	// to follow it.
	"following/accept.json": {opts: rigOptions{remote: []string{"main"}}},

	"create_or_update/create_page.json": {opts: rigOptions{deliver: true},
		setup: func(r *fixtureRig) { r.watch("main") },
		check: func(r *fixtureRig) {
			p := r.post(postDS9)
			r.equal("title", p.Title, "test post")
			r.equal("body", p.Body, "test body")
			r.equal("url", p.URL, "https://lemmy.ml/pictrs/image/xl8W7FZfk9.jpg")
			r.equal("language", p.Language, "ko")
			r.equal("creator", p.CreatorID, r.personID(alphaDS9))
			r.equal("community", p.CommunityID, r.communities["main"].ID)
			r.expectAnnounced("voyager.lemmy.ml", r.fixture("create_or_update/create_page.json")["id"].(string))
		},
	},
	// The post replied to is not sent first: Tidings fetches it.
	"create_or_update/create_comment.json": {check: func(r *fixtureRig) { r.expectFetchedThread() }},
	"create_or_update/create_note.json":    {check: func(r *fixtureRig) { r.expectFetchedThread() }},
	"create_or_update/update_page.json": {
		setup: func(r *fixtureRig) { r.mustSend("create_or_update/create_page.json") },
		check: func(r *fixtureRig) {
			p := r.post(postDS9)
			r.equal("title", p.Title, "test post 1")
			if p.Updated == nil {
				r.t.Error("the post is not marked as edited")
			}
		},
	},
	"create_or_update/create_private_message.json":      {},
	"create_or_update/create_private_message_0.19.json": {},

	"deletion/delete_page.json": {
		setup: func(r *fixtureRig) { r.mustSend("create_or_update/create_page.json") },
		check: func(r *fixtureRig) { r.equal("deleted", r.post(postDS9).Deleted, true) },
	},
	"deletion/undo_delete_page.json": {
		setup: func(r *fixtureRig) {
			r.mustSend("create_or_update/create_page.json")
			r.mustSend("deletion/delete_page.json")
		},
		check: func(r *fixtureRig) { r.equal("deleted", r.post(postDS9).Deleted, false) },
	},
	"deletion/remove_note.json": {
		setup: func(r *fixtureRig) {
			r.sendComment()
			// The same removal by someone who is not a moderator (yet) is
			// refused, and changes nothing.
			doc := r.fixture("deletion/remove_note.json")
			doc["id"] = doc["id"].(string) + "-not-yet-a-moderator"
			if code, body := r.sendDoc(doc); code != http.StatusForbidden {
				r.t.Errorf("removal by a non-moderator: %d %s, want 403", code, strings.TrimSpace(body))
			}
			r.equal("removed by a non-moderator", r.comment(commentDS9).Removed, false)
			r.mod(betaEnt, "main")
		},
		check: func(r *fixtureRig) {
			c := r.comment(commentDS9)
			r.equal("removed", c.Removed, true)
			r.equal("deleted", c.Deleted, false)
		},
	},
	"deletion/undo_remove_note.json": {
		setup: func(r *fixtureRig) {
			r.sendComment()
			r.mod(betaEnt, "main")
			r.mustSend("deletion/remove_note.json")
		},
		check: func(r *fixtureRig) { r.equal("removed", r.comment(commentDS9).Removed, false) },
	},
	"deletion/delete_user.json": {
		setup: func(r *fixtureRig) {
			r.mustSend("create_or_update/create_page.json")
			r.sendComment()
		},
		check: func(r *fixtureRig) {
			id := r.personID(alphaDS9)
			var deleted bool
			r.scalar(&deleted, `SELECT deleted FROM people WHERE id = $1`, id)
			r.equal("person deleted", deleted, true)
			var posts, comments int
			r.scalar(&posts, `SELECT count(*) FROM posts WHERE creator_id = $1 AND NOT deleted`, id)
			r.scalar(&comments, `SELECT count(*) FROM comments WHERE creator_id = $1 AND NOT deleted`, id)
			r.equal("posts left undeleted", posts, 0)
			r.equal("comments left undeleted", comments, 0)
		},
	},
	"deletion/delete_private_message.json":      {},
	"deletion/undo_delete_private_message.json": {},

	// Votes: the objects are not sent first, Tidings fetches them. The
	// fixtures' audience is tenforward; the post's own community (main)
	// is what counts.
	"voting/like_note.json": {check: func(r *fixtureRig) { r.expectVote("comment", commentDS9, alphaDS9, 1) }},
	"voting/undo_like_note.json": {
		setup: func(r *fixtureRig) { r.mustSend("voting/like_note.json") },
		check: func(r *fixtureRig) { r.expectVote("comment", commentDS9, alphaDS9, 0) },
	},
	"voting/dislike_page.json": {check: func(r *fixtureRig) {
		r.expectVote("post", postDS9, betaEnt, -1)
		r.equal("community", r.post(postDS9).CommunityID, r.communities["main"].ID)
	}},
	// Its inner activity is a Like, though what it undoes was a Dislike:
	// an Undo takes back whatever vote there is.
	"voting/undo_dislike_page.json": {
		setup: func(r *fixtureRig) { r.mustSend("voting/dislike_page.json") },
		check: func(r *fixtureRig) { r.expectVote("post", postDS9, betaEnt, 0) },
	},

	// Tidings acts on a Lock only of what it holds (it does not fetch
	// what it is asked to lock), and no fixture creates these: their
	// authors send a Create of what their server serves first.
	"community/lock_page.json": {
		setup: func(r *fixtureRig) {
			r.mod(alphaLock, "main")
			r.created(lockedPost)
		},
		check: func(r *fixtureRig) { r.equal("locked", r.post(lockedPost).Locked, true) },
	},
	"community/undo_lock_page.json": {
		setup: func(r *fixtureRig) {
			r.mod(alphaLock, "main")
			r.created(lockedPost)
			r.mustSend("community/lock_page.json")
		},
		check: func(r *fixtureRig) { r.equal("locked", r.post(lockedPost).Locked, false) },
	},
	"community/lock_note.json": {
		setup: func(r *fixtureRig) {
			r.mod(aplhaLock, "main")
			r.created(lockedComment)
		},
		check: func(r *fixtureRig) { r.equal("locked", r.commentLocked(lockedComment), true) },
	},
	"community/undo_lock_note.json": {
		setup: func(r *fixtureRig) {
			r.mod(aplhaLock, "main")
			r.created(lockedComment)
			r.mustSend("community/lock_note.json")
		},
		check: func(r *fixtureRig) { r.equal("locked", r.commentLocked(lockedComment), false) },
	},
	"community/add_featured_post.json": {
		setup: func(r *fixtureRig) { r.mod(alphaDS9, "main") },
		check: func(r *fixtureRig) { r.equal("featured", r.post(featuredPost).FeaturedCommunity, true) },
	},
	"community/remove_featured_post.json": {
		setup: func(r *fixtureRig) {
			r.mod(alphaDS9, "main")
			// The Add and the Remove fixtures share one activity id, so the
			// Add is sent under another: a server that skips ids it has seen
			// (as Lemmy and Tidings do) would otherwise skip the Remove.
			add := r.fixture("community/add_featured_post.json")
			add["id"] = add["id"].(string) + "-add"
			if code, body := r.sendDoc(add); code/100 != 2 {
				r.t.Fatalf("setup: add_featured_post: %d %s", code, strings.TrimSpace(body))
			}
			r.equal("featured after the Add", r.post(featuredPost).FeaturedCommunity, true)
		},
		check: func(r *fixtureRig) { r.equal("featured", r.post(featuredPost).FeaturedCommunity, false) },
	},
	"community/add_mod.json": {
		setup: func(r *fixtureRig) { r.mod(betaEnt, "main") },
		check: func(r *fixtureRig) { r.equal("moderator", r.isMod(alphaDS9, "main"), true) },
	},
	"community/remove_mod.json": {
		setup: func(r *fixtureRig) {
			r.mod(betaEnt, "main")
			r.mod(alphaDS9, "main")
		},
		check: func(r *fixtureRig) {
			r.equal("moderator", r.isMod(alphaDS9, "main"), false)
			r.equal("the remover still a moderator", r.isMod(betaEnt, "main"), true)
		},
	},
	"community/update_community.json": {
		setup: func(r *fixtureRig) { r.mod(alphaDS9, "main") },
		check: func(r *fixtureRig) {
			before := r.communities["main"]
			c, err := r.st.CommunityByID(context.Background(), before.ID)
			if err != nil {
				r.t.Fatal(err)
			}
			r.equal("title", c.Title, "The Updated Community")
			r.equal("description", c.Description, "updated 2")
			// The Group in the Update carries enterprise's key and inbox:
			// they must not replace our community's own.
			r.equal("public key", c.PublicKeyPEM, before.PublicKeyPEM)
			r.equal("inbox", c.InboxURL, before.InboxURL)
		},
	},
	"community/announce_create_page.json": {opts: rigOptions{remote: []string{"main"}}},
	// A report of enterprise's post/7 (which the fake serves in main, and
	// Tidings fetches) lands in main's queue.
	"community/report_page.json": {check: func(r *fixtureRig) {
		r.expectReport("http://enterprise.lemmy.ml/post/7", alphaDS9, "report this post")
	}},
	// Lemmy 1.0's resolution of that report, by a moderator of main.
	"community/resolve_report_page.json": {
		setup: func(r *fixtureRig) {
			r.mod("http://ds9.lemmy.ml/u/lemmy_user", "main")
			r.mustSend("community/report_page.json")
		},
		check: func(r *fixtureRig) { r.expectResolved("http://ds9.lemmy.ml/u/lemmy_user") },
	},
	"community/warn.json": {},

	"block/block_user.json": {
		setup: func(r *fixtureRig) {
			r.mod(betaEnt, "main")
			r.mustSend("create_or_update/create_page.json")
			r.sendComment()
		},
		check: func(r *fixtureRig) {
			id, main := r.personID(alphaDS9), r.communities["main"].ID
			var expires *time.Time
			r.scalar(&expires, `SELECT expires_at FROM community_bans WHERE community_id = $1 AND person_id = $2`, main, id)
			want := time.Date(2021, 11, 1, 12, 23, 50, 151874000, time.UTC)
			if expires == nil || !expires.Equal(want) {
				r.t.Errorf("ban expires_at = %v, want %v", expires, want)
			}
			// removeData: what they wrote in the community is removed.
			r.equal("post removed", r.post(postDS9).Removed, true)
			r.equal("comment removed", r.comment(commentDS9).Removed, true)
		},
	},
	"block/undo_block_user.json": {
		setup: func(r *fixtureRig) {
			r.mod(betaEnt, "main")
			r.mustSend("block/block_user.json")
		},
		check: func(r *fixtureRig) {
			var n int
			r.scalar(&n, `SELECT count(*) FROM community_bans WHERE community_id = $1 AND person_id = $2`,
				r.communities["main"].ID, r.personID(alphaDS9))
			r.equal("bans", n, 0)
		},
	},
}

// mastodonScenarios serve the shared corpus's mastodon/, by file name.
var mastodonScenarios = map[string]scenario{
	"follow.json": {opts: rigOptions{deliver: true}, check: func(r *fixtureRig) {
		r.expectFollowAccepted("follow.json", "https://masto.asonix.dog/users/asonix", "testcom")
	}},
	"undo_follow.json": {
		setup: func(r *fixtureRig) { r.mustSend("follow.json") },
		check: func(r *fixtureRig) { r.expectNoFollow("https://masto.asonix.dog/users/asonix", "testcom") },
	},
	"like_page.json": {check: func(r *fixtureRig) { r.expectVote("post", likedPost, felix, 1) }},
	"undo_like_page.json": {
		setup: func(r *fixtureRig) { r.mustSend("like_page.json") },
		check: func(r *fixtureRig) { r.expectVote("post", likedPost, felix, 0) },
	},
	// A reply in a Mastodon conversation (to a status on mamot.fr, which
	// the fake mamot.fr serves as a plain status in no community): nothing
	// here is replied to, so it is acknowledged and not stored.
	"create_note.json": {},
	// A status we never stored.
	"delete.json": {},
	"flag.json":   {},
}

func TestInboxFixtures(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		c := aptest.Own(t)
		runCorpus(t, c, func(a aptest.Activity) (scenario, bool) {
			sc, ok := ownScenarios[a.Software+"/"+a.Name]
			return sc, ok
		}, func(used map[string]bool) {
			for _, key := range slices.Sorted(maps.Keys(ownScenarios)) {
				if !used[key] {
					t.Errorf("the scenario for %s matches no file of %s", key, c.Root)
				}
			}
		})
	})
	t.Run("shared", func(t *testing.T) {
		c := aptest.Shared(t, "TestInboxFixtures over every activity of the shared corpus")
		runCorpus(t, c, func(a aptest.Activity) (scenario, bool) {
			sc, ok := sharedScenariosOf(a.Software)[a.Name]
			return sc, ok
		}, func(used map[string]bool) {
			for _, set := range []struct {
				dirs []string
				m    map[string]scenario
			}{{[]string{"lemmy", "lemmy-0.19"}, lemmyScenarios}, {[]string{"mastodon"}, mastodonScenarios}} {
				for _, name := range slices.Sorted(maps.Keys(set.m)) {
					if !used[set.dirs[0]+"/"+name] && (len(set.dirs) == 1 || !used[set.dirs[1]+"/"+name]) {
						t.Errorf("the scenario for %s matches no file of %s", name, c.Root)
					}
				}
			}
		})
	})
}

// notActivities are files among activities/ that are not activities: the
// shared corpus's bare Note, which Lemmy's tests only decode (and so do
// ours, in internal/activitypub).
var notActivities = map[string]bool{"shared:mastodon/private_message.json": true}

// runCorpus runs every activity of c as the scenario find gives it, in
// parallel, and then hands unused the files that had one.
func runCorpus(t *testing.T, c aptest.Corpus, find func(aptest.Activity) (scenario, bool), unused func(used map[string]bool)) {
	used := map[string]bool{}
	for _, a := range c.Activities(t) {
		sc, ok := find(a)
		if notActivities[c.Name+":"+a.Software+"/"+a.Name] {
			continue
		}
		if !ok {
			t.Errorf("%s/activities/%s has no scenario: add one to fixtures_inbox_test.go (shared) or fixtures_own_test.go",
				a.Software, a.Name)
			continue
		}
		used[a.Software+"/"+a.Name] = true
		t.Run(a.Software+"/"+strings.TrimSuffix(a.Name, ".json"), func(t *testing.T) {
			t.Parallel()
			runScenario(t, c, a.Software, a.Name, sc)
		})
	}
	t.Cleanup(func() { unused(used) })
}

func sharedScenariosOf(dir string) map[string]scenario {
	switch dir {
	case "lemmy", "lemmy-0.19":
		return lemmyScenarios
	case "mastodon":
		return mastodonScenarios
	}
	return nil
}

func runScenario(t *testing.T, c aptest.Corpus, dir, name string, sc scenario) {
	r := newFixtureRig(t, c, dir, sc.opts)
	if sc.setup != nil {
		sc.setup(r)
	}
	actor, _ := r.fixture(name)["actor"].(string)
	before := r.counts(actor)
	code, body := r.send(name)
	if code/100 != 2 {
		t.Fatalf("%s: %d %s", name, code, strings.TrimSpace(body))
	}
	if sc.check != nil {
		sc.check(r)
	} else if after := r.counts(actor); !maps.Equal(before, after) {
		t.Errorf("acknowledged (%d) but not ignored: before %v, after %v", code, before, after)
	}
	if t.Failed() {
		return
	}
	// Sent again, as senders do when unsure: acknowledged, applied once.
	mid := r.counts(actor)
	if code, body := r.send(name); code/100 != 2 {
		t.Fatalf("sent again: %d %s", code, strings.TrimSpace(body))
	}
	if after := r.counts(actor); !maps.Equal(mid, after) {
		t.Errorf("sent again, it changed more: before %v, after %v", mid, after)
	}
	if sc.check != nil {
		sc.check(r)
	}
}

// counts are what an activity could change, to show that one changed
// nothing. People count without the actor: checking the signature fetches
// and stores the actor, whatever the activity is.
func (r *fixtureRig) counts(actor string) map[string]int64 {
	r.t.Helper()
	queries := map[string]string{
		"posts":                 `SELECT count(*) FROM posts`,
		"posts flagged":         `SELECT count(*) FROM posts WHERE deleted OR removed OR locked OR featured_community`,
		"comments":              `SELECT count(*) FROM comments`,
		"comments flagged":      `SELECT count(*) FROM comments WHERE deleted OR removed`,
		"post votes":            `SELECT count(*) FROM post_votes`,
		"comment votes":         `SELECT count(*) FROM comment_votes`,
		"follows":               `SELECT count(*) FROM community_follows`,
		"bans":                  `SELECT count(*) FROM community_bans`,
		"moderators":            `SELECT count(*) FROM community_moderators`,
		"deliveries":            `SELECT count(*) FROM river_job WHERE kind = 'deliver_activity'`,
		"other people":          `SELECT count(*) FROM people WHERE NOT local AND ap_id <> $1`,
		"community edits":       `SELECT count(*) FROM communities WHERE local AND updated IS NOT NULL`,
		"people deleted/banned": `SELECT count(*) FROM people WHERE deleted OR banned`,
		"reports":               `SELECT (SELECT count(*) FROM post_reports) + (SELECT count(*) FROM comment_reports)`,
		"private messages":      `SELECT count(*) FROM private_messages`,
		"messages changed":      `SELECT count(*) FROM private_messages WHERE deleted OR updated IS NOT NULL`,
	}
	out := map[string]int64{}
	for k, q := range queries {
		var args []any
		if strings.Contains(q, "$1") {
			args = append(args, actor)
		}
		var n int64
		r.scalar(&n, q, args...)
		out[k] = n
	}
	return out
}

func (r *fixtureRig) scalar(dst any, sql string, args ...any) {
	r.t.Helper()
	if err := r.pool.QueryRow(context.Background(), sql, args...).Scan(dst); err != nil {
		r.t.Fatalf("%s: %v", sql, err)
	}
}

func (r *fixtureRig) equal(what string, got, want any) {
	r.t.Helper()
	if got != want {
		r.t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// sendComment sends the fixture that creates ds9's comment/1 (whose name
// differs between Lemmy versions).
func (r *fixtureRig) sendComment() {
	r.t.Helper()
	if r.dir == "lemmy-0.19" {
		r.mustSend("create_or_update/create_note.json")
		return
	}
	r.mustSend("create_or_update/create_comment.json")
}

// created has the author of a post or comment that a fake instance serves
// send its Create, for the objects no fixture creates.
func (r *fixtureRig) created(object string) {
	r.t.Helper()
	mapped := r.mapURL(object)
	u, err := url.Parse(mapped)
	if err != nil {
		r.t.Fatal(err)
	}
	doc := r.fakeFor(mapped).document(u.Path)
	if code, body := r.sendDoc(map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": mapped + "/create", "type": "Create", "actor": doc["attributedTo"], "object": doc,
		"to": doc["to"], "audience": doc["audience"]}); code/100 != 2 {
		r.t.Fatalf("setup: Create of %s: %d %s", object, code, strings.TrimSpace(body))
	}
}

// mod makes a fixture person (fetched, as the inbox would) a moderator of
// one of our communities.
func (r *fixtureRig) mod(person, community string) {
	r.t.Helper()
	ref, err := r.resolver.Actor(context.Background(), r.mapURL(person), false)
	if err != nil {
		r.t.Fatalf("resolve %s: %v", person, err)
	}
	if err := r.st.AddModerator(context.Background(), r.communities[community].ID, ref.PersonID); err != nil {
		r.t.Fatal(err)
	}
}

func (r *fixtureRig) isMod(person, community string) bool {
	r.t.Helper()
	ok, err := r.st.IsModerator(context.Background(), r.communities[community].ID, r.personID(person))
	if err != nil {
		r.t.Fatal(err)
	}
	return ok
}

func (r *fixtureRig) personID(fixtureURL string) int64 {
	r.t.Helper()
	p, err := r.st.PersonByAPID(context.Background(), r.mapURL(fixtureURL))
	if err != nil {
		r.t.Fatalf("person %s: %v", fixtureURL, err)
	}
	return p.ID
}

func (r *fixtureRig) post(fixtureURL string) store.Post {
	r.t.Helper()
	p, err := r.st.PostByAPID(context.Background(), r.mapURL(fixtureURL))
	if err != nil {
		r.t.Fatalf("post %s: %v", fixtureURL, err)
	}
	return p
}

func (r *fixtureRig) comment(fixtureURL string) store.Comment {
	r.t.Helper()
	c, err := r.st.CommentByAPID(context.Background(), r.mapURL(fixtureURL))
	if err != nil {
		r.t.Fatalf("comment %s: %v", fixtureURL, err)
	}
	return c
}

func (r *fixtureRig) commentLocked(fixtureURL string) bool {
	r.t.Helper()
	var locked bool
	r.scalar(&locked, `SELECT locked FROM comments WHERE ap_id = $1`, r.mapURL(fixtureURL))
	return locked
}

// expectFetchedThread checks ds9's comment/1, stored under ds9's post/1,
// which Tidings had to fetch.
func (r *fixtureRig) expectFetchedThread() {
	r.t.Helper()
	c, p := r.comment(commentDS9), r.post(postDS9)
	r.equal("comment body", c.Body, "hello")
	r.equal("comment's post", c.PostID, p.ID)
	r.equal("comment's parent", c.ParentID == nil, true)
	r.equal("comment's creator", c.CreatorID, r.personID(alphaDS9))
	r.equal("fetched post's title", p.Title, "Dredging schedule for the spring") // our corpus's, which the fakes serve
	r.equal("fetched post's community", p.CommunityID, r.communities["main"].ID)
}

// expectVote checks person's vote on a post or comment (0: none) and that
// the object's counts agree with its votes.
func (r *fixtureRig) expectVote(kind, object, person string, want int) {
	r.t.Helper()
	table, id := "post", int64(0)
	if kind == "comment" {
		table, id = "comment", r.comment(object).ID
	} else {
		id = r.post(object).ID
	}
	var got int
	err := r.pool.QueryRow(context.Background(),
		`SELECT score FROM `+table+`_votes WHERE `+table+`_id = $1 AND person_id = $2`, id, r.personID(person)).Scan(&got)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		r.t.Fatal(err)
	}
	r.equal("vote", got, want)
	var up, down, votesUp, votesDown int
	r.scalar(&up, `SELECT upvotes FROM `+table+`s WHERE id = $1`, id)
	r.scalar(&down, `SELECT downvotes FROM `+table+`s WHERE id = $1`, id)
	r.scalar(&votesUp, `SELECT count(*) FROM `+table+`_votes WHERE `+table+`_id = $1 AND score = 1`, id)
	r.scalar(&votesDown, `SELECT count(*) FROM `+table+`_votes WHERE `+table+`_id = $1 AND score = -1`, id)
	if up != votesUp || down != votesDown {
		r.t.Errorf("%s counts %d up %d down, but its votes are %d up %d down", kind, up, down, votesUp, votesDown)
	}
}

// expectFollowAccepted checks that follower follows our community and was
// sent an Accept of the fixture's Follow, signed by the community.
func (r *fixtureRig) expectFollowAccepted(fixture, follower, community string) {
	r.t.Helper()
	c := r.communities[community]
	var state string
	r.scalar(&state, `SELECT state FROM community_follows WHERE community_id = $1 AND person_id = $2`,
		c.ID, r.personID(follower))
	r.equal("follow state", state, "accepted")

	followID := r.fixture(fixture)["id"].(string)
	inbox := r.mapURL(follower) + "/inbox"
	f := r.fakeFor(inbox)
	got := f.awaitPost(r.t, "the Accept", func(p received) bool { return p.doc["type"] == "Accept" })
	if f.url+got.req.URL.Path != inbox {
		r.t.Errorf("the Accept went to %s, want %s", got.req.URL.Path, inbox)
	}
	r.equal("Accept's actor", got.doc["actor"], c.APID)
	if obj, _ := got.doc["object"].(map[string]any); obj == nil || obj["id"] != followID || obj["type"] != "Follow" {
		r.t.Errorf("the Accept does not embed the Follow %s: %s", followID, got.body)
	}
	r.expectSignedBy(got, c.APID)
}

func (r *fixtureRig) expectNoFollow(follower, community string) {
	r.t.Helper()
	var n int
	r.scalar(&n, `SELECT count(*) FROM community_follows WHERE community_id = $1 AND person_id = $2`,
		r.communities[community].ID, r.personID(follower))
	r.equal("follows", n, 0)
}

// watch has a person of another instance (voyager) follow our community,
// so that what the community accepts is announced there.
func (r *fixtureRig) watch(community string) {
	r.t.Helper()
	doc := r.rewrite(map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": "https://voyager.lemmy.ml/activities/follow/watch", "type": "Follow",
		"actor": "https://voyager.lemmy.ml/u/watcher", "object": "https://enterprise.lemmy.ml/c/" + community}).(map[string]any)
	if code, body := r.sendDoc(doc); code/100 != 2 {
		r.t.Fatalf("setup: watcher's Follow: %d %s", code, strings.TrimSpace(body))
	}
}

// expectAnnounced waits for the Announce of the activity activityID, from
// the rig's home community, at the fake instance of host.
func (r *fixtureRig) expectAnnounced(host, activityID string) {
	r.t.Helper()
	got := r.fake(host).awaitPost(r.t, "the Announce of "+activityID, func(p received) bool {
		obj, _ := p.doc["object"].(map[string]any)
		return p.doc["type"] == "Announce" && obj != nil && obj["id"] == activityID
	})
	r.equal("Announce's actor", got.doc["actor"], r.communities[r.home].APID)
	r.expectSignedBy(got, r.communities[r.home].APID)
}

// expectSignedBy checks the signature of what Tidings delivered, with the
// key of our actor.
func (r *fixtureRig) expectSignedBy(p received, actor string) {
	r.t.Helper()
	v, err := httpsig.Verify(context.Background(), p.req, p.body, storeKeys{r.st}, time.Now())
	if err != nil {
		r.t.Errorf("delivery to %s: %v", p.req.URL.Path, err)
		return
	}
	r.equal("signed by", v.Owner, actor)
}

// storeKeys are our own actors' keys, as the receiving end sees them.
type storeKeys struct{ st *store.Store }

func (k storeKeys) PublicKey(ctx context.Context, keyID string, _ bool) (string, string, error) {
	id, _, _ := strings.Cut(keyID, "#")
	a, err := k.st.ActorByAPID(ctx, id)
	if err != nil {
		return "", "", err
	}
	return a.PublicKeyPEM, a.APID, nil
}
