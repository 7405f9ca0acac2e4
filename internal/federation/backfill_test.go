package federation_test

import (
	"context"
	"fmt"
	"testing"
	"time"

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

// inAMinute gives a backfill step all the time it needs.
func inAMinute() time.Time { return time.Now().Add(time.Minute) }

// subscriber is a new instance that knows of a's community, and the
// community's id there.
func subscriber(t *testing.T, a *local) (*local, store.Community) {
	t.Helper()
	ctx := context.Background()
	b := newLocal(t)
	path, err := b.fed.Resolve(ctx, a.community.APID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.st.CommunityByAPID(ctx, a.community.APID)
	if err != nil || path != "/c/news@"+c.Domain {
		t.Fatalf("resolve: %q %v", path, err)
	}
	return b, c
}

// checkBackfilled checks that b holds every one of posts in c, the first
// one pinned.
func checkBackfilled(t *testing.T, b *local, c store.Community, posts []store.Post) {
	t.Helper()
	for _, p := range posts {
		got, err := b.st.PostByAPID(context.Background(), p.APID)
		if err != nil || got.Title != p.Title || got.CommunityID != c.ID {
			t.Fatalf("post %s: %+v %v", p.APID, got, err)
		}
		if got.FeaturedCommunity != (p.ID == posts[0].ID) {
			t.Errorf("post %s featured = %v", p.APID, got.FeaturedCommunity)
		}
	}
}

// A new follower of a community fetches its outbox, page after page, and
// its featured posts, and keeps each post once however often it is asked.
func TestBackfillBringsRecentAndFeaturedPosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, posts := origin(t, 45) // more than two pages of the outbox
	b, c := subscriber(t, a)
	// The outbox, its three pages, the featured posts.
	n, steps, err := b.fed.Backfill(ctx, c.ID, inAMinute)
	if err != nil || n != len(posts) || steps != 5 {
		t.Fatalf("backfill stored %d posts in %d steps (%v), want %d in 5", n, steps, err, len(posts))
	}
	checkBackfilled(t, b, c, posts)
	if n, _, err := b.fed.Backfill(ctx, c.ID, inAMinute); err != nil || n != 0 {
		t.Errorf("a second backfill stored %d (%v), want none", n, err)
	}
}

// A step whose time is up takes one more item and says where the next
// goes on: a backfill however slow moves on in steps that each end soon,
// and together store every post once.
func TestBackfillStepsEndInTimeAndGoOn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, posts := origin(t, 25)
	b, c := subscriber(t, a)

	past := func() time.Time { return time.Now().Add(-time.Second) }
	next, n, err := b.fed.BackfillStep(ctx, c.ID, forum.BackfillCursor{}, past())
	if err != nil || n != 0 || next == nil || next.Page == "" || next.Pages != 1 {
		t.Fatalf("the outbox itself: %d posts, next %+v (%v); want none, and its first page next", n, next, err)
	}
	first := *next
	next, n, err = b.fed.BackfillStep(ctx, c.ID, first, past())
	if err != nil || n != 1 || next == nil || next.Page != first.Page || next.Skip != 1 {
		t.Fatalf("first page, out of time: %d posts, next %+v (%v); want 1, and the same page from its second item", n, next, err)
	}
	// One post per step from here: 24 more, two page turns, the featured
	// collection.
	stored, steps, err := b.fed.Backfill(ctx, c.ID, past)
	if err != nil || stored != len(posts)-1 {
		t.Fatalf("the rest, a post a step: %d posts in %d steps (%v), want %d", stored, steps, err, len(posts)-1)
	}
	if steps < len(posts) {
		t.Errorf("%d steps for %d posts: a step out of time took more than one", steps, len(posts))
	}
	checkBackfilled(t, b, c, posts)
}
