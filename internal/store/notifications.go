package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Kinds of Notification.
const (
	NotifyReply   = "reply"
	NotifyMention = "mention"
)

// NewNotification is a reply to, or a mention of, a local person.
type NewNotification struct {
	RecipientID int64
	Kind        string // NotifyReply or NotifyMention
	PostID      int64
	CommentID   int64 // zero for a mention in the post itself
	ActorID     int64 // who wrote it
}

// AddNotification records n once: a second one for the same recipient,
// kind and object changes nothing, and neither does a mention of someone
// the same comment already notifies as a reply, which says more. It
// answers whether a notification was added.
func (s *Store) AddNotification(ctx context.Context, n NewNotification) (bool, error) {
	tag, err := s.db.Exec(ctx, `
		INSERT INTO notifications (recipient_id, kind, post_id, comment_id, actor_id)
		SELECT $1, $2, $3, nullif($4, 0::bigint), $5
		WHERE EXISTS (SELECT 1 FROM local_users WHERE person_id = $1)
			AND ($2 = 'reply' OR NOT EXISTS (SELECT 1 FROM notifications
				WHERE recipient_id = $1 AND post_id = $3 AND comment_id IS NOT DISTINCT FROM nullif($4, 0::bigint)))
		ON CONFLICT DO NOTHING`, n.RecipientID, n.Kind, n.PostID, n.CommentID, n.ActorID)
	if err != nil {
		return false, wrap("add notification", err)
	}
	return tag.RowsAffected() == 1, nil
}

// LocalPeopleNamed are the ids of the local accounts with these names,
// in any case.
func (s *Store) LocalPeopleNamed(ctx context.Context, names []string) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT p.id FROM people p JOIN local_users lu ON lu.person_id = p.id
		WHERE p.local AND lower(p.name) = ANY (SELECT lower(x) FROM unnest($1::text[]) x)`, names)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, wrap("find local people by name", err)
}

// LocalPeopleByAPID are the ids of the local accounts among these actor
// ids.
func (s *Store) LocalPeopleByAPID(ctx context.Context, apIDs []string) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT p.id FROM people p JOIN local_users lu ON lu.person_id = p.id
		WHERE p.local AND p.ap_id = ANY ($1::text[])`, apIDs)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, wrap("find local people by actor id", err)
}

// Notification is one item of a person's inbox, with what it shows: who,
// where, and the text.
type Notification struct {
	ID        int64     `db:"id"`
	Kind      string    `db:"kind"`
	Read      bool      `db:"read"`
	CreatedAt time.Time `db:"created_at"`

	PostID    int64  `db:"post_id"`
	PostTitle string `db:"post_title"`
	CommentID int64  `db:"comment_id"` // zero for a mention in a post
	// The comment's (or the post's) HTML, sanitized when stored, and when
	// it was written and last edited.
	BodyHTML  string     `db:"body_html"`
	Published time.Time  `db:"published"`
	Updated   *time.Time `db:"updated"`

	ActorName   string `db:"actor_name"`
	ActorDomain string `db:"actor_domain"`
	ActorBot    bool   `db:"actor_bot"`

	CommunityName   string `db:"community_name"`
	CommunityDomain string `db:"community_domain"`
	CommunityTitle  string `db:"community_title"`
}

// NotificationFilter selects a page of a person's notifications, newest
// first.
type NotificationFilter struct {
	RecipientID int64
	UnreadOnly  bool
	Kind        string // NotifyReply or NotifyMention; empty for both
	Before      int64  // the last id of the previous page; zero for the first
	Limit       int
}

// notificationShown is the condition for a notification to be shown and
// counted: what caused it, and its community, is not deleted or removed
// (restored, it is shown again), it is not a bot's when the recipient hides those, and the
// recipient has not blocked its author or the author's instance since. n
// is the notification, cm the comment, po the post, a the actor, lu the
// recipient's account.
const notificationShown = `
	NOT (lu.hide_bot_notifications AND a.bot)
	AND NOT EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = n.recipient_id AND b.target_id = n.actor_id)
	AND NOT EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = n.recipient_id AND ib.instance_id = a.instance_id)
	AND (CASE WHEN n.comment_id IS NULL THEN NOT po.deleted AND NOT po.removed
		ELSE NOT cm.deleted AND NOT cm.removed END)
	AND NOT EXISTS (SELECT 1 FROM communities xc WHERE xc.id = po.community_id AND (xc.deleted OR xc.removed))`

const notificationJoins = `
	FROM notifications n
	JOIN local_users lu ON lu.person_id = n.recipient_id
	JOIN people a ON a.id = n.actor_id
	JOIN posts po ON po.id = n.post_id
	LEFT JOIN comments cm ON cm.id = n.comment_id`

// ListNotifications returns a page of a person's notifications, newest
// first.
func (s *Store) ListNotifications(ctx context.Context, f NotificationFilter) ([]Notification, error) {
	unread := ""
	if f.UnreadOnly {
		unread = " AND NOT n.read" // lets the planner use the index of unread ones
	}
	rows, _ := s.db.Query(ctx, `SELECT n.id, n.kind, n.read, n.created_at,
			n.post_id, po.title AS post_title, coalesce(n.comment_id, 0) AS comment_id,
			coalesce(cm.body_html, po.body_html, '') AS body_html,
			coalesce(cm.published, po.published) AS published, CASE WHEN cm.id IS NULL THEN po.updated ELSE cm.updated END AS updated,
			a.name AS actor_name, ai.domain AS actor_domain, a.bot AS actor_bot,
			co.name AS community_name, coi.domain AS community_domain, co.title AS community_title`+
		notificationJoins+`
		JOIN instances ai ON ai.id = a.instance_id
		JOIN communities co ON co.id = po.community_id JOIN instances coi ON coi.id = co.instance_id
		WHERE n.recipient_id = $1`+unread+` AND ($2 = '' OR n.kind = $2) AND ($3 = 0 OR n.id < $3) AND`+
		notificationShown+`
		ORDER BY n.id DESC LIMIT $4`, f.RecipientID, f.Kind, f.Before, f.Limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Notification])
	return out, wrap("list notifications", err)
}

// CountUnreadNotifications counts what ListNotifications shows unread, for
// the header of every page: one range of the index of unread ones.
func (s *Store) CountUnreadNotifications(ctx context.Context, recipientID int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, countUnreadNotifications, recipientID).Scan(&n)
	return n, wrap("count unread notifications", err)
}

const countUnreadNotifications = `SELECT count(*)` + notificationJoins + `
		WHERE n.recipient_id = $1 AND NOT n.read AND` + notificationShown

// CountUnread counts a person's unread notifications and private messages
// together, for the count beside every page's inbox link: one round trip.
func (s *Store) CountUnread(ctx context.Context, personID int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT (`+countUnreadNotifications+`) + (`+countUnreadMessages+`)`, personID).Scan(&n)
	return n, wrap("count unread notifications and messages", err)
}

// MarkNotificationRead marks one of a person's notifications read, or
// unread; ErrNotFound when they have none of that id.
func (s *Store) MarkNotificationRead(ctx context.Context, recipientID, id int64, read bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE notifications SET read = $3 WHERE id = $1 AND recipient_id = $2`,
		id, recipientID, read)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("mark notification read", err)
}

// MarkAllNotificationsRead marks every one of a person's notifications
// read and answers how many were unread.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, recipientID int64) (int64, error) {
	tag, err := s.db.Exec(ctx, `UPDATE notifications SET read = true WHERE recipient_id = $1 AND NOT read`, recipientID)
	return tag.RowsAffected(), wrap("mark all notifications read", err)
}

// HideBotNotifications reports whether a person leaves bots' replies and
// mentions out of their inbox.
func (s *Store) HideBotNotifications(ctx context.Context, personID int64) (bool, error) {
	var hide bool
	err := s.db.QueryRow(ctx, `SELECT hide_bot_notifications FROM local_users WHERE person_id = $1`, personID).Scan(&hide)
	return hide, wrap("read notification settings", err)
}

// SetHideBotNotifications changes that setting.
func (s *Store) SetHideBotNotifications(ctx context.Context, personID int64, hide bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE local_users SET hide_bot_notifications = $2 WHERE person_id = $1`, personID, hide)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("save notification settings", err)
}
