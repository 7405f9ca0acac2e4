package forum

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

// MarkPrivateMessageRead marks one message actor received read, or
// unread again, as an app marks the message it opened. Only its
// recipient may; to anyone else but its author it does not exist.
func (s *Service) MarkPrivateMessageRead(ctx context.Context, actor store.LocalUser, id int64, read bool) (store.PrivateMessage, error) {
	m, err := partyTo(ctx, s.store, actor, id)
	if err != nil {
		return m, err
	}
	if m.RecipientID != actor.ID {
		return m, forbidden("only the recipient of a message marks it read")
	}
	if err := s.store.SetPrivateMessageRead(ctx, actor.ID, id, read); err != nil {
		return m, fmt.Errorf("mark message read: %w", err)
	}
	m.Read = read
	return m, nil
}
