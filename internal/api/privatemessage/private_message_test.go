package privatemessage_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

type messageView struct {
	PrivateMessage struct {
		ID          int64   `json:"id"`
		CreatorID   int64   `json:"creator_id"`
		RecipientID int64   `json:"recipient_id"`
		Content     string  `json:"content"`
		Read        bool    `json:"read"`
		Deleted     bool    `json:"deleted"`
		Updated     *string `json:"updated"`
	} `json:"private_message"`
	Creator struct {
		Name string `json:"name"`
	} `json:"creator"`
	Recipient struct {
		Name string `json:"name"`
	} `json:"recipient"`
}

type messageResponse struct {
	PrivateMessageView messageView `json:"private_message_view"`
}

func messages(t *testing.T, s *apitest.Server, token string, q url.Values) []messageView {
	t.Helper()
	var out struct {
		PrivateMessages []messageView `json:"private_messages"`
	}
	resp := s.Do(http.MethodGet, "/private_message/list?"+q.Encode(), token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("private_message/list %s: %d %s", q.Encode(), resp.Status, resp.Body)
	}
	resp.Decode(t, &out)
	return out.PrivateMessages
}

func unread(t *testing.T, s *apitest.Server, token string) int {
	t.Helper()
	var out struct {
		PrivateMessages int `json:"private_messages"`
	}
	s.Do(http.MethodGet, "/user/unread_count", token, nil).Decode(t, &out)
	return out.PrivateMessages
}

func TestPrivateMessages(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	alice, bob := s.User("alice"), s.User("bob")
	s.User("carol")
	at, bt, ct := s.Login("alice"), s.Login("bob"), s.Login("carol")

	var sent messageResponse
	resp := s.Do(http.MethodPost, "/private_message", at, map[string]any{"recipient_id": bob.ID, "content": "Hello *bob*"})
	resp.Decode(t, &sent)
	m := sent.PrivateMessageView
	if resp.Status != http.StatusOK || m.PrivateMessage.Content != "Hello *bob*" || m.Creator.Name != "alice" ||
		m.Recipient.Name != "bob" || m.PrivateMessage.Read {
		t.Fatalf("send: %d %s", resp.Status, resp.Body)
	}
	id := m.PrivateMessage.ID
	if resp := s.Do(http.MethodPost, "/private_message", bt, map[string]any{"recipient_id": alice.ID, "content": "Hi"}); resp.Status != http.StatusOK {
		t.Fatalf("reply: %d %s", resp.Status, resp.Body)
	}
	if n := unread(t, s, bt); n != 1 {
		t.Errorf("bob's unread count: %d; want 1", n)
	}
	if got := messages(t, s, bt, url.Values{}); len(got) != 2 || got[0].Creator.Name != "bob" || got[1].PrivateMessage.ID != id {
		t.Errorf("bob's messages: %+v; want his reply, then alice's message", got)
	}
	if got := messages(t, s, bt, url.Values{"unread_only": {"true"}}); len(got) != 1 || got[0].PrivateMessage.ID != id {
		t.Errorf("bob's unread messages: %+v", got)
	}
	if got := messages(t, s, bt, url.Values{"creator_id": {strconv.FormatInt(alice.ID, 10)}}); len(got) != 2 {
		t.Errorf("bob's conversation with alice: %d messages", len(got))
	}
	if got := messages(t, s, ct, url.Values{}); len(got) != 0 {
		t.Errorf("carol sees others' messages: %+v", got)
	}

	var read messageResponse
	resp = s.Do(http.MethodPost, "/private_message/mark_as_read", bt, map[string]any{"private_message_id": id, "read": true})
	resp.Decode(t, &read)
	if resp.Status != http.StatusOK || !read.PrivateMessageView.PrivateMessage.Read || unread(t, s, bt) != 0 {
		t.Errorf("mark read: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPut, "/private_message", at, map[string]any{"private_message_id": id, "content": "Hello again"})
	var edited messageResponse
	resp.Decode(t, &edited)
	if resp.Status != http.StatusOK || edited.PrivateMessageView.PrivateMessage.Content != "Hello again" ||
		edited.PrivateMessageView.PrivateMessage.Updated == nil {
		t.Errorf("edit: %d %s", resp.Status, resp.Body)
	}

	msg := func(body map[string]any) map[string]any { body["private_message_id"] = id; return body }
	s.Refused(t, "no token", http.MethodGet, "/private_message/list", "", nil, 401, "not_logged_in")
	s.Refused(t, "a forged token", http.MethodPost, "/private_message", s.ForgedToken(),
		map[string]any{"recipient_id": bob.ID, "content": "x"}, 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPost, "/private_message", at, "hello", 400, "invalid_query")
	s.Refused(t, "to nobody", http.MethodPost, "/private_message", at, map[string]any{"recipient_id": 999999, "content": "x"}, 400, "couldnt_find_person")
	s.Refused(t, "to oneself", http.MethodPost, "/private_message", at, map[string]any{"recipient_id": alice.ID, "content": "x"}, 400, "couldnt_create_private_message")
	s.Refused(t, "empty", http.MethodPost, "/private_message", at, map[string]any{"recipient_id": bob.ID, "content": "  "}, 400, "invalid_body_field")
	s.Refused(t, "bob edits alice's", http.MethodPut, "/private_message", bt, msg(map[string]any{"content": "mine"}), 400, "edit_private_message_not_allowed")
	s.Refused(t, "carol edits alice's", http.MethodPut, "/private_message", ct, msg(map[string]any{"content": "mine"}), 400, "couldnt_find_private_message")
	s.Refused(t, "bob deletes alice's", http.MethodPost, "/private_message/delete", bt, msg(map[string]any{"deleted": true}), 400, "edit_private_message_not_allowed")
	s.Refused(t, "alice marks her own read", http.MethodPost, "/private_message/mark_as_read", at, msg(map[string]any{"read": false}), 400, "edit_private_message_not_allowed")
	s.Refused(t, "carol marks it", http.MethodPost, "/private_message/mark_as_read", ct, msg(map[string]any{"read": false}), 400, "couldnt_find_private_message")
	s.Refused(t, "no such message", http.MethodPost, "/private_message/delete", at,
		map[string]any{"private_message_id": 999999, "deleted": true}, 400, "couldnt_find_private_message")
	s.Refused(t, "a huge limit", http.MethodGet, "/private_message/list?limit=1000", at, nil, 400, "too_many_items")
	s.Refused(t, "a limit not a number", http.MethodGet, "/private_message/list?limit=ten", at, nil, 400, "invalid_query")
	// Reports of messages have no queue here yet.
	s.Refused(t, "a report", http.MethodPost, "/private_message/report", bt, msg(map[string]any{"reason": "spam"}), 400, "couldnt_create_report")
	s.Refused(t, "a report of one's own", http.MethodPost, "/private_message/report", at, msg(map[string]any{"reason": "spam"}), 400, "couldnt_find_private_message")
	if got := messages(t, s, bt, url.Values{}); len(got) != 2 || got[1].PrivateMessage.Content != "Hello again" || got[1].PrivateMessage.Deleted {
		t.Errorf("after the refusals: %+v", got)
	}

	// A blocked sender's messages are refused, and leave the list.
	if resp := s.Do(http.MethodPost, "/user/block", bt, map[string]any{"person_id": alice.ID, "block": true}); resp.Status != http.StatusOK {
		t.Fatalf("block: %d %s", resp.Status, resp.Body)
	}
	s.Refused(t, "to someone who blocks", http.MethodPost, "/private_message", at, map[string]any{"recipient_id": bob.ID, "content": "x"}, 400, "person_is_blocked")
	if got := messages(t, s, bt, url.Values{}); len(got) != 1 || got[0].Creator.Name != "bob" {
		t.Errorf("bob's messages once he blocks alice: %+v", got)
	}

	resp = s.Do(http.MethodPost, "/private_message/delete", at, msg(map[string]any{"deleted": true}))
	var deleted messageResponse
	resp.Decode(t, &deleted)
	if resp.Status != http.StatusOK || !deleted.PrivateMessageView.PrivateMessage.Deleted || deleted.PrivateMessageView.PrivateMessage.Content != "" {
		t.Errorf("delete: %d %s", resp.Status, resp.Body)
	}
	if got := messages(t, s, at, url.Values{}); len(got) != 1 {
		t.Errorf("alice's messages after deleting hers: %d", len(got))
	}
}

func TestMarkAllAsReadMarksMessages(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	s.User("alice")
	bob := s.User("bob")
	at, bt := s.Login("alice"), s.Login("bob")
	for range 2 {
		if resp := s.Do(http.MethodPost, "/private_message", at, map[string]any{"recipient_id": bob.ID, "content": "hi"}); resp.Status != http.StatusOK {
			t.Fatalf("send: %d %s", resp.Status, resp.Body)
		}
	}
	if n := unread(t, s, bt); n != 2 {
		t.Fatalf("unread before: %d", n)
	}
	if resp := s.Do(http.MethodPost, "/user/mark_all_as_read", bt, nil); resp.Status != http.StatusOK {
		t.Fatalf("mark_all_as_read: %d %s", resp.Status, resp.Body)
	}
	if n := unread(t, s, bt); n != 0 {
		t.Errorf("unread after mark_all_as_read: %d", n)
	}
}
