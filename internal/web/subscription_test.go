package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

// A remote community's page tells where its subscription stands: pending
// until its server accepts, subscribed after, and declined, with a way to
// ask again, when it rejects.
func TestRemoteSubscriptionStates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	in, err := w.s.Store.UpsertInstance(ctx, "lemmy.example")
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.s.Store.UpsertRemoteCommunity(ctx, store.NewCommunity{APID: "https://lemmy.example/c/tech",
		InstanceID: in.ID, Name: "tech", Title: "Tech", InboxURL: "https://lemmy.example/c/tech/inbox",
		PublicKeyPEM: "key"})
	if err != nil {
		t.Fatal(err)
	}
	path := "/c/" + url.PathEscape("tech@lemmy.example")
	wantRedirect(t, w.c.Post(path+"/subscribe", url.Values{}), path)
	page := w.c.Get(path)
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page.Body, "Subscription pending · cancel", `action="`+path+`/unsubscribe"`)

	f, err := w.s.Store.GetFollow(ctx, c.ID, w.alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		state string
		want  []string
	}{
		{store.FollowAccepted, []string{">Unsubscribe<", `action="` + path + `/unsubscribe"`}},
		{store.FollowRejected, []string{"lemmy.example declined your subscription", ">Subscribe<", `action="` + path + `/subscribe"`}},
	} {
		if _, err := w.s.Store.AnswerFollow(ctx, c.ID, f.FollowAPID, tc.state); err != nil {
			t.Fatal(err)
		}
		page := w.c.Get(path)
		wantContains(t, page.Body, tc.want...)
	}
	// Asking again after a refusal is a new request, pending again.
	wantRedirect(t, w.c.Post(path+"/subscribe", url.Values{}), path)
	wantContains(t, w.c.Get(path).Body, "Subscription pending · cancel")
}
