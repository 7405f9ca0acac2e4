package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// PrivateMessageQuery selects messages of one person, as Lemmy's apps
// list them: received and sent together, newest first.
type PrivateMessageQuery struct {
	PersonID   int64
	UnreadOnly bool  // only the unread ones received
	OtherID    int64 // only those exchanged with this person, when set
	Limit      int
	Offset     int
}

// ListPrivateMessages reads a page of a person's messages, less deleted
// ones and those of people (or instances) they block.
func (s *Store) ListPrivateMessages(ctx context.Context, q PrivateMessageQuery) ([]PrivateMessage, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+privateMessageColumns+privateMessageFrom+`
		WHERE NOT pm.deleted
			AND (CASE WHEN @unread THEN pm.recipient_id = @person AND NOT pm.read
				ELSE pm.recipient_id = @person OR pm.creator_id = @person END)
			AND (@other = 0 OR pm.creator_id = @other OR pm.recipient_id = @other)
			AND NOT EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = @person AND b.target_id = pm.creator_id)
			AND NOT EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = @person AND ib.instance_id = cr.instance_id)
		ORDER BY pm.published DESC, pm.id DESC LIMIT @limit OFFSET @offset`,
		pgx.NamedArgs{"person": q.PersonID, "unread": q.UnreadOnly, "other": q.OtherID, "limit": q.Limit, "offset": q.Offset})
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[PrivateMessage])
	return out, wrap("list private messages", err)
}

// SetPrivateMessageRead marks one message its recipient received read,
// or unread; ErrNotFound when it is not theirs.
func (s *Store) SetPrivateMessageRead(ctx context.Context, recipientID, id int64, read bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE private_messages SET read = $3 WHERE id = $2 AND recipient_id = $1`,
		recipientID, id, read)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("mark private message read", err)
}
