package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// DeleteOtherSessions logs a person out everywhere but the session whose
// token hashes to keep (nil keeps none).
func (s *Store) DeleteOtherSessions(ctx context.Context, personID int64, keep []byte) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE person_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)`,
		personID, keep)
	return tag.RowsAffected(), wrap("delete other sessions", err)
}

// SetEmail gives an account an address ("" for none), verified or not;
// ErrConflict when another account has it.
func (s *Store) SetEmail(ctx context.Context, personID int64, email string, verified bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE local_users SET email = nullif($2, ''), email_verified = $3 AND $2 <> '',
		awaiting_verification = awaiting_verification AND NOT $3 WHERE person_id = $1`, personID, email, verified)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set email", err)
}

// SetAwaitingVerification keeps a new account from logging in until its
// address is verified.
func (s *Store) SetAwaitingVerification(ctx context.Context, personID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE local_users SET awaiting_verification = true WHERE person_id = $1`, personID)
	return wrap("set awaiting verification", err)
}

// SetEmailNotifications saves whether a person is mailed their replies
// and messages.
func (s *Store) SetEmailNotifications(ctx context.Context, personID int64, on bool) error {
	_, err := s.db.Exec(ctx, `UPDATE local_users SET email_notifications = $2 WHERE person_id = $1`, personID, on)
	return wrap("set email notifications", err)
}

// LocalUserByEmail finds the account with an address, ignoring case.
func (s *Store) LocalUserByEmail(ctx context.Context, email string) (LocalUser, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+localUserColumns+localUserFrom+` WHERE lower(u.email) = lower($1)`, email)
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[LocalUser])
	return u, wrap("get local user by email", err)
}

// ClearAccount empties what a deleted account said about itself (display
// name, bio, images, address) and ends its sessions and mailed links. The
// name stays, so nobody else can take it and pass for the person.
func (s *Store) ClearAccount(ctx context.Context, personID int64) error {
	if _, err := s.db.Exec(ctx, `UPDATE people SET display_name = NULL, bio = NULL, bio_html = NULL,
		avatar_url = NULL, banner_url = NULL, updated = now() WHERE id = $1`, personID); err != nil {
		return wrap("clear deleted profile", err)
	}
	if _, err := s.db.Exec(ctx, `UPDATE local_users SET email = NULL, email_verified = false,
		email_notifications = false WHERE person_id = $1`, personID); err != nil {
		return wrap("clear deleted account's email", err)
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM email_tokens WHERE person_id = $1`, personID); err != nil {
		return wrap("delete deleted account's links", err)
	}
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE person_id = $1`, personID)
	return wrap("end deleted account's sessions", err)
}

// CountActiveAdmins counts the admins who may act (not banned, not
// deleted), holding their rows until the transaction ends, so two admins
// deleting their accounts at once cannot leave the site with none.
func (s *Store) CountActiveAdmins(ctx context.Context) (int, error) {
	rows, _ := s.db.Query(ctx, `SELECT u.person_id FROM local_users u JOIN people p ON p.id = u.person_id
		WHERE u.admin AND NOT p.deleted AND NOT `+bannedSQL+` FOR UPDATE OF u, p`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return len(ids), wrap("count active admins", err)
}
