package federation_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// origin is an instance whose community news has n posts by alice, the
// first of them pinned.
func origin(t testing.TB, n int) (*local, []store.Post) {
	t.Helper()
	ctx := context.Background()
	l := newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	posts := make([]store.Post, n)
	for i := range posts {
		if posts[i], err = l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID,
			Title: fmt.Sprintf("Post %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	pinned := true
	if err := l.st.SetPostFlags(ctx, posts[0].ID, store.PostFlags{FeaturedCommunity: &pinned}); err != nil {
		t.Fatal(err)
	}
	return l, posts
}

// A new follower of a community fetches its outbox, page after page, and
// its featured posts, and keeps each post once however often it is asked.
func TestBackfillBringsRecentAndFeaturedPosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, posts := origin(t, 45) // more than two pages of the outbox
	b := newLocal(t)
	path, err := b.fed.Resolve(ctx, a.community.APID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.st.CommunityByAPID(ctx, a.community.APID)
	if err != nil || path != "/c/news@"+c.Domain {
		t.Fatalf("resolve: %q %v", path, err)
	}
	n, err := b.fed.Backfill(ctx, c.ID)
	if err != nil || n != len(posts) {
		t.Fatalf("backfill stored %d posts (%v), want %d", n, err, len(posts))
	}
	for _, p := range posts {
		got, err := b.st.PostByAPID(ctx, p.APID)
		if err != nil || got.Title != p.Title || got.CommunityID != c.ID {
			t.Fatalf("post %s: %+v %v", p.APID, got, err)
		}
		if got.FeaturedCommunity != (p.ID == posts[0].ID) {
			t.Errorf("post %s featured = %v", p.APID, got.FeaturedCommunity)
		}
	}
	if n, err := b.fed.Backfill(ctx, c.ID); err != nil || n != 0 {
		t.Errorf("a second backfill stored %d (%v), want none", n, err)
	}
}
