package federation_test

// The scenarios of the repository's own corpus (testdata/fediverse), one
// per activity file, by SOFTWARE/path under activities/; TestInboxFixtures
// in fixtures_inbox_test.go runs them.

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Our corpus's URLs the scenarios name, before rewriting.
const (
	marisol    = "https://lemmy.one.example/u/marisol"
	okonkwo    = "https://lemmy.one.example/u/okonkwo"
	tidepools  = "https://lemmy.one.example/c/tidepools"
	post31     = "https://lemmy.one.example/post/31" // marisol's, created by create_page
	post44     = "https://lemmy.one.example/post/44" // served by the fake, fetched when named
	post52     = "https://lemmy.one.example/post/52"
	post58     = "https://lemmy.one.example/post/58" // in tidepools
	comment207 = "https://lemmy.one.example/comment/207"
	comment210 = "https://lemmy.one.example/comment/210" // served by the fake

	tomasz       = "http://lemmy.old.example:8536/u/tomasz"
	wanjiru      = "http://lemmy.old.example:8536/u/wanjiru"
	oldTidepools = "http://lemmy.old.example:8536/c/tidepools"
	oldPost8     = "http://lemmy.old.example:8536/post/8"
	oldPost9     = "http://lemmy.old.example:8536/post/9"
	oldComment19 = "http://lemmy.old.example:8536/comment/19"

	ingrid      = "https://mbin.example/u/ingrid"
	mbinEntry   = "https://mbin.example/m/estuary@tidings.example/t/4127"
	mbinComment = mbinEntry + "/-/comment/9983"
	mbinRelayed = "https://mbin.example/m/tidepools@lemmy.one.example/t/4127/-/comment/9983"

	kwame       = "https://piefed.example/u/kwame"
	pfPost15    = "https://piefed.example/post/15"
	pfComment77 = "https://piefed.example/comment/77"

	yusuf      = "https://mastodon.example/users/yusuf"
	yusufPost  = yusuf + "/statuses/113420001786540012"
	yusufReply = yusuf + "/statuses/113420005210330456"

	priya      = "https://gts.example/users/priya"
	priyaReply = priya + "/statuses/01JRKX4V8Q2N7B5C3D9E6F1G0H"

	haru     = "https://misskey.example/users/9x2k7p3q1a"
	haruNote = "https://misskey.example/notes/9x2s4k1m0b"

	ondine     = "https://akkoma.example/users/ondine"
	ondineNote = "https://akkoma.example/objects/2f6d0b4a-8e1c-4a73-b5d9-c3e7f1a0962b"
)

// followAccepted is the scenario of a person's Follow of our community.
func followAccepted(file, person string) scenario {
	return scenario{opts: rigOptions{deliver: true}, check: func(r *fixtureRig) {
		r.expectFollowAccepted(file, person, "estuary")
	}}
}

// voted is the scenario of a vote on a post or comment that is fetched.
func voted(kind, object, person string, score int, setup ...string) scenario {
	return scenario{setup: sends(setup...), check: func(r *fixtureRig) { r.expectVote(kind, object, person, score) }}
}

// sends is a setup that sends files of the rig's folder, in order.
func sends(files ...string) func(*fixtureRig) {
	return func(r *fixtureRig) {
		for _, f := range files {
			r.mustSend(f)
		}
	}
}

// commented is the scenario of a reply stored under its post, with the
// text readers see.
func commented(comment, post, text, author string, setup ...string) scenario {
	return scenario{setup: sends(setup...), check: func(r *fixtureRig) { r.expectComment(comment, post, text, author) }}
}

// deleted is the scenario of an author's deletion of what setup created.
func deleted(kind, object string, setup ...string) scenario {
	return scenario{setup: sends(setup...), check: func(r *fixtureRig) {
		if kind == "comment" {
			r.equal("deleted", r.comment(object).Deleted, true)
			return
		}
		r.equal("deleted", r.post(object).Deleted, true)
	}}
}

var ownScenarios = map[string]scenario{
	// Lemmy 1.0.
	"lemmy/following/follow.json": followAccepted("following/follow.json", marisol),
	"lemmy/following/undo_follow.json": {setup: sends("following/follow.json"),
		check: func(r *fixtureRig) { r.expectNoFollow(marisol, "estuary") }},
	// A remote community's answers to a Follow nobody here sent.
	"lemmy/following/accept.json": {},
	"lemmy/following/reject.json": {},

	"lemmy/create_or_update/create_page.json": {opts: rigOptions{deliver: true},
		setup: func(r *fixtureRig) { r.watch("estuary") },
		check: func(r *fixtureRig) {
			p := r.post(post31)
			r.equal("title", p.Title, "Footbridge over the east channel reopens")
			r.equal("body", p.Body, "The council finished the repairs a week early. Cyclists have to **dismount** on the ramp.")
			r.equal("url", p.URL, "https://news.example/2025/footbridge-reopens")
			r.equal("language", p.Language, "nl")
			r.equal("creator", p.CreatorID, r.personID(marisol))
			r.equal("community", p.CommunityID, r.communities["estuary"].ID)
			r.equal("checks at origin", r.checksOf(post31), 0)
			r.expectAnnounced("voyager.lemmy.ml", r.fixture("create_or_update/create_page.json")["id"].(string))
		}},
	// The post replied to is not sent first: Tidings fetches it.
	"lemmy/create_or_update/create_note.json": commented(comment207, post44,
		"The water reached the second step of the slipway this morning.", marisol),
	"lemmy/create_or_update/update_page.json": {setup: sends("create_or_update/create_page.json"),
		check: func(r *fixtureRig) {
			p := r.post(post31)
			r.equal("title", p.Title, "Footbridge over the east channel reopens on Monday")
			r.equal("marked as edited", p.Updated != nil, true)
		}},
	"lemmy/create_or_update/update_note.json": commented(comment207, post44,
		"The water reached the third step of the slipway this morning.", marisol, "create_or_update/create_note.json"),
	"lemmy/create_or_update/create_private_message.json": {},

	"lemmy/deletion/delete_page.json": deleted("post", post31, "create_or_update/create_page.json"),
	"lemmy/deletion/undo_delete_page.json": {setup: sends("create_or_update/create_page.json", "deletion/delete_page.json"),
		check: func(r *fixtureRig) { r.equal("deleted", r.post(post31).Deleted, false) }},
	"lemmy/deletion/delete_note.json": deleted("comment", comment207, "create_or_update/create_note.json"),
	"lemmy/deletion/remove_page.json": {
		setup: func(r *fixtureRig) {
			r.mustSend("create_or_update/create_page.json")
			r.mod(okonkwo, "estuary")
		},
		check: func(r *fixtureRig) {
			p := r.post(post31)
			r.equal("removed", p.Removed, true)
			r.equal("deleted", p.Deleted, false)
			var reason string
			r.scalar(&reason, `SELECT reason FROM mod_actions WHERE post_id = $1 AND action = 'remove_post'`, p.ID)
			r.equal("logged reason", reason, "Duplicate of an earlier post")
		}},
	"lemmy/deletion/remove_note.json": {
		setup: func(r *fixtureRig) {
			r.mustSend("create_or_update/create_note.json")
			// By someone who is not a moderator (yet): refused, and
			// nothing changes.
			doc := r.fixture("deletion/remove_note.json")
			doc["id"] = doc["id"].(string) + "-not-yet-a-moderator"
			if code, body := r.sendDoc(doc); code != http.StatusForbidden {
				r.t.Errorf("removal by a non-moderator: %d %s, want 403", code, strings.TrimSpace(body))
			}
			r.equal("removed by a non-moderator", r.comment(comment207).Removed, false)
			r.mod(okonkwo, "estuary")
		},
		check: func(r *fixtureRig) {
			c := r.comment(comment207)
			r.equal("removed", c.Removed, true)
			r.equal("deleted", c.Deleted, false)
		}},
	"lemmy/deletion/undo_remove_note.json": {
		setup: func(r *fixtureRig) {
			r.mustSend("create_or_update/create_note.json")
			r.mod(okonkwo, "estuary")
			r.mustSend("deletion/remove_note.json")
		},
		check: func(r *fixtureRig) { r.equal("removed", r.comment(comment207).Removed, false) }},
	"lemmy/deletion/delete_user.json": {setup: sends("create_or_update/create_page.json", "create_or_update/create_note.json"),
		check: func(r *fixtureRig) { r.expectAccountDeleted(marisol) }},
	"lemmy/deletion/delete_private_message.json": {},

	"lemmy/voting/like_page.json":    voted("post", post44, marisol, 1),
	"lemmy/voting/dislike_page.json": voted("post", post44, okonkwo, -1),
	// Its inner activity is a Like, though what it undoes was a Dislike:
	// an Undo takes back whatever vote there is.
	"lemmy/voting/undo_dislike_page.json": voted("post", post44, okonkwo, 0, "voting/dislike_page.json"),
	"lemmy/voting/like_note.json":         voted("comment", comment210, okonkwo, 1),
	"lemmy/voting/undo_like_note.json":    voted("comment", comment210, okonkwo, 0, "voting/like_note.json"),

	"lemmy/community/lock_page.json": {setup: modAnd(okonkwo, "create_or_update/create_page.json"),
		check: func(r *fixtureRig) { r.equal("locked", r.post(post31).Locked, true) }},
	"lemmy/community/undo_lock_page.json": {
		setup: modAnd(okonkwo, "create_or_update/create_page.json", "community/lock_page.json"),
		check: func(r *fixtureRig) { r.equal("locked", r.post(post31).Locked, false) }},
	"lemmy/community/lock_note.json": {setup: modAnd(okonkwo, "create_or_update/create_note.json"),
		check: func(r *fixtureRig) { r.equal("locked", r.commentLocked(comment207), true) }},
	"lemmy/community/undo_lock_note.json": {
		setup: modAnd(okonkwo, "create_or_update/create_note.json", "community/lock_note.json"),
		check: func(r *fixtureRig) { r.equal("locked", r.commentLocked(comment207), false) }},
	"lemmy/community/add_featured_post.json": {setup: modAnd(okonkwo),
		check: func(r *fixtureRig) { r.equal("featured", r.post(post52).FeaturedCommunity, true) }},
	"lemmy/community/remove_featured_post.json": {setup: modAnd(okonkwo, "community/add_featured_post.json"),
		check: func(r *fixtureRig) { r.equal("featured", r.post(post52).FeaturedCommunity, false) }},
	"lemmy/community/add_mod.json": {setup: modAnd(okonkwo),
		check: func(r *fixtureRig) { r.equal("moderator", r.isMod(marisol, "estuary"), true) }},
	"lemmy/community/remove_mod.json": {
		setup: func(r *fixtureRig) {
			r.mod(okonkwo, "estuary")
			r.mod(marisol, "estuary")
		},
		check: func(r *fixtureRig) {
			r.equal("moderator", r.isMod(marisol, "estuary"), false)
			r.equal("the remover still a moderator", r.isMod(okonkwo, "estuary"), true)
		}},
	"lemmy/community/update_community.json": {setup: modAnd(okonkwo),
		check: func(r *fixtureRig) {
			before := r.communities["estuary"]
			c, err := r.st.CommunityByID(context.Background(), before.ID)
			if err != nil {
				r.t.Fatal(err)
			}
			r.equal("title", c.Title, "Estuary news and tides")
			r.equal("description", c.Description, "Tide tables, *dredging* and the footbridge.")
			// The Group in the Update carries a key and an inbox: they
			// must not replace our community's own.
			r.equal("public key", c.PublicKeyPEM, before.PublicKeyPEM)
			r.equal("inbox", c.InboxURL, before.InboxURL)
		}},
	// A community we follow on the same server as the post's author.
	"lemmy/community/announce_create_page.json": {setup: func(r *fixtureRig) { r.followRemote(tidepools) },
		check: func(r *fixtureRig) {
			p := r.post(post58)
			r.equal("title", p.Title, "Anemones in the west pool")
			r.equal("community", r.communityOf(p), r.mapURL(tidepools))
			r.equal("checks at origin", r.checksOf(post58), 0)
		}},
	// Lemmy's bare Announce of the Page, for Mastodon's sake, after the
	// Announce of its Create: nothing more is stored.
	"lemmy/community/announce_page.json": {setup: func(r *fixtureRig) {
		r.followRemote(tidepools)
		r.mustSend("community/announce_create_page.json")
	}},
	"lemmy/community/announce_like_page.json": {
		setup: func(r *fixtureRig) {
			r.followRemote(tidepools)
			r.mustSend("community/announce_create_page.json")
		},
		check: func(r *fixtureRig) { r.expectVote("post", post58, okonkwo, 1) }},
	// A reply by a person on a third server (Mbin), relayed: stored at
	// once, and queued for a check at her server.
	"lemmy/community/announce_create_note.json": {
		setup: func(r *fixtureRig) {
			r.followRemote(tidepools)
			r.mustSend("community/announce_create_page.json")
		},
		check: func(r *fixtureRig) {
			c, p := r.comment(mbinRelayed), r.post(post58)
			r.equal("comment's post", c.PostID, p.ID)
			r.equal("comment's creator", c.CreatorID, r.personID(ingrid))
			r.equal("checks at origin", r.checksOf(mbinRelayed), 1)
		}},
	"lemmy/community/report_page.json": {check: func(r *fixtureRig) {
		r.expectReport(post44, marisol, "The headline says the opposite of the article")
	}},
	"lemmy/community/resolve_report_page.json": {setup: modAnd(okonkwo, "community/report_page.json"),
		check: func(r *fixtureRig) { r.expectResolved(okonkwo) }},
	"lemmy/community/warn.json": {},

	"lemmy/block/block_user.json": {
		setup: modAnd(okonkwo, "create_or_update/create_page.json", "create_or_update/create_note.json"),
		check: func(r *fixtureRig) {
			r.expectBan(marisol, time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))
			// removeData: what they wrote in the community is removed.
			r.equal("post removed", r.post(post31).Removed, true)
			r.equal("comment removed", r.comment(comment207).Removed, true)
		}},
	"lemmy/block/undo_block_user.json": {setup: modAnd(okonkwo, "block/block_user.json"),
		check: func(r *fixtureRig) { r.expectNoBan(marisol) }},

	// Lemmy 0.19: http ids with a port, ChatMessage, "expires", a person as
	// audience.
	"lemmy-0.19/following/follow.json": followAccepted("following/follow.json", tomasz),
	"lemmy-0.19/create_or_update/create_page.json": {check: func(r *fixtureRig) {
		p := r.post(oldPost8)
		r.equal("title", p.Title, "Ferry timetable for the summer")
		r.equal("url", p.URL, "https://ferry.example/summer.pdf")
		r.equal("language", p.Language, "pl")
		r.equal("community", p.CommunityID, r.communities["estuary"].ID)
	}},
	"lemmy-0.19/create_or_update/create_note.json": commented(oldComment19, oldPost8,
		"The 22:10 only runs on weekdays.", tomasz),
	"lemmy-0.19/create_or_update/create_private_message.json": {},
	"lemmy-0.19/block/block_user.json": {
		setup: modAnd(wanjiru, "create_or_update/create_page.json"),
		check: func(r *fixtureRig) {
			r.expectBan(tomasz, time.Date(2025, 4, 14, 12, 0, 0, 101011000, time.UTC))
			r.equal("post removed without removeData", r.post(oldPost8).Removed, false)
		}},
	"lemmy-0.19/community/announce_create_page.json": {setup: func(r *fixtureRig) { r.followRemote(oldTidepools) },
		check: func(r *fixtureRig) {
			p := r.post(oldPost9)
			r.equal("title", p.Title, "Limpets on the ferry pier")
			r.equal("community", r.communityOf(p), r.mapURL(oldTidepools))
		}},
	"lemmy-0.19/community/lock_page.json": {setup: modAnd(wanjiru, "create_or_update/create_page.json"),
		check: func(r *fixtureRig) { r.equal("locked", r.post(oldPost8).Locked, true) }},
	"lemmy-0.19/voting/like_page.json": voted("post", post44, tomasz, 1),

	// Mbin.
	"mbin/following/follow.json": followAccepted("following/follow.json", ingrid),
	"mbin/create_or_update/create_page.json": {check: func(r *fixtureRig) {
		p := r.post(mbinEntry)
		r.equal("title", p.Title, "Eel counts at the weir are up")
		r.equal("url", p.URL, "https://rivers.example/eel-count-2025")
		r.equal("creator", p.CreatorID, r.personID(ingrid))
		r.equal("community", p.CommunityID, r.communities["estuary"].ID)
	}},
	"mbin/create_or_update/create_note.json": commented(mbinComment, post44,
		"Will the dredger stay clear of the eel pass?", ingrid),
	"mbin/create_or_update/update_note.json": commented(mbinComment, post44,
		"Will the dredger stay clear of the eel pass at the weir?", ingrid, "create_or_update/create_note.json"),
	"mbin/voting/like_page.json":      voted("post", post44, ingrid, 1),
	"mbin/voting/undo_like_page.json": voted("post", post44, ingrid, 0, "voting/like_page.json"),
	// A boost, by a person: nothing a forum keeps.
	"mbin/announce/announce_page.json": {},
	"mbin/deletion/delete_note.json":   deleted("comment", mbinComment, "create_or_update/create_note.json"),
	// The entry first, then its author: the entry is what is reported.
	"mbin/flag.json": {check: func(r *fixtureRig) { r.expectReport(post44, ingrid, "Off topic for the magazine") }},

	// PieFed.
	"piefed/following/follow.json": followAccepted("following/follow.json", kwame),
	"piefed/create_or_update/create_page.json": {check: func(r *fixtureRig) {
		p := r.post(pfPost15)
		r.equal("title", p.Title, "Volunteers wanted for the beach clean")
		r.equal("creator", p.CreatorID, r.personID(kwame))
		r.equal("language", p.Language, "en")
	}},
	"piefed/create_or_update/update_page.json": {setup: sends("create_or_update/create_page.json"),
		check: func(r *fixtureRig) {
			r.equal("title", r.post(pfPost15).Title, "Volunteers wanted for the beach clean (moved to 11:00)")
		}},
	"piefed/create_or_update/create_note.json": commented(pfComment77, pfPost15, "Bring a bag for the glass, please.", kwame,
		"create_or_update/create_page.json"),
	"piefed/voting/like_note.json":     voted("comment", comment210, kwame, 1),
	"piefed/voting/dislike_page.json":  voted("post", post44, kwame, -1),
	"piefed/deletion/delete_page.json": deleted("post", pfPost15, "create_or_update/create_page.json"),

	// Mastodon: a status addressed to the community is a post; a reply in a
	// thread, a comment; a status elsewhere, or to a person, is not ours.
	"mastodon/follow.json": followAccepted("follow.json", yusuf),
	"mastodon/undo_follow.json": {setup: sends("follow.json"),
		check: func(r *fixtureRig) { r.expectNoFollow(yusuf, "estuary") }},
	"mastodon/create_note_post.json": {check: func(r *fixtureRig) {
		p := r.post(yusufPost)
		r.equal("title", p.Title, "Seals on the sandbank at low tide")
		r.equal("community", p.CommunityID, r.communities["estuary"].ID)
	}},
	"mastodon/create_note_reply.json":      commented(yusufReply, post44, "Will the footpath stay open during the dredging?", yusuf),
	"mastodon/create_note_elsewhere.json":  {},
	"mastodon/create_private_message.json": {},
	"mastodon/update_note.json": commented(yusufReply, post44, "Will the footpath along the quay stay open", yusuf,
		"create_note_reply.json"),
	"mastodon/like_page.json":      voted("post", post44, yusuf, 1),
	"mastodon/undo_like_page.json": voted("post", post44, yusuf, 0, "like_page.json"),
	"mastodon/delete.json":         deleted("comment", yusufReply, "create_note_reply.json"),
	"mastodon/announce.json":       {},
	// The account first, then the status: the status is what is
	// reported, with the report's comment as its reason. The fake serves
	// Mastodon's instance actor as a person.
	"mastodon/flag.json": {check: func(r *fixtureRig) {
		r.expectReport(post44, "https://mastodon.example/actor", "Spam in the estuary community")
	}},

	// GoToSocial: its key at ACTOR/main-key, no shared inbox (the Accept
	// goes to the person's own).
	"gotosocial/follow.json": followAccepted("follow.json", priya),
	"gotosocial/undo_follow.json": {setup: sends("follow.json"),
		check: func(r *fixtureRig) { r.expectNoFollow(priya, "estuary") }},
	"gotosocial/create_note_reply.json": commented(priyaReply, post44, "The eel pass is marked on the harbour chart", priya),
	"gotosocial/like_page.json":         voted("post", post44, priya, 1),
	"gotosocial/undo_like_page.json":    voted("post", post44, priya, 0, "like_page.json"),
	"gotosocial/delete_note.json":       deleted("comment", priyaReply, "create_note_reply.json"),

	// Misskey: a reaction is a Like, and counts as one.
	"misskey/follow.json":            followAccepted("follow.json", haru),
	"misskey/create_note_reply.json": commented(haruNote, post44, "Thank you for the schedule!", haru),
	"misskey/like_page.json":         voted("post", post44, haru, 1),
	"misskey/undo_like_page.json":    voted("post", post44, haru, 0, "like_page.json"),
	"misskey/delete_note.json":       deleted("comment", haruNote, "create_note_reply.json"),

	// Akkoma: it signs the body's length too.
	"akkoma/follow.json":            followAccepted("follow.json", ondine),
	"akkoma/create_note_reply.json": commented(ondineNote, post44, "Which tide is the dredger working on?", ondine),
	"akkoma/like_page.json":         voted("post", post44, ondine, 1),
	"akkoma/undo_like_page.json":    voted("post", post44, ondine, 0, "like_page.json"),
	"akkoma/announce.json":          {},
	"akkoma/delete.json":            deleted("comment", ondineNote, "create_note_reply.json"),
}

// modAnd is a setup that makes person a moderator of estuary and sends
// files, in order.
func modAnd(person string, files ...string) func(*fixtureRig) {
	return func(r *fixtureRig) {
		r.mod(person, "estuary")
		sends(files...)(r)
	}
}

// expectComment checks a reply stored under its post, by its author,
// whose text has want in it.
func (r *fixtureRig) expectComment(comment, post, want, author string) {
	r.t.Helper()
	c, p := r.comment(comment), r.post(post)
	if !strings.Contains(c.Body, want) {
		r.t.Errorf("comment body %q, want it to say %q", c.Body, want)
	}
	r.equal("comment's post", c.PostID, p.ID)
	r.equal("comment's creator", c.CreatorID, r.personID(author))
	r.equal("community", p.CommunityID, r.communities[r.home].ID)
}

// expectAccountDeleted checks a person's account and content deleted.
func (r *fixtureRig) expectAccountDeleted(person string) {
	r.t.Helper()
	id := r.personID(person)
	var gone bool
	r.scalar(&gone, `SELECT deleted FROM people WHERE id = $1`, id)
	r.equal("person deleted", gone, true)
	var posts, comments int
	r.scalar(&posts, `SELECT count(*) FROM posts WHERE creator_id = $1 AND NOT deleted`, id)
	r.scalar(&comments, `SELECT count(*) FROM comments WHERE creator_id = $1 AND NOT deleted`, id)
	r.equal("posts left undeleted", posts, 0)
	r.equal("comments left undeleted", comments, 0)
}

// expectBan checks person's ban from the home community, until until.
func (r *fixtureRig) expectBan(person string, until time.Time) {
	r.t.Helper()
	var expires *time.Time
	r.scalar(&expires, `SELECT expires_at FROM community_bans WHERE community_id = $1 AND person_id = $2`,
		r.communities[r.home].ID, r.personID(person))
	if expires == nil || !expires.Equal(until) {
		r.t.Errorf("ban expires_at = %v, want %v", expires, until)
	}
}

func (r *fixtureRig) expectNoBan(person string) {
	r.t.Helper()
	var n int
	r.scalar(&n, `SELECT count(*) FROM community_bans WHERE community_id = $1 AND person_id = $2`,
		r.communities[r.home].ID, r.personID(person))
	r.equal("bans", n, 0)
}

// followRemote has a person here follow a remote community, so that its
// Announces are read.
func (r *fixtureRig) followRemote(group string) store.Community {
	r.t.Helper()
	ctx := context.Background()
	ref, err := r.resolver.Actor(ctx, r.mapURL(group), false)
	if err != nil {
		r.t.Fatalf("resolve %s: %v", group, err)
	}
	c, err := r.st.CommunityByID(ctx, ref.CommunityID)
	if err != nil {
		r.t.Fatal(err)
	}
	u, err := r.forum.CreateUser(ctx, forum.NewUser{Name: "follower", Password: "password123"})
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.forum.Subscribe(ctx, u, c.ID); err != nil {
		r.t.Fatal(err)
	}
	return c
}

// checksOf counts the checks at origin queued for an object.
func (r *fixtureRig) checksOf(object string) int {
	r.t.Helper()
	var n int
	r.scalar(&n, `SELECT count(*) FROM river_job WHERE kind = 'verify_origin' AND args->>'object' = $1`, r.mapURL(object))
	return n
}

// communityOf is the ActivityPub id of a post's community.
func (r *fixtureRig) communityOf(p store.Post) string {
	r.t.Helper()
	c, err := r.st.CommunityByID(context.Background(), p.CommunityID)
	if err != nil {
		r.t.Fatal(err)
	}
	return c.APID
}
