package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// ExportedSaved is a saved post or comment, by its ActivityPub id.
type ExportedSaved struct {
	Kind  string    `db:"kind" json:"kind"` // "post" or "comment"
	ID    string    `db:"ap_id" json:"id"`
	Saved time.Time `db:"saved_at" json:"saved"`
}

// ExportedBlock is a person, community or instance a person blocks: the
// actor's id, or an instance's host.
type ExportedBlock struct {
	Kind  string    `db:"kind" json:"kind"` // "person", "community" or "instance"
	ID    string    `db:"target" json:"id"`
	Since time.Time `db:"published" json:"since"`
}

// ExportSaved lists what a person saved, oldest first.
func (s *Store) ExportSaved(ctx context.Context, personID int64) ([]ExportedSaved, error) {
	rows, _ := s.db.Query(ctx, `SELECT 'post' AS kind, p.ap_id, sp.saved_at
			FROM saved_posts sp JOIN posts p ON p.id = sp.post_id WHERE sp.person_id = $1
		UNION ALL SELECT 'comment', c.ap_id, sc.saved_at
			FROM saved_comments sc JOIN comments c ON c.id = sc.comment_id WHERE sc.person_id = $1
		ORDER BY saved_at, ap_id`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ExportedSaved])
	return out, wrap("export saved", err)
}

// ExportBlocks lists a person's own blocks, oldest first.
func (s *Store) ExportBlocks(ctx context.Context, personID int64) ([]ExportedBlock, error) {
	rows, _ := s.db.Query(ctx, `SELECT 'person' AS kind, p.ap_id AS target, b.published
			FROM person_blocks b JOIN people p ON p.id = b.target_id WHERE b.person_id = $1
		UNION ALL SELECT 'community', c.ap_id, b.published
			FROM community_blocks b JOIN communities c ON c.id = b.community_id WHERE b.person_id = $1
		UNION ALL SELECT 'instance', i.domain, b.published
			FROM instance_blocks b JOIN instances i ON i.id = b.instance_id WHERE b.person_id = $1
		ORDER BY published, target`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ExportedBlock])
	return out, wrap("export blocks", err)
}
