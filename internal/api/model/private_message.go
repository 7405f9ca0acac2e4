package model

import "github.com/tidings/tidings/internal/store"

// PrivateMessage is Lemmy's PrivateMessage.
type PrivateMessage struct {
	ID          int64   `json:"id"`
	CreatorID   int64   `json:"creator_id"`
	RecipientID int64   `json:"recipient_id"`
	Content     string  `json:"content"`
	Deleted     bool    `json:"deleted"`
	Read        bool    `json:"read"`
	Published   string  `json:"published"`
	Updated     *string `json:"updated,omitempty"`
	APID        string  `json:"ap_id"`
	Local       bool    `json:"local"`
}

// PrivateMessageView is Lemmy's PrivateMessageView.
type PrivateMessageView struct {
	PrivateMessage PrivateMessage `json:"private_message"`
	Creator        Person         `json:"creator"`
	Recipient      Person         `json:"recipient"`
}

// NewPrivateMessageView shapes a message between two of people; a
// deleted one keeps its place with its text emptied, as Lemmy answers it.
func NewPrivateMessageView(m store.PrivateMessage, people map[int64]store.Person) PrivateMessageView {
	pm := PrivateMessage{ID: m.ID, CreatorID: m.CreatorID, RecipientID: m.RecipientID, Content: m.Content,
		Deleted: m.Deleted, Read: m.Read, Published: Time(m.Published), Updated: OptTime(m.Updated), APID: m.APID,
		Local: m.Local}
	if m.Deleted {
		pm.Content = ""
	}
	return PrivateMessageView{PrivateMessage: pm, Creator: NewPerson(people[m.CreatorID]),
		Recipient: NewPerson(people[m.RecipientID])}
}
