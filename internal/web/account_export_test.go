package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// The export is a JSON download of the person's profile, posts, comments
// and subscriptions, and of nobody else's.
func TestAccountExport(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	bob, _ := w.user(t, "bob")
	if err := w.s.Forum.UpdateSettings(ctx, w.alice, forum.Settings{DisplayName: "Alice A.", Bio: "Hi, I am *alice*.",
		DefaultSort: "new", DefaultListing: "local"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Forum.ChangeEmail(ctx, w.alice, "alice@example.org"); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.Subscribe(ctx, w.alice, w.comm.ID); err != nil {
		t.Fatal(err)
	}
	mine := w.post(t, w.alice, "Alice's post", "Her words.")
	theirs := w.post(t, bob, "Bob's post", "His words.")
	parent := w.comment(t, bob, theirs.ID, 0, "Bob comments.")
	w.comment(t, w.alice, theirs.ID, parent.ID, "Alice answers bob.")
	if err := w.s.Forum.SavePost(ctx, w.alice, theirs.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.SaveComment(ctx, w.alice, parent.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Forum.BlockPerson(ctx, w.alice, "bob", true); err != nil {
		t.Fatal(err)
	}

	r := w.c.Get("/settings/export")
	wantStatus(t, r, http.StatusOK)
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="tidings-alice-`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var got forum.Export
	if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.Body)
	}
	p := got.Profile
	if got.Format != forum.ExportFormat || p.Name != "alice" || p.DisplayName != "Alice A." || p.Bio != "Hi, I am *alice*." ||
		p.Email != "alice@example.org" || p.DefaultSort != "new" || p.ID != w.alice.APID {
		t.Errorf("profile %+v (format %q)", p, got.Format)
	}
	if len(got.Posts) != 1 || got.Posts[0].ID != mine.APID || got.Posts[0].Body != "Her words." ||
		got.Posts[0].Community != w.comm.APID {
		t.Errorf("posts %+v", got.Posts)
	}
	if len(got.Comments) != 1 || got.Comments[0].Body != "Alice answers bob." || got.Comments[0].Post != theirs.APID ||
		got.Comments[0].InReplyTo != parent.APID {
		t.Errorf("comments %+v", got.Comments)
	}
	if len(got.Subscriptions) != 1 || got.Subscriptions[0].Community != w.comm.APID || got.Subscriptions[0].Pending {
		t.Errorf("subscriptions %+v", got.Subscriptions)
	}
	if len(got.Saved) != 2 || got.Saved[0].Kind != "post" || got.Saved[0].ID != theirs.APID ||
		got.Saved[1].Kind != "comment" || got.Saved[1].ID != parent.APID {
		t.Errorf("saved %+v", got.Saved)
	}
	if len(got.Blocks) != 1 || got.Blocks[0].Kind != "person" || got.Blocks[0].ID != bob.APID {
		t.Errorf("blocks %+v", got.Blocks)
	}
	for _, s := range []string{"Bob's post", "Bob comments.", "password"} {
		if strings.Contains(r.Body, s) {
			t.Errorf("the export has %q", s)
		}
	}
	wantLoginRedirect(t, w.s.NewClient().Get("/settings/export"), "/settings/export")
}
