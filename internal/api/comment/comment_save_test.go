package comment_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCommentSaveAndSavedOnly(t *testing.T) {
	t.Parallel()
	th := newThread(t)
	s := th.s
	s.User("bob")
	bob := s.Login("bob")

	var c commentResponse
	resp := s.Do(http.MethodPut, "/comment/save", bob, map[string]any{"comment_id": th.a1.ID, "save": true})
	resp.Decode(t, &c)
	if resp.Status != http.StatusOK || !c.CommentView.Saved || c.CommentView.Comment.ID != th.a1.ID {
		t.Fatalf("save: %d %s", resp.Status, resp.Body)
	}
	if err := s.Forum.SaveComment(context.Background(), th.alice, th.b.ID, true); err != nil {
		t.Fatal(err)
	}
	// Within the post, and across the site as the apps' saved tab asks.
	for _, q := range []url.Values{
		{"post_id": {itoa(th.post.ID)}, "saved_only": {"true"}},
		{"saved_only": {"true"}},
	} {
		out, resp := th.list(t, bob, q)
		if resp.Status != http.StatusOK || contents(out.Comments) != "a1" || !out.Comments[0].Saved {
			t.Errorf("saved_only %s: %d %s; want a1 alone", q.Encode(), resp.Status, resp.Body)
		}
	}
	whole, _ := th.list(t, bob, url.Values{"post_id": {itoa(th.post.ID)}, "max_depth": {"8"}})
	for _, v := range whole.Comments {
		if v.Saved != (v.Comment.ID == th.a1.ID) {
			t.Errorf("%s saved %v in the whole thread", v.Comment.Content, v.Saved)
		}
	}
	if resp := s.Do(http.MethodPut, "/comment/save", bob, map[string]any{"comment_id": th.a1.ID, "save": false}); resp.Status != http.StatusOK {
		t.Errorf("unsave: %d %s", resp.Status, resp.Body)
	}
	if out, _ := th.list(t, bob, url.Values{"saved_only": {"true"}}); len(out.Comments) != 0 {
		t.Errorf("after unsaving: %s", contents(out.Comments))
	}

	if err := s.Forum.DeleteComment(context.Background(), th.alice, th.a2.ID, true); err != nil {
		t.Fatal(err)
	}
	save := func(id int64) map[string]any { return map[string]any{"comment_id": id, "save": true} }
	s.Refused(t, "no token", http.MethodPut, "/comment/save", "", save(th.a.ID), 401, "not_logged_in")
	s.Refused(t, "a forged token", http.MethodPut, "/comment/save", s.ForgedToken(), save(th.a.ID), 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPut, "/comment/save", bob, "save", 400, "invalid_query")
	s.Refused(t, "no such comment", http.MethodPut, "/comment/save", bob, save(999999), 400, "couldnt_find_comment")
	s.Refused(t, "a deleted comment", http.MethodPut, "/comment/save", bob, save(th.a2.ID), 400, "couldnt_save_comment")
	s.Refused(t, "saved_only anonymous", http.MethodGet, "/comment/list?saved_only=true", "", nil, 401, "not_logged_in")
	if out, _ := th.list(t, bob, url.Values{"saved_only": {"true"}}); len(out.Comments) != 0 {
		t.Errorf("a refused save saved: %s", contents(out.Comments))
	}
}

func TestCommentCreatorBlocked(t *testing.T) {
	t.Parallel()
	th := newThread(t)
	s := th.s
	s.User("bob")
	bob := s.Login("bob")
	if resp := s.Do(http.MethodPost, "/user/block", bob, map[string]any{"person_id": th.alice.ID, "block": true}); resp.Status != http.StatusOK {
		t.Fatalf("block alice: %d %s", resp.Status, resp.Body)
	}
	// The thread keeps its shape, as the web's collapses a blocked
	// person's comments in place: each says its author is blocked.
	out, _ := th.list(t, bob, url.Values{"post_id": {itoa(th.post.ID)}, "max_depth": {"8"}})
	if len(out.Comments) != 5 {
		t.Fatalf("bob's view of the thread: %s", contents(out.Comments))
	}
	for _, v := range out.Comments {
		if !v.CreatorBlocked {
			t.Errorf("%s: creator_blocked false for bob", v.Comment.Content)
		}
	}
	if anon, _ := th.list(t, "", url.Values{"post_id": {itoa(th.post.ID)}}); anon.Comments[0].CreatorBlocked {
		t.Error("creator_blocked for someone not logged in")
	}
}
