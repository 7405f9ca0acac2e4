package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Purposes of an emailed link.
const (
	TokenVerifyEmail   = "verify_email"
	TokenResetPassword = "reset_password"
)

// EmailToken is a link mailed to a person, found by the hash of its token.
type EmailToken struct {
	PersonID  int64      `db:"person_id"`
	Purpose   string     `db:"purpose"`
	Email     string     `db:"email"`
	ExpiresAt time.Time  `db:"expires_at"`
	UsedAt    *time.Time `db:"used_at"`
}

// InsertEmailToken stores a link's token hash.
func (s *Store) InsertEmailToken(ctx context.Context, hash []byte, personID int64, purpose, email string, expires time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO email_tokens (token_hash, person_id, purpose, email, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, hash, personID, purpose, email, expires)
	return wrap("insert email token", err)
}

// EmailTokenForUpdate reads a link and locks it until the transaction
// ends, so that two uses at once cannot both succeed; ErrNotFound for a
// token never issued for that purpose.
func (s *Store) EmailTokenForUpdate(ctx context.Context, hash []byte, purpose string) (EmailToken, error) {
	rows, _ := s.db.Query(ctx, `SELECT person_id, purpose, email, expires_at, used_at FROM email_tokens
		WHERE token_hash = $1 AND purpose = $2 FOR UPDATE`, hash, purpose)
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[EmailToken])
	return t, wrap("get email token", err)
}

// UseEmailTokens marks a person's links of a purpose used: the one just
// followed, and any older one, so only the newest mail's link ever works.
func (s *Store) UseEmailTokens(ctx context.Context, personID int64, purpose string) error {
	_, err := s.db.Exec(ctx, `UPDATE email_tokens SET used_at = now()
		WHERE person_id = $1 AND purpose = $2 AND used_at IS NULL`, personID, purpose)
	return wrap("use email tokens", err)
}

// DeleteStaleEmailTokens removes links that expired over a day ago; a
// day's grace lets a late click still be told "expired", not "unknown".
func (s *Store) DeleteStaleEmailTokens(ctx context.Context) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM email_tokens WHERE expires_at < now() - interval '1 day'`)
	return tag.RowsAffected(), wrap("delete stale email tokens", err)
}
