package privatemessage

import "github.com/tidings/tidings/internal/api/model"

// PrivateMessagesResponse is Lemmy's PrivateMessagesResponse.
type PrivateMessagesResponse struct {
	PrivateMessages []model.PrivateMessageView `json:"private_messages"`
}

// PrivateMessageResponse is Lemmy's PrivateMessageResponse.
type PrivateMessageResponse struct {
	PrivateMessageView model.PrivateMessageView `json:"private_message_view"`
}

// CreatePrivateMessage is Lemmy's CreatePrivateMessage.
type CreatePrivateMessage struct {
	Content     string `json:"content"`
	RecipientID int64  `json:"recipient_id"`
}

// EditPrivateMessage is Lemmy's EditPrivateMessage.
type EditPrivateMessage struct {
	PrivateMessageID int64  `json:"private_message_id"`
	Content          string `json:"content"`
}

// DeletePrivateMessage is Lemmy's DeletePrivateMessage.
type DeletePrivateMessage struct {
	PrivateMessageID int64 `json:"private_message_id"`
	Deleted          bool  `json:"deleted"`
}

// MarkPrivateMessageAsRead is Lemmy's MarkPrivateMessageAsRead.
type MarkPrivateMessageAsRead struct {
	PrivateMessageID int64 `json:"private_message_id"`
	Read             bool  `json:"read"`
}

// CreatePrivateMessageReport is Lemmy's CreatePrivateMessageReport.
type CreatePrivateMessageReport struct {
	PrivateMessageID int64  `json:"private_message_id"`
	Reason           string `json:"reason"`
}
