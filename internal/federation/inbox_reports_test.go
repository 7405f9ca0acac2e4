package federation_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// expectReport checks that the one report stored is of object, open, by
// reporter (nobody named when it is "") for reason.
func (r *fixtureRig) expectReport(object, reporter, reason string) {
	r.t.Helper()
	rs, err := r.st.ListReports(context.Background(), store.ReportFilter{Limit: 10})
	if err != nil {
		r.t.Fatal(err)
	}
	if len(rs) != 1 {
		r.t.Fatalf("%d reports stored, want 1: %+v", len(rs), rs)
	}
	got := rs[0]
	r.equal("reported object", got.ObjectAPID, r.mapURL(object))
	r.equal("reason", got.Reason, reason)
	r.equal("resolved", got.Resolved, false)
	want := int64(0)
	if reporter != "" {
		want = r.personID(reporter)
	}
	r.equal("reporter", got.CreatorID, want)
}

// expectResolved checks that the one report stored was resolved by mod.
func (r *fixtureRig) expectResolved(mod string) {
	r.t.Helper()
	rs, err := r.st.ListReports(context.Background(), store.ReportFilter{Limit: 10})
	if err != nil {
		r.t.Fatal(err)
	}
	if len(rs) != 1 {
		r.t.Fatalf("%d reports stored, want 1: %+v", len(rs), rs)
	}
	r.equal("resolved", rs[0].Resolved, true)
	r.equal("resolver", rs[0].ResolverID, r.personID(mod))
}

// Flags as Lemmy and Mastodon send them, signed by their actors, land in
// our community's queue once each; what the rules refuse is refused with
// a reason and stores nothing.
func TestInboxFlagsLandInTheQueue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := l.f.CreateUser(ctx, forum.NewUser{Name: "root", Password: "password123", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Miracle cure"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := l.f.CreateComment(ctx, alice, post.ID, 0, "Buy it here")
	if err != nil {
		t.Fatal(err)
	}
	// Lemmy 0.19's shape (fixtures lemmy-0.19/activities/community/report_page.json).
	flag := func(n string, object any, reason string) []byte {
		return activity(map[string]any{"id": rm.url + "/activities/flag/" + n, "type": "Flag", "actor": rm.bob,
			"to": []string{l.community.APID}, "audience": l.community.APID, "object": object, "summary": reason})
	}
	send := func(what string, body []byte, signer *httpsig.Signer, status int, says string) {
		t.Helper()
		code, answer := l.post(t, "/inbox", body, signer)
		if code != status || !strings.Contains(answer, says) {
			t.Errorf("%s: %d %q, want %d saying %q", what, code, answer, status, says)
		}
	}
	reports := func() []store.Report {
		t.Helper()
		rs, _, err := l.f.Reports(ctx, admin, forum.ReportQuery{All: true})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}

	send("a Flag of a post", flag("1", post.APID, "Spam, plainly"), rm.signer, http.StatusAccepted, "")
	send("the same Flag again", flag("1", post.APID, "Spam, plainly"), rm.signer, http.StatusAccepted, "")
	rs := reports()
	if len(rs) != 1 {
		t.Fatalf("%d reports after one Flag sent twice: %+v", len(rs), rs)
	}
	bob := l.person(t, rm.bob)
	if r := rs[0]; r.Kind != store.ReportOfPost || r.PostID != post.ID || r.CreatorID != bob || r.Reason != "Spam, plainly" ||
		r.APID != rm.url+"/activities/flag/1" || r.OriginalTitle != "Miracle cure" || r.Resolved {
		t.Errorf("the report: %+v", r)
	}

	send("a second Flag of the post while the first is open", flag("2", post.APID, "Still spam"), rm.signer,
		http.StatusUnprocessableEntity, "reported by you already")
	send("a Flag of a comment", flag("3", comment.APID, ""), rm.signer, http.StatusAccepted, "")
	if rs := reports(); len(rs) != 2 || rs[0].CommentID != comment.ID || rs[0].OriginalText != "Buy it here" {
		t.Errorf("after a Flag of the comment: %+v", rs)
	}

	deleted, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Gone"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.f.DeletePost(ctx, alice, deleted.ID, true); err != nil {
		t.Fatal(err)
	}
	send("a Flag of a deleted post", flag("4", deleted.APID, "spam"), rm.signer, http.StatusUnprocessableEntity,
		"deleted by its author")

	// Content of a community on the sender's server is its own to judge.
	techID, _ := rm.group(t, "tech")
	rm.serve(map[string]any{"id": rm.url + "/post/9", "type": "Page", "attributedTo": rm.bob, "name": "Elsewhere",
		"audience": techID, "to": []string{techID, "https://www.w3.org/ns/activitystreams#Public"}})
	send("a Flag of content elsewhere", flag("5", rm.url+"/post/9", "spam"), rm.signer, http.StatusAccepted, "")

	// Mastodon reports as its instance actor, listing the account first.
	instance := rm.url + "/actor"
	rm.serve(map[string]any{"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id": instance, "type": "Application", "preferredUsername": "mastodon.example", "inbox": instance + "/inbox",
		"publicKey": map[string]string{"id": instance + "#main-key", "owner": instance, "publicKeyPem": rm.pub}})
	masto, err := httpsig.NewSigner(instance+"#main-key", rm.priv)
	if err != nil {
		t.Fatal(err)
	}
	send("Mastodon's Flag", activity(map[string]any{"id": rm.url + "/f3c1", "type": "Flag", "actor": instance,
		"content": "Scam, see the link", "object": []string{alice.APID, comment.APID}, "to": alice.APID}),
		masto, http.StatusAccepted, "")
	if rs := reports(); len(rs) != 3 || rs[0].CreatorID != 0 || rs[0].CreatorDomain != strings.TrimPrefix(rm.url, "http://") ||
		rs[0].Reason != "Scam, see the link" || rs[0].CommentID != comment.ID {
		t.Errorf("after Mastodon's Flag: %+v", rs[0])
	}

	// Someone banned from the community reports nothing there.
	if err := l.st.BanFromCommunity(ctx, l.community.ID, bob, "spam"); err != nil {
		t.Fatal(err)
	}
	other, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Another"})
	if err != nil {
		t.Fatal(err)
	}
	send("a Flag by a banned person", flag("6", other.APID, "spam"), rm.signer, http.StatusForbidden,
		"you are banned from News")

	// A Resolve by someone who moderates nothing here changes nothing;
	// by a moderator, it resolves the report.
	resolve := func(n string) []byte {
		return activity(map[string]any{"id": rm.url + "/activities/resolve/" + n, "type": "Resolve", "actor": rm.bob,
			"to": []string{l.community.APID}, "object": map[string]any{"id": rm.url + "/activities/flag/1",
				"type": "Flag", "actor": rm.bob, "object": post.APID, "to": []string{l.community.APID}}})
	}
	send("a Resolve by someone who is not a moderator", resolve("1"), rm.signer, http.StatusForbidden,
		"only the community's moderators")
	if err := l.st.AddModerator(ctx, l.community.ID, bob); err != nil {
		t.Fatal(err)
	}
	// A moderator still banned from the community resolves nothing there.
	send("a Resolve by a banned moderator", resolve("3"), rm.signer, http.StatusForbidden,
		"a moderator banned from the community may not moderate it")
	if err := l.st.UnbanFromCommunity(ctx, l.community.ID, bob); err != nil {
		t.Fatal(err)
	}
	send("a Resolve by a moderator", resolve("2"), rm.signer, http.StatusAccepted, "")
	rs = reports()
	if len(rs) != 3 || !rs[2].Resolved || rs[2].ResolverID != bob || rs[0].Resolved || rs[1].Resolved {
		t.Errorf("after the Resolve: %+v", rs)
	}
}
