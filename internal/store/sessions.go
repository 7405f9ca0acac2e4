package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// CreateSession stores a session under the hash of its cookie token.
func (s *Store) CreateSession(ctx context.Context, tokenHash []byte, personID int64, userAgent string, expires time.Time) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO sessions (token_hash, person_id, user_agent, expires_at) VALUES ($1, $2, nullif($3, ''), $4)`,
		tokenHash, personID, userAgent, expires)
	return wrap("create session", err)
}

// SessionUser returns the account of a live session and notes its use;
// ErrNotFound for an unknown or expired one.
func (s *Store) SessionUser(ctx context.Context, tokenHash []byte) (LocalUser, error) {
	var personID int64
	err := s.db.QueryRow(ctx, `
		SELECT person_id FROM sessions WHERE token_hash = $1 AND expires_at > now()`, tokenHash).Scan(&personID)
	if err == nil {
		// Noted at most hourly, so reading pages does not write on every view.
		_, err = s.db.Exec(ctx, `UPDATE sessions SET last_seen_at = now()
			WHERE token_hash = $1 AND last_seen_at < now() - interval '1 hour'`, tokenHash)
	}
	if err != nil {
		return LocalUser{}, wrap("find session", err)
	}
	return s.LocalUserByID(ctx, personID)
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return wrap("delete session", err)
}

// DeletePersonSessions logs a person out everywhere.
func (s *Store) DeletePersonSessions(ctx context.Context, personID int64) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE person_id = $1`, personID)
	return tag.RowsAffected(), wrap("delete sessions", err)
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= now()`)
	return tag.RowsAffected(), wrap("delete expired sessions", err)
}

// CountSessions counts a person's live sessions.
func (s *Store) CountSessions(ctx context.Context, personID int64) (int, error) {
	rows, _ := s.db.Query(ctx, `SELECT count(*) FROM sessions WHERE person_id = $1 AND expires_at > now()`, personID)
	n, err := pgx.CollectExactlyOneRow(rows, pgx.RowTo[int])
	return n, wrap("count sessions", err)
}
