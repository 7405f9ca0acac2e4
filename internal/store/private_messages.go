package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// PrivateMessage is a message from one person to another, with both names
// for display.
type PrivateMessage struct {
	ID              int64      `db:"id"`
	APID            string     `db:"ap_id"`
	CreatorID       int64      `db:"creator_id"`
	CreatorName     string     `db:"creator_name"`
	CreatorDomain   string     `db:"creator_domain"`
	RecipientID     int64      `db:"recipient_id"`
	RecipientName   string     `db:"recipient_name"`
	RecipientDomain string     `db:"recipient_domain"`
	Content         string     `db:"content"`
	ContentHTML     string     `db:"content_html"`
	Local           bool       `db:"local"`
	Published       time.Time  `db:"published"`
	Updated         *time.Time `db:"updated"`
	Deleted         bool       `db:"deleted"`
	Read            bool       `db:"read"`
}

const privateMessageColumns = `pm.id, pm.ap_id, pm.creator_id, cr.name AS creator_name, cri.domain AS creator_domain,
	pm.recipient_id, rc.name AS recipient_name, rci.domain AS recipient_domain, pm.content, pm.content_html,
	pm.local, pm.published, pm.updated, pm.deleted, pm.read`

const privateMessageFrom = ` FROM private_messages pm
	JOIN people cr ON cr.id = pm.creator_id JOIN instances cri ON cri.id = cr.instance_id
	JOIN people rc ON rc.id = pm.recipient_id JOIN instances rci ON rci.id = rc.instance_id `

// NewPrivateMessage is what it takes to store a message. ID zero takes the
// next id; a local message reserves its id first (NextPrivateMessageID)
// to build its ap_id from it.
type NewPrivateMessage struct {
	ID          int64
	APID        string
	CreatorID   int64
	RecipientID int64
	Content     string
	ContentHTML string
	Local       bool
	Published   time.Time // zero for now
}

// NextPrivateMessageID reserves the id of a message about to be written.
func (s *Store) NextPrivateMessageID(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('private_messages', 'id'))`).Scan(&id)
	return id, wrap("reserve private message id", err)
}

// InsertPrivateMessage stores a message; ErrConflict when its ap_id is
// stored already.
func (s *Store) InsertPrivateMessage(ctx context.Context, m NewPrivateMessage) (PrivateMessage, error) {
	if m.Published.IsZero() {
		m.Published = time.Now()
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO private_messages (id, ap_id, creator_id, recipient_id, content, content_html, local, published)
		VALUES (coalesce(nullif($1, 0), nextval(pg_get_serial_sequence('private_messages', 'id'))),
			$2, $3, $4, $5, $6, $7, $8)
		RETURNING id`, m.ID, m.APID, m.CreatorID, m.RecipientID, m.Content, m.ContentHTML, m.Local,
		m.Published).Scan(&id)
	if err != nil {
		return PrivateMessage{}, wrap("insert private message", err)
	}
	return s.PrivateMessageByID(ctx, id)
}

// PrivateMessageByID finds a message.
func (s *Store) PrivateMessageByID(ctx context.Context, id int64) (PrivateMessage, error) {
	return s.onePrivateMessage(ctx, "get private message", `WHERE pm.id = $1`, id)
}

// PrivateMessageByAPID finds a message by its ActivityPub id.
func (s *Store) PrivateMessageByAPID(ctx context.Context, apID string) (PrivateMessage, error) {
	return s.onePrivateMessage(ctx, "get private message "+apID, `WHERE pm.ap_id = $1`, apID)
}

func (s *Store) onePrivateMessage(ctx context.Context, op, where string, args ...any) (PrivateMessage, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+privateMessageColumns+privateMessageFrom+where, args...)
	m, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[PrivateMessage])
	return m, wrap(op, err)
}

// UpdatePrivateMessage replaces a message's text and marks it edited at
// updated (now when zero).
func (s *Store) UpdatePrivateMessage(ctx context.Context, id int64, content, html string, updated time.Time) error {
	if updated.IsZero() {
		updated = time.Now()
	}
	tag, err := s.db.Exec(ctx, `UPDATE private_messages SET content = $2, content_html = $3, updated = $4
		WHERE id = $1`, id, content, html, updated)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("update private message", err)
}

// SetPrivateMessageDeleted deletes a message, or restores it.
func (s *Store) SetPrivateMessageDeleted(ctx context.Context, id int64, deleted bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE private_messages SET deleted = $2 WHERE id = $1`, id, deleted)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("delete private message", err)
}

// MarkPrivateMessagesRead marks read what otherID sent recipientID, up to
// and including message upTo (every one when upTo is zero), and says how
// many it marked.
func (s *Store) MarkPrivateMessagesRead(ctx context.Context, recipientID, otherID, upTo int64) (int64, error) {
	tag, err := s.db.Exec(ctx, `UPDATE private_messages SET read = true
		WHERE recipient_id = $1 AND creator_id = $2 AND NOT read AND ($3 = 0 OR id <= $3)`,
		recipientID, otherID, upTo)
	return tag.RowsAffected(), wrap("mark private messages read", err)
}

// CountUnreadPrivateMessages is how many messages wait unread for a
// person, for the count in the header: what ReceivedPrivateMessages lists
// unread.
func (s *Store) CountUnreadPrivateMessages(ctx context.Context, personID int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, countUnreadMessages, personID).Scan(&n)
	return n, wrap("count unread private messages", err)
}

const countUnreadMessages = `SELECT count(*) FROM private_messages pm JOIN people cr ON cr.id = pm.creator_id
		WHERE pm.recipient_id = $1 AND NOT pm.read AND NOT pm.deleted
			AND NOT EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = $1 AND b.target_id = pm.creator_id)
			AND NOT EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = $1 AND ib.instance_id = cr.instance_id)`

// fromBlockedSQL holds for a message (pm, its creator cr) whose creator
// the person $1 blocks, themselves or by their instance: what they sent
// is out of $1's conversations, as it is out of the inbox and its count.
const fromBlockedSQL = `(EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = $1 AND b.target_id = pm.creator_id)
	OR EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = $1 AND ib.instance_id = cr.instance_id))`

// Conversation is a person's exchange with another: its latest message
// and how many of the other's messages are unread.
type Conversation struct {
	OtherID     int64  `db:"other_id"`
	OtherName   string `db:"other_name"`
	OtherDomain string `db:"other_domain"`
	OtherLocal  bool   `db:"other_local"`
	Unread      int    `db:"unread"`
	Last        PrivateMessage
}

// Conversations lists a person's conversations, the one with the latest
// message first, at most limit.
func (s *Store) Conversations(ctx context.Context, personID int64, limit int) ([]Conversation, error) {
	rows, err := s.db.Query(ctx, `
		WITH mine AS (
			SELECT pm.id, CASE WHEN pm.creator_id = $1 THEN pm.recipient_id ELSE pm.creator_id END AS other_id,
				pm.published, (pm.recipient_id = $1 AND NOT pm.read AND NOT pm.deleted) AS unread
			FROM private_messages pm JOIN people cr ON cr.id = pm.creator_id
			WHERE (pm.creator_id = $1 OR pm.recipient_id = $1) AND NOT (pm.recipient_id = $1 AND `+fromBlockedSQL+`)
		), latest AS (
			SELECT DISTINCT ON (other_id) other_id, id FROM mine ORDER BY other_id, published DESC, id DESC
		), unread AS (
			SELECT other_id, count(*) FILTER (WHERE unread) AS n FROM mine GROUP BY other_id
		)
		SELECT o.id AS other_id, o.name AS other_name, oi.domain AS other_domain, o.local AS other_local,
			u.n::int AS unread, `+privateMessageColumns+privateMessageFrom+`
		JOIN latest l ON l.id = pm.id
		JOIN unread u ON u.other_id = l.other_id
		JOIN people o ON o.id = l.other_id JOIN instances oi ON oi.id = o.instance_id
		ORDER BY pm.published DESC, pm.id DESC
		LIMIT $2`, personID, limit)
	if err != nil {
		return nil, wrap("list conversations", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Conversation, error) {
		var c Conversation
		m := &c.Last
		err := row.Scan(&c.OtherID, &c.OtherName, &c.OtherDomain, &c.OtherLocal, &c.Unread,
			&m.ID, &m.APID, &m.CreatorID, &m.CreatorName, &m.CreatorDomain, &m.RecipientID, &m.RecipientName,
			&m.RecipientDomain, &m.Content, &m.ContentHTML, &m.Local, &m.Published, &m.Updated, &m.Deleted, &m.Read)
		return c, err
	})
	return out, wrap("list conversations", err)
}

// ConversationMessages is the exchange between two people, oldest first:
// its latest limit messages.
func (s *Store) ConversationMessages(ctx context.Context, personID, otherID int64, limit int) ([]PrivateMessage, error) {
	rows, err := s.db.Query(ctx, `SELECT * FROM (
		SELECT `+privateMessageColumns+privateMessageFrom+`
		WHERE ((pm.creator_id = $1 AND pm.recipient_id = $2) OR (pm.creator_id = $2 AND pm.recipient_id = $1))
			AND NOT (pm.recipient_id = $1 AND `+fromBlockedSQL+`)
		ORDER BY pm.published DESC, pm.id DESC LIMIT $3) m ORDER BY published, id`, personID, otherID, limit)
	if err != nil {
		return nil, wrap("read conversation", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[PrivateMessage])
	return out, wrap("read conversation", err)
}
