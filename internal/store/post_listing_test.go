package store_test

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// listed is what the test knows about a post it stored.
type listed struct {
	id        int64
	community int64
	local     bool
	published time.Time
	score     int
	comments  int
	hidden    bool // deleted, removed, or in a deleted community: never listed
	nsfw      bool // listed only with ShowNSFW
}

// listingWorld is a site with about thirty posts of varied age, score and
// comment count in several communities, some of which must never be listed.
type listingWorld struct {
	f                  *fixture
	news, tech, remote store.Community
	adult, gone        store.Community
	posts              []listed
}

func newListingWorld(t *testing.T) *listingWorld {
	f := newFixture(t)
	w := &listingWorld{f: f}
	w.news, w.tech, w.remote = f.community("news"), f.community("tech"), f.remoteCommunity("world")
	w.gone = f.community("gone")
	nsfw := localCommunity(f.local.ID, "spicy")
	nsfw.NSFW = true
	var err error
	if w.adult, err = f.st.InsertCommunity(f.ctx, nsfw); err != nil {
		t.Fatal(err)
	}
	alice, bob := f.person("alice"), f.remotePerson("bob")
	var voters []store.Person
	for i := range 12 {
		voters = append(voters, f.person(fmt.Sprintf("voter%d", i)))
	}

	// Whole seconds, so that the times compare exactly after the database
	// has stored them at microsecond precision.
	base := time.Now().Truncate(time.Second).Add(-time.Minute)
	for i := range 30 {
		l := listed{published: base.Add(-time.Duration(i) * 95 * time.Minute)}
		if i == 21 {
			l.published = w.posts[20].published // a tie, broken by id
		}
		l.score = (i*7)%12 - 3
		l.comments = (i * 5) % 4
		community, author, remote := w.news, alice, false
		switch {
		case i%5 == 0:
			community = w.tech
		case i%7 == 3:
			community, author, remote = w.remote, bob, true
		case i%4 == 2:
			author, remote = bob, true // a remote person's post in a local community
		}
		l.community, l.local = community.ID, !remote
		p := f.post(author, community, postOpts{published: l.published, remote: remote, nsfw: i == 11})
		l.id, l.nsfw = p.ID, i == 11
		w.vote(p.ID, l.score, voters)
		for range l.comments {
			f.comment(alice, p.ID, 0)
		}
		switch i {
		case 4:
			must(t, f.st.SetPostFlags(f.ctx, p.ID, store.PostFlags{Deleted: ptr(true)}))
			l.hidden = true
		case 9:
			must(t, f.st.SetPostFlags(f.ctx, p.ID, store.PostFlags{Removed: ptr(true)}))
			l.hidden = true
		}
		w.posts = append(w.posts, l)
	}
	for i := range 2 {
		p := f.post(alice, w.adult, postOpts{published: base.Add(-time.Duration(i) * time.Hour)})
		w.vote(p.ID, 5, voters)
		w.posts = append(w.posts, listed{id: p.ID, community: w.adult.ID, local: true, published: p.Published, score: 5, nsfw: true})
		p = f.post(alice, w.gone, postOpts{published: base.Add(-time.Duration(i) * time.Hour)})
		w.vote(p.ID, 7, voters)
		w.posts = append(w.posts, listed{id: p.ID, community: w.gone.ID, local: true, published: p.Published, score: 7, hidden: true})
	}
	must(t, f.st.SetCommunityDeleted(f.ctx, w.gone.ID, true))
	return w
}

// vote gives a post the score, from up to 8 up- and 3 downvotes.
func (w *listingWorld) vote(postID int64, score int, voters []store.Person) {
	w.f.t.Helper()
	up, down := max(score, 0), max(-score, 0)
	if score > 0 && score < 6 {
		up, down = score+2, 2 // some downvotes among the upvotes
	}
	for i := range up {
		if _, err := w.f.st.SetPostVote(w.f.ctx, postID, voters[i].ID, 1, ""); err != nil {
			w.f.t.Fatal(err)
		}
	}
	for i := range down {
		if _, err := w.f.st.SetPostVote(w.f.ctx, postID, voters[len(voters)-1-i].ID, -1, ""); err != nil {
			w.f.t.Fatal(err)
		}
	}
}

// expect is what a listing should show: the visible posts that keep
// passes, in the order of less.
func (w *listingWorld) expect(showNSFW bool, keep func(listed) bool, less func(a, b listed) int) []int64 {
	var out []listed
	for _, l := range w.posts {
		if l.hidden || (l.nsfw && !showNSFW) || (keep != nil && !keep(l)) {
			continue
		}
		out = append(out, l)
	}
	slices.SortFunc(out, less)
	ids := make([]int64, len(out))
	for i, l := range out {
		ids[i] = l.id
	}
	return ids
}

func byDesc[K cmp.Ordered](key func(listed) K) func(a, b listed) int {
	return func(a, b listed) int {
		if c := cmp.Compare(key(b), key(a)); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id)
	}
}

func newestFirst(a, b listed) int {
	if c := b.published.Compare(a.published); c != 0 {
		return c
	}
	return cmp.Compare(b.id, a.id)
}

func oldestFirst(a, b listed) int { return newestFirst(b, a) }

// list reads a whole listing in one page.
func (w *listingWorld) list(q store.PostQuery) []int64 {
	w.f.t.Helper()
	q.Limit = 100
	page, err := w.f.st.ListPosts(w.f.ctx, q)
	if err != nil {
		w.f.t.Fatalf("ListPosts(%+v): %v", q, err)
	}
	if !page.Next.IsZero() {
		w.f.t.Errorf("ListPosts(%+v): a next page after all %d posts", q, len(page.Posts))
	}
	return ids(page.Posts)
}

// walk reads a listing page by page; between pages it calls between.
func (w *listingWorld) walk(q store.PostQuery, between func(page int)) []int64 {
	w.f.t.Helper()
	var out []int64
	for page := 0; ; page++ {
		if page > 50 {
			w.f.t.Fatalf("walk %s: no end after %d pages", q.Sort, page)
		}
		got, err := w.f.st.ListPosts(w.f.ctx, q)
		if err != nil {
			w.f.t.Fatalf("walk %s page %d: %v", q.Sort, page, err)
		}
		if len(got.Posts) > q.Limit {
			w.f.t.Errorf("walk %s page %d: %d posts, limit %d", q.Sort, page, len(got.Posts), q.Limit)
		}
		out = append(out, ids(got.Posts)...)
		if got.Next.IsZero() {
			return out
		}
		if len(got.Posts) != q.Limit {
			w.f.t.Errorf("walk %s page %d: %d posts and a next page, want %d", q.Sort, page, len(got.Posts), q.Limit)
		}
		if between != nil {
			between(page)
		}
		q.After = got.Next
	}
}

func ids(ps []store.Post) []int64 {
	out := []int64{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func TestListPostsSortsShowOnlyVisiblePostsInOrder(t *testing.T) {
	t.Parallel()
	w := newListingWorld(t)
	day := func(l listed) bool { return time.Since(l.published) < 24*time.Hour }
	score := func(l listed) int { return l.score }

	cases := []struct {
		sort string
		keep func(listed) bool
		less func(a, b listed) int
	}{
		{store.SortNew, nil, newestFirst},
		{store.SortOld, nil, oldestFirst},
		{store.SortMostComments, nil, byDesc(func(l listed) int { return l.comments })},
		{store.SortTopDay, day, byDesc(score)},
		{store.SortTopWeek, nil, byDesc(score)},
		{store.SortTopAll, nil, byDesc(score)},
	}
	for _, tc := range cases {
		for _, nsfw := range []bool{false, true} {
			want := w.expect(nsfw, tc.keep, tc.less)
			got := w.list(store.PostQuery{Sort: tc.sort, ShowNSFW: nsfw})
			if !slices.Equal(got, want) {
				t.Errorf("%s (nsfw %v):\n got %v\nwant %v", tc.sort, nsfw, got, want)
			}
		}
	}
	if withNSFW, without := len(w.list(store.PostQuery{Sort: store.SortNew, ShowNSFW: true})),
		len(w.list(store.PostQuery{Sort: store.SortNew})); withNSFW != without+3 {
		t.Errorf("ShowNSFW adds %d posts, want 3 (one nsfw post, two in an nsfw community)", withNSFW-without)
	}
	// The Top day window really leaves posts out, and the others keep them.
	if all, dayOnly := len(w.expect(false, nil, newestFirst)), len(w.expect(false, day, newestFirst)); dayOnly >= all || dayOnly == 0 {
		t.Fatalf("test data: %d posts in the last day of %d; want some of them", dayOnly, all)
	}

	// Rank sorts: the same visible posts, in order of the stored rank.
	visible := w.expect(false, nil, newestFirst)
	slices.Sort(visible)
	for sort, column := range map[string]string{
		store.SortHot: "hot_rank", store.SortActive: "active_rank",
		store.SortScaled: "scaled_rank", store.SortControversial: "controversy_rank",
	} {
		got := w.list(store.PostQuery{Sort: sort})
		if set := slices.Sorted(slices.Values(got)); !slices.Equal(set, visible) {
			t.Errorf("%s lists %v, want the visible posts %v", sort, set, visible)
			continue
		}
		ranks := w.ranks(column, got)
		for i := 1; i < len(got); i++ {
			if ranks[i] > ranks[i-1] || (ranks[i] == ranks[i-1] && got[i] > got[i-1]) {
				t.Errorf("%s: post %d (%s %v) listed after %d (%v)", sort, got[i], column, ranks[i], got[i-1], ranks[i-1])
			}
		}
	}
}

func (w *listingWorld) ranks(column string, postIDs []int64) []float64 {
	w.f.t.Helper()
	out := make([]float64, len(postIDs))
	for i, id := range postIDs {
		if err := w.f.pool.QueryRow(w.f.ctx, `SELECT `+column+` FROM posts WHERE id = $1`, id).Scan(&out[i]); err != nil {
			w.f.t.Fatal(err)
		}
	}
	return out
}

func TestListPostsPagesMatchTheWholeListing(t *testing.T) {
	t.Parallel()
	w := newListingWorld(t)
	sorts := []string{store.SortHot, store.SortActive, store.SortScaled, store.SortControversial, store.SortNew,
		store.SortOld, store.SortMostComments, store.SortTopDay, store.SortTopWeek, store.SortTopMonth,
		store.SortTopYear, store.SortTopAll}
	for _, sort := range sorts {
		whole := w.list(store.PostQuery{Sort: sort})
		paged := w.walk(store.PostQuery{Sort: sort, Limit: 7}, nil)
		if !slices.Equal(paged, whole) {
			t.Errorf("%s in pages of 7:\n got %v\nwant %v", sort, paged, whole)
		}
	}
}

func TestListPostsNewPagesSurviveNewPosts(t *testing.T) {
	t.Parallel()
	w := newListingWorld(t)
	want := w.expect(false, nil, newestFirst)
	if len(want) < 3*7 {
		t.Fatalf("test data: only %d visible posts", len(want))
	}
	alice, err := w.f.st.LocalPersonByName(w.f.ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	var added []int64
	got := w.walk(store.PostQuery{Sort: store.SortNew, Limit: 7}, func(int) {
		for range 3 {
			added = append(added, w.f.post(alice, w.news, postOpts{}).ID)
		}
	})
	if !slices.Equal(got, want) {
		t.Errorf("New in pages of 7 with posts arriving:\n got %v\nwant %v", got, want)
	}
	// The new posts are there for whoever starts again.
	fresh := w.list(store.PostQuery{Sort: store.SortNew})
	slices.Reverse(added)
	if len(fresh) < len(added) || !slices.Equal(fresh[:len(added)], added) {
		t.Errorf("a new walk starts with %v, want the posts added meanwhile %v", fresh[:min(len(fresh), len(added))], added)
	}
}

func TestListPostsListingsAndCommunityFilter(t *testing.T) {
	t.Parallel()
	w := newListingWorld(t)
	reader := w.f.user("reader")
	must(t, w.f.st.UpsertFollow(w.f.ctx, w.tech.ID, reader.ID, store.FollowAccepted, ""))
	must(t, w.f.st.UpsertFollow(w.f.ctx, w.remote.ID, reader.ID, store.FollowAccepted, ""))
	loner := w.f.user("loner")

	local := w.list(store.PostQuery{Sort: store.SortNew, Listing: store.ListingLocal})
	if want := w.expect(false, func(l listed) bool { return l.local }, newestFirst); !slices.Equal(local, want) {
		t.Errorf("local listing:\n got %v\nwant %v", local, want)
	}
	if all := w.list(store.PostQuery{Sort: store.SortNew, Listing: store.ListingAll}); len(all) <= len(local) {
		t.Errorf("test data: all has %d posts, local %d; want some remote ones", len(all), len(local))
	}

	subscribed := w.list(store.PostQuery{Sort: store.SortNew, Listing: store.ListingSubscribed, PersonID: reader.ID})
	want := w.expect(false, func(l listed) bool { return l.community == w.tech.ID || l.community == w.remote.ID }, newestFirst)
	if !slices.Equal(subscribed, want) || len(want) == 0 {
		t.Errorf("subscribed listing:\n got %v\nwant %v", subscribed, want)
	}
	if got := w.list(store.PostQuery{Sort: store.SortNew, Listing: store.ListingSubscribed, PersonID: loner.ID}); len(got) != 0 {
		t.Errorf("subscribed listing of someone who follows nothing: %v", got)
	}

	for _, c := range []store.Community{w.news, w.tech, w.remote} {
		got := w.list(store.PostQuery{Sort: store.SortTopAll, CommunityID: c.ID})
		want := w.expect(false, func(l listed) bool { return l.community == c.ID }, byDesc(func(l listed) int { return l.score }))
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("community %s:\n got %v\nwant %v", c.Name, got, want)
		}
	}
	if got := w.list(store.PostQuery{Sort: store.SortNew, CommunityID: w.gone.ID}); len(got) != 0 {
		t.Errorf("a deleted community lists %v", got)
	}
}

func TestListPostsUnknownSortIsErrInvalid(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, sort := range []string{"", "best", "HOT"} {
		if _, err := f.st.ListPosts(f.ctx, store.PostQuery{Sort: sort}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("sort %q: err = %v, want ErrInvalid", sort, err)
		}
		if store.ValidSort(sort) {
			t.Errorf("ValidSort(%q) = true", sort)
		}
	}
	if !store.ValidSort(store.SortTopDay) {
		t.Errorf("ValidSort(top_day) = false")
	}
}

func TestHotRanksByScoreAndAge(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c, author := f.community("hot"), f.person("author")
	var voters []store.Person
	for i := range 100 {
		voters = append(voters, f.person(fmt.Sprintf("v%d", i)))
	}
	now := time.Now()
	halfDay := 45000 * time.Second // 12.5 hours: one order of magnitude of score
	mk := func(title string, score int, published time.Time) int64 {
		p := f.post(author, c, postOpts{title: title, published: published})
		for i := range score {
			if _, err := f.st.SetPostVote(f.ctx, p.ID, voters[i].ID, 1, ""); err != nil {
				t.Fatal(err)
			}
		}
		return p.ID
	}
	// Inserted in an order unrelated to the expected one.
	old10 := mk("10 points, 12.5 hours ago", 10, now.Add(-halfDay))
	new9 := mk("9 points, now", 9, now)
	old100 := mk("100 points, 12.5 hours ago", 100, now.Add(-halfDay))
	new11 := mk("11 points, now", 11, now)
	new10 := mk("10 points, now", 10, now)
	names := map[int64]string{old10: "old10", new9: "new9", old100: "old100", new11: "new11", new10: "new10"}

	got := f.listAll(store.SortHot)
	var order []string
	for _, id := range got {
		order = append(order, names[id])
	}
	pos := map[string]int{}
	for i, n := range order {
		pos[n] = i
	}
	if len(order) != 5 {
		t.Fatalf("hot = %v, want five posts", order)
	}
	if pos["new10"] > pos["old10"] {
		t.Errorf("hot %v: a recent post ranks below an old one with the same score", order)
	}
	if pos["new11"] != 0 {
		t.Errorf("hot %v: want new11 first", order)
	}
	if pos["old10"] != 4 {
		t.Errorf("hot %v: want old10 last", order)
	}
	// 100 points 12.5 hours ago is worth 10 points now: the two sit together,
	// between 11 and 9 points now.
	if d := pos["new10"] - pos["old100"]; d != 1 && d != -1 {
		t.Errorf("hot %v: new10 and old100 should be neighbours", order)
	}
	if pos["new9"] != 3 {
		t.Errorf("hot %v: want new9 after new10 and old100", order)
	}
	var a, b float64
	if err := f.pool.QueryRow(f.ctx, `SELECT (SELECT hot_rank FROM posts WHERE id = $1), (SELECT hot_rank FROM posts WHERE id = $2)`,
		new10, old100).Scan(&a, &b); err != nil {
		t.Fatal(err)
	}
	if math.Abs(a-b) > 1e-6 {
		t.Errorf("hot rank of new10 %v and old100 %v differ by %v, want a tie", a, b, a-b)
	}
}

func TestActiveAndControversialSorts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c, author := f.community("sorts"), f.person("author")
	var voters []store.Person
	for i := range 6 {
		voters = append(voters, f.person(fmt.Sprintf("v%d", i)))
	}
	now := time.Now()
	old := f.post(author, c, postOpts{title: "old but discussed", published: now.Add(-20 * time.Hour)})
	recent := f.post(author, c, postOpts{title: "recent and quiet", published: now.Add(-2 * time.Hour)})
	ancient := f.post(author, c, postOpts{title: "necro-bumped", published: now.Add(-10 * 24 * time.Hour)})
	f.comment(author, old.ID, 0)
	f.comment(author, ancient.ID, 0) // more than two days after the post: does not lift it

	active := f.listAll(store.SortActive)
	if want := []int64{old.ID, recent.ID, ancient.ID}; !slices.Equal(active, want) {
		t.Errorf("active = %v, want %v (the discussed post first, the necro-bumped one last)", active, want)
	}

	split := f.post(author, c, postOpts{title: "3 up 3 down"})
	loved := f.post(author, c, postOpts{title: "5 up"})
	for i, v := range voters {
		s := 1
		if i%2 == 1 {
			s = -1
		}
		if _, err := f.st.SetPostVote(f.ctx, split.ID, v.ID, s, ""); err != nil {
			t.Fatal(err)
		}
		if i < 5 {
			if _, err := f.st.SetPostVote(f.ctx, loved.ID, v.ID, 1, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	contro := f.listAll(store.SortControversial)
	if len(contro) != 5 || contro[0] != split.ID {
		t.Errorf("controversial = %v, want %d (evenly split) first", contro, split.ID)
	}
}

func (f *fixture) listAll(sort string) []int64 {
	f.t.Helper()
	page, err := f.st.ListPosts(f.ctx, store.PostQuery{Sort: sort, Limit: 100})
	if err != nil {
		f.t.Fatalf("ListPosts(%s): %v", sort, err)
	}
	return ids(page.Posts)
}
