package community_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCommunityBlock(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news := s.Community("news")
	if err := s.Forum.Subscribe(ctx, alice, news.ID); err != nil {
		t.Fatal(err)
	}
	token := s.Login("alice")
	var out struct {
		CommunityView communityView `json:"community_view"`
		Blocked       bool          `json:"blocked"`
	}
	resp := s.Do(http.MethodPost, "/community/block", token, map[string]any{"community_id": news.ID, "block": true})
	resp.Decode(t, &out)
	// As in Lemmy, a block ends the subscription.
	if resp.Status != http.StatusOK || !out.Blocked || !out.CommunityView.Blocked || out.CommunityView.Subscribed != "NotSubscribed" {
		t.Fatalf("block: %d %s", resp.Status, resp.Body)
	}
	var got struct {
		CommunityView communityView `json:"community_view"`
	}
	s.Do(http.MethodGet, "/community?id="+itoa(news.ID), token, nil).Decode(t, &got)
	if !got.CommunityView.Blocked {
		t.Errorf("GET community after the block: blocked false")
	}
	var list struct {
		Communities []communityView `json:"communities"`
	}
	s.Do(http.MethodGet, "/community/list", token, nil).Decode(t, &list)
	if len(list.Communities) != 1 || !list.Communities[0].Blocked {
		t.Errorf("community/list after the block: %+v", list.Communities)
	}
	resp = s.Do(http.MethodPost, "/community/block", token, map[string]any{"community_id": news.ID, "block": false})
	out.CommunityView = communityView{}
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || out.Blocked || out.CommunityView.Blocked {
		t.Errorf("unblock: %d %s", resp.Status, resp.Body)
	}

	block := map[string]any{"community_id": news.ID, "block": true}
	s.Refused(t, "no token", http.MethodPost, "/community/block", "", block, 401, "not_logged_in")
	s.Refused(t, "a forged token", http.MethodPost, "/community/block", s.ForgedToken(), block, 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPost, "/community/block", token, "news", 400, "invalid_query")
	s.Refused(t, "a bool as a string", http.MethodPost, "/community/block", token, `{"community_id": 1, "block": "yes"}`, 400, "invalid_query")
	s.Refused(t, "no such community", http.MethodPost, "/community/block", token,
		map[string]any{"community_id": 999999, "block": true}, 400, "couldnt_find_community")
	if blocked, err := s.Store.BlocksCommunity(ctx, alice.ID, news.ID); err != nil || blocked {
		t.Errorf("a refused block blocked: %v %v", blocked, err)
	}
}
