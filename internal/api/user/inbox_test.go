package user_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

type unread struct {
	Replies         int `json:"replies"`
	Mentions        int `json:"mentions"`
	PrivateMessages int `json:"private_messages"`
}

func TestRepliesMentionsAndMarkAllRead(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice, bob, carol := s.User("alice"), s.User("bob"), s.User("carol")
	news := s.Community("news")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Mine"})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := s.Forum.CreateComment(ctx, bob, p.ID, 0, "an answer")
	if err != nil {
		t.Fatal(err)
	}
	mention, err := s.Forum.CreateComment(ctx, carol, p.ID, reply.ID, "what does @alice think?")
	if err != nil {
		t.Fatal(err)
	}
	token := s.Login("alice")

	var n unread
	s.Do(http.MethodGet, "/user/unread_count", token, nil).Decode(t, &n)
	if n.Replies != 1 || n.Mentions != 1 {
		t.Fatalf("unread = %+v; want a reply and a mention", n)
	}
	var replies struct {
		Replies []struct {
			CommentReply struct {
				CommentID   int64 `json:"comment_id"`
				RecipientID int64 `json:"recipient_id"`
				Read        bool  `json:"read"`
			} `json:"comment_reply"`
			Comment struct {
				Content string `json:"content"`
			} `json:"comment"`
		} `json:"replies"`
	}
	resp := s.Do(http.MethodGet, "/user/replies?sort=New&unread_only=true", token, nil)
	resp.Decode(t, &replies)
	if len(replies.Replies) != 1 || replies.Replies[0].CommentReply.CommentID != reply.ID ||
		replies.Replies[0].CommentReply.RecipientID != alice.ID || replies.Replies[0].Comment.Content != "an answer" {
		t.Errorf("replies: %s", resp.Body)
	}
	var mentions struct {
		Mentions []struct {
			PersonMention struct {
				CommentID int64 `json:"comment_id"`
			} `json:"person_mention"`
		} `json:"mentions"`
	}
	resp = s.Do(http.MethodGet, "/user/mention", token, nil)
	resp.Decode(t, &mentions)
	if len(mentions.Mentions) != 1 || mentions.Mentions[0].PersonMention.CommentID != mention.ID {
		t.Errorf("mentions: %s", resp.Body)
	}
	if resp := s.Do(http.MethodPost, "/user/mark_all_as_read", token, nil); resp.Status != http.StatusOK {
		t.Fatalf("mark all as read: %d %s", resp.Status, resp.Body)
	}
	n = unread{}
	s.Do(http.MethodGet, "/user/unread_count", token, nil).Decode(t, &n)
	if n.Replies != 0 || n.Mentions != 0 {
		t.Errorf("after marking all read: %+v", n)
	}
	for _, c := range []struct {
		method, path, token, code string
	}{
		{"GET", "/user/replies", "", "not_logged_in"},
		{"GET", "/user/mention", "", "not_logged_in"},
		{"POST", "/user/mark_all_as_read", "", "not_logged_in"},
		{"GET", "/user/replies?sort=Best", token, "invalid_query"},
		{"GET", "/user/replies?page=1000", token, "too_many_items"},
		{"GET", "/user/mention?unread_only=perhaps", token, "invalid_query"},
	} {
		if resp := s.Do(c.method, c.path, c.token, nil); resp.ErrorCode() != c.code {
			t.Errorf("%s %s: %d %s; want %s", c.method, c.path, resp.Status, resp.Body, c.code)
		}
	}
}
