package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ReceivedPrivateMessages is a page of the messages a person received,
// newest first, for their inbox: not deleted ones, nor those of people
// (or instances) they have blocked since; only unread ones when asked.
func (s *Store) ReceivedPrivateMessages(ctx context.Context, recipientID int64, unreadOnly bool, before int64, limit int) ([]PrivateMessage, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+privateMessageColumns+privateMessageFrom+`
		WHERE pm.recipient_id = $1 AND NOT pm.deleted AND (NOT $2 OR NOT pm.read) AND ($3 = 0 OR pm.id < $3)
			AND NOT EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = $1 AND b.target_id = pm.creator_id)
			AND NOT EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = $1 AND ib.instance_id = cr.instance_id)
		ORDER BY pm.id DESC LIMIT $4`, recipientID, unreadOnly, before, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[PrivateMessage])
	return out, wrap("list received private messages", err)
}

// MarkAllPrivateMessagesRead marks every message a person received read.
func (s *Store) MarkAllPrivateMessagesRead(ctx context.Context, recipientID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE private_messages SET read = true WHERE recipient_id = $1 AND NOT read`, recipientID)
	return wrap("mark all private messages read", err)
}
