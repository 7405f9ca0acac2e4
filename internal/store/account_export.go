package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// ExportedPost is a post as a person's data export lists it.
type ExportedPost struct {
	ID        string     `db:"ap_id" json:"id"`
	Community string     `db:"community" json:"community"`
	Title     string     `db:"title" json:"title"`
	URL       string     `db:"url" json:"url,omitempty"`
	Body      string     `db:"body" json:"body,omitempty"`
	Language  string     `db:"language" json:"language"`
	NSFW      bool       `db:"nsfw" json:"nsfw"`
	Published time.Time  `db:"published" json:"published"`
	Updated   *time.Time `db:"updated" json:"updated,omitempty"`
	Deleted   bool       `db:"deleted" json:"deleted"`
	Removed   bool       `db:"removed" json:"removed"`
	Score     int        `db:"score" json:"score"`
}

// ExportedComment is a comment as a person's data export lists it.
type ExportedComment struct {
	ID        string     `db:"ap_id" json:"id"`
	Post      string     `db:"post" json:"post"`
	InReplyTo string     `db:"in_reply_to" json:"in_reply_to"`
	Body      string     `db:"body" json:"body"`
	Language  string     `db:"language" json:"language"`
	Published time.Time  `db:"published" json:"published"`
	Updated   *time.Time `db:"updated" json:"updated,omitempty"`
	Deleted   bool       `db:"deleted" json:"deleted"`
	Removed   bool       `db:"removed" json:"removed"`
	Score     int        `db:"score" json:"score"`
}

// ExportedSubscription is a community a person follows.
type ExportedSubscription struct {
	Community string    `db:"community" json:"community"`
	Name      string    `db:"name" json:"name"`
	Pending   bool      `db:"pending" json:"pending"` // the remote community has not accepted yet
	Since     time.Time `db:"created_at" json:"since"`
}

// ExportPosts lists everything a person posted, oldest first.
func (s *Store) ExportPosts(ctx context.Context, personID int64) ([]ExportedPost, error) {
	rows, _ := s.db.Query(ctx, `SELECT p.ap_id, c.ap_id AS community, p.title, coalesce(p.url, '') AS url,
		coalesce(p.body, '') AS body, p.language, p.nsfw, p.published, p.updated, p.deleted, p.removed, p.score
		FROM posts p JOIN communities c ON c.id = p.community_id WHERE p.creator_id = $1 ORDER BY p.id`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ExportedPost])
	return out, wrap("export posts", err)
}

// ExportComments lists every comment a person wrote, oldest first, with
// the post and the comment (or post) it answers.
func (s *Store) ExportComments(ctx context.Context, personID int64) ([]ExportedComment, error) {
	rows, _ := s.db.Query(ctx, `SELECT c.ap_id, p.ap_id AS post, coalesce(parent.ap_id, p.ap_id) AS in_reply_to,
		c.body, c.language, c.published, c.updated, c.deleted, c.removed, c.score
		FROM comments c JOIN posts p ON p.id = c.post_id LEFT JOIN comments parent ON parent.id = c.parent_id
		WHERE c.creator_id = $1 ORDER BY c.id`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ExportedComment])
	return out, wrap("export comments", err)
}

// ExportSubscriptions lists the communities a person follows.
func (s *Store) ExportSubscriptions(ctx context.Context, personID int64) ([]ExportedSubscription, error) {
	rows, _ := s.db.Query(ctx, `SELECT c.ap_id AS community,
		CASE WHEN c.local THEN c.name ELSE c.name || '@' || i.domain END AS name,
		f.state = 'pending' AS pending, f.created_at
		FROM community_follows f JOIN communities c ON c.id = f.community_id JOIN instances i ON i.id = c.instance_id
		WHERE f.person_id = $1 ORDER BY f.created_at, c.id`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ExportedSubscription])
	return out, wrap("export subscriptions", err)
}
