package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// LocalUser is a person with an account here.
type LocalUser struct {
	Person
	PasswordHash  string `db:"password_hash"`
	Email         string `db:"email"`
	EmailVerified bool   `db:"email_verified"`
	// AwaitingVerification: signed up while the site required a verified
	// address, and has not verified it yet.
	AwaitingVerification bool      `db:"awaiting_verification"`
	EmailNotifications   bool      `db:"email_notifications"` // mail me replies and messages
	Admin                bool      `db:"admin"`
	Accepted             bool      `db:"accepted"`
	ShowNSFW             bool      `db:"show_nsfw"`
	DefaultSort          string    `db:"default_sort"`
	DefaultListing       string    `db:"default_listing"`
	CreatedAt            time.Time `db:"created_at"`
	Reading
}

const localUserColumns = personColumns + `, u.password_hash, coalesce(u.email, '') AS email, u.email_verified,
	u.awaiting_verification, u.email_notifications, u.admin, u.accepted,
	u.show_nsfw, u.default_sort, u.default_listing, u.created_at, ` + readingColumns

const localUserFrom = personFrom + ` JOIN local_users u ON u.person_id = p.id `

// InsertLocalUser gives a stored local person an account.
func (s *Store) InsertLocalUser(ctx context.Context, personID int64, passwordHash string, admin, accepted bool) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO local_users (person_id, password_hash, admin, accepted) VALUES ($1, $2, $3, $4)`,
		personID, passwordHash, admin, accepted)
	return wrap("insert local user", err)
}

// LocalUserByName finds an account by name, ignoring case.
func (s *Store) LocalUserByName(ctx context.Context, name string) (LocalUser, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+localUserColumns+localUserFrom+` WHERE lower(p.name) = lower($1)`, name)
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[LocalUser])
	return u, wrap("get local user "+name, err)
}

// LocalUserByID finds an account by its person id.
func (s *Store) LocalUserByID(ctx context.Context, id int64) (LocalUser, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+localUserColumns+localUserFrom+` WHERE p.id = $1`, id)
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[LocalUser])
	return u, wrap("get local user", err)
}

// LocalUsersByIDs finds the accounts of these people, by person id.
func (s *Store) LocalUsersByIDs(ctx context.Context, ids []int64) (map[int64]LocalUser, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+localUserColumns+localUserFrom+` WHERE p.id = ANY($1)`, ids)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[LocalUser])
	out := make(map[int64]LocalUser, len(list))
	for _, u := range list {
		out[u.ID] = u
	}
	return out, wrap("get local users", err)
}

// Account is a local user as the admins' list shows it, with how their
// application stands.
type Account struct {
	LocalUser
	// DenyReason is why an admin denied the account's application: set
	// only while it is denied. An account neither accepted nor denied waits.
	DenyReason string `db:"deny_reason"`
}

// ListLocalUsers returns every account, oldest first.
func (s *Store) ListLocalUsers(ctx context.Context) ([]Account, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+localUserColumns+`, coalesce(a.deny_reason, '') AS deny_reason`+localUserFrom+`
		LEFT JOIN registration_applications a ON a.person_id = p.id ORDER BY p.id`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Account])
	return out, wrap("list local users", err)
}

// IsActiveAdmin tells whether the account is an admin that may act now
// (not banned, a ban that has ended counting for none, and not deleted),
// and holds its row until the transaction ends, so that the right cannot
// be withdrawn while the action it allows is being written.
func (s *Store) IsActiveAdmin(ctx context.Context, personID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `
		SELECT u.admin AND NOT `+bannedSQL+` AND NOT p.deleted
		FROM local_users u JOIN people p ON p.id = u.person_id
		WHERE u.person_id = $1 FOR SHARE OF u`, personID).Scan(&ok)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return ok, wrap("check admin", err)
}

// CountAdmins counts accounts with the admin flag.
func (s *Store) CountAdmins(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT count(*) FROM local_users WHERE admin`).Scan(&n)
	return n, wrap("count admins", err)
}

// SetAdmin grants or withdraws the admin flag.
func (s *Store) SetAdmin(ctx context.Context, personID int64, admin bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE local_users SET admin = $2 WHERE person_id = $1`, personID, admin)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set admin", err)
}

// SetPasswordHash replaces an account's password.
func (s *Store) SetPasswordHash(ctx context.Context, personID int64, hash string) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE local_users SET password_hash = $2, password_changed_at = now() WHERE person_id = $1`, personID, hash)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set password", err)
}

// UpdatePreferences saves a user's default sort, listing and NSFW choice.
func (s *Store) UpdatePreferences(ctx context.Context, personID int64, sort, listing string, showNSFW bool) error {
	_, err := s.db.Exec(ctx, `UPDATE local_users SET default_sort = $2, default_listing = $3, show_nsfw = $4
		WHERE person_id = $1`, personID, sort, listing, showNSFW)
	return wrap("update preferences", err)
}

// InsertRegistrationApplication records a sign-up waiting for approval.
func (s *Store) InsertRegistrationApplication(ctx context.Context, personID int64, answer string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO registration_applications (person_id, answer) VALUES ($1, $2)`,
		personID, answer)
	return wrap("insert registration application", err)
}

// FirstAdmin is the oldest admin not banned, who acts for the admin
// commands that need a person to act.
func (s *Store) FirstAdmin(ctx context.Context) (LocalUser, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+localUserColumns+localUserFrom+` WHERE u.admin AND NOT p.deleted AND NOT `+bannedSQL+`
		ORDER BY p.id LIMIT 1`)
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[LocalUser])
	return u, wrap("get first admin", err)
}
