package store_test

import (
	"testing"
	"time"
)

func TestRefreshCommunityActivityCountsRecentPeople(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	news := f.community("news")
	quiet := f.community("quiet")
	alice, bob, carol, dave := f.person("alice"), f.person("bob"), f.person("carol"), f.person("dave")
	p := f.post(alice, news, postOpts{})
	f.comment(bob, p.ID, 0)
	if _, err := f.st.SetPostVote(f.ctx, p.ID, carol.ID, 1, ""); err != nil {
		t.Fatal(err)
	}
	// Older than a month: dave does not count.
	f.post(dave, news, postOpts{published: time.Now().Add(-40 * 24 * time.Hour)})

	n, err := f.st.RefreshCommunityActivity(f.ctx)
	if err != nil || n != 1 {
		t.Fatalf("first refresh changed %d communities, err %v; want 1 (news)", n, err)
	}
	got, _ := f.st.CommunityByID(f.ctx, news.ID)
	if got.UsersActiveMonth != 3 {
		t.Errorf("news has %d monthly active users, want 3 (alice, bob, carol)", got.UsersActiveMonth)
	}
	if q, _ := f.st.CommunityByID(f.ctx, quiet.ID); q.UsersActiveMonth != 0 {
		t.Errorf("quiet has %d monthly active users, want 0", q.UsersActiveMonth)
	}
	var weight int
	if err := f.pool.QueryRow(f.ctx, `SELECT community_active_users FROM posts WHERE id = $1`, p.ID).Scan(&weight); err != nil || weight != 3 {
		t.Errorf("the post's Scaled weight is %d (%v), want 3", weight, err)
	}
	if n, err := f.st.RefreshCommunityActivity(f.ctx); err != nil || n != 0 {
		t.Errorf("a second refresh changed %d communities (%v), want 0", n, err)
	}
}
