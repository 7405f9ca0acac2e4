package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// These serve the admin's demonstration content, which backdates what it
// creates so that accounts and communities are older than their posts.

// SetPersonPublished changes when a person joined and clears the edited mark.
func (s *Store) SetPersonPublished(ctx context.Context, id int64, published time.Time) error {
	tag, err := s.db.Exec(ctx, `UPDATE people SET published = $2, updated = NULL WHERE id = $1`, id, published)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set person published", err)
}

// SetCommunityPublished changes when a community was created.
func (s *Store) SetCommunityPublished(ctx context.Context, id int64, published time.Time) error {
	tag, err := s.db.Exec(ctx, `UPDATE communities SET published = $2, updated = NULL WHERE id = $1`, id, published)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set community published", err)
}
