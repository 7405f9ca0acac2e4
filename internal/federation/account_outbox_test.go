package federation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A local person's new display name and bio go, as an Update of their
// Person signed by them, to the shared inbox of every instance we know.
func TestProfileEditGoesOutAsUpdatePerson(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	lemmy := newMicroblog(t, true)
	lemmy.follow(t, "ann", l.community.APID)
	bob, err := l.f.CreateUser(ctx, forum.NewUser{Name: "bob", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.f.UpdateSettings(ctx, bob, forum.Settings{DisplayName: "Bob B.", Bio: "I like **trains**.",
		DefaultSort: "hot", DefaultListing: "all"}); err != nil {
		t.Fatal(err)
	}
	d := lemmy.await(t, "the Update of bob", func(d delivery) bool { return d.doc["type"] == "Update" })
	obj := d.object()
	if d.signer != bob.APID || d.inbox != "/inbox" {
		t.Errorf("got it at %s signed by %s, want the shared inbox signed by bob", d.inbox, d.signer)
	}
	if obj["type"] != "Person" || obj["id"] != bob.APID || obj["name"] != "Bob B." ||
		!strings.Contains(fmt.Sprint(obj["summary"]), "<strong>trains</strong>") {
		t.Errorf("the Update carries %v", obj)
	}
	if to := fmt.Sprint(d.doc["to"]); !strings.Contains(to, "#Public") {
		t.Errorf("addressed to %s, want Public", to)
	}
}

// A local person's deletion of their account goes to every instance we
// know as Lemmy sends it: a Delete, signed by them, whose object is their
// own actor, with removeData when their content went too; their actor
// then answers 410.
func TestAccountDeletionGoesOutAsLemmySendsIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	lemmyA, lemmyB := newMicroblog(t, true), newMicroblog(t, true)
	lemmyA.follow(t, "ann", l.community.APID)
	lemmyB.follow(t, "ben", l.community.APID)
	for _, remove := range []bool{true, false} {
		name := fmt.Sprintf("bob%v", remove)
		bob, err := l.f.CreateUser(ctx, forum.NewUser{Name: name, Password: "password123"})
		if err != nil {
			t.Fatal(err)
		}
		// The instances learn bob's key from his profile's Update, as
		// they would from anything of his; his deleted actor has none.
		if err := l.f.UpdateSettings(ctx, bob, forum.Settings{DisplayName: "Bob", DefaultSort: "hot",
			DefaultListing: "all"}); err != nil {
			t.Fatal(err)
		}
		for _, m := range []*microblog{lemmyA, lemmyB} {
			m.await(t, "the Update of "+name, func(d delivery) bool { return d.doc["type"] == "Update" && d.signer == bob.APID })
		}
		if err := l.f.DeleteAccount(ctx, bob, forum.AccountDeletion{Password: "password123", RemoveContent: remove}); err != nil {
			t.Fatal(err)
		}
		for _, m := range []*microblog{lemmyA, lemmyB} {
			d := m.await(t, "the Delete of "+name, func(d delivery) bool {
				return d.doc["type"] == "Delete" && d.doc["object"] == bob.APID
			})
			if d.signer != bob.APID || d.inbox != "/inbox" || d.doc["actor"] != bob.APID {
				t.Errorf("%s got it at %s signed by %s, from %v", m.host, d.inbox, d.signer, d.doc["actor"])
			}
			if got, _ := d.doc["removeData"].(bool); got != remove {
				t.Errorf("%s: removeData is %v, want %v", m.host, d.doc["removeData"], remove)
			}
			if to := fmt.Sprint(d.doc["to"]); !strings.Contains(to, "#Public") {
				t.Errorf("%s: addressed to %s, want Public", m.host, to)
			}
		}
		if code, _ := getAS(t, bob.APID); code != 410 {
			t.Errorf("GET %s after the deletion: %d, want 410", bob.APID, code)
		}
	}
}
