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
