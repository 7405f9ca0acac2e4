package activitypub

import "time"

// PrivateMessageInput is what a private message written here is built
// from.
type PrivateMessageInput struct {
	ID          string
	AuthorID    string
	RecipientID string
	Body        string // markdown
	BodyHTML    string
	Published   time.Time
	Updated     *time.Time
}

// NewChatMessage is a private message as Lemmy 0.19 sends it: a
// ChatMessage to its recipient alone, with its markdown as the source.
// Lemmy 1.0 reads a ChatMessage as well as the Note it sends now, while
// 0.19 would take a Note for a comment.
func NewChatMessage(in PrivateMessageInput) *Note {
	return &Note{
		LDContext:    LemmyContext(),
		ID:           in.ID,
		Type:         KindChatMessage,
		AttributedTo: IRI(in.AuthorID),
		To:           Strings{in.RecipientID},
		Content:      in.BodyHTML,
		MediaType:    MediaTypeHTML,
		Source:       markdownSource(in.Body),
		Published:    TimeOf(in.Published),
		Updated:      TimePtr(in.Updated),
	}
}

// NewPrivateMessageActivity is the author's Create or Update of a
// ChatMessage, addressed as Lemmy addresses it: to the recipient alone.
func NewPrivateMessageActivity(kind Kind, msg *Note) (*Activity, error) {
	a := newActivity(kind, msg.AttributedTo.ID)
	a.To = append(Strings(nil), msg.To...)
	return withObject(a, msg)
}

// NewPrivateMessageDelete is the author's deletion of a private message,
// to its recipient alone; Undo it (NewUndo) to restore the message.
func NewPrivateMessageDelete(actor, object, recipient string) *Activity {
	a := newActivity(KindDelete, actor)
	a.To, a.Object = Strings{recipient}, IRI(object)
	return a
}
