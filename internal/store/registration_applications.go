package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Application is a sign-up that waits for an admin, or that one decided.
type Application struct {
	ID        int64      `db:"id"`
	PersonID  int64      `db:"person_id"`
	Name      string     `db:"name"`
	Email     string     `db:"email"`
	Answer    string     `db:"answer"`
	CreatedAt time.Time  `db:"created_at"`
	DecidedAt *time.Time `db:"decided_at"`
	// AdminName is who decided: "" for the command line, or an admin
	// whose account is gone.
	AdminName  string `db:"admin_name"`
	DenyReason string `db:"deny_reason"`
	Accepted   bool   `db:"accepted"`
}

// Pending: no admin has decided yet.
func (a Application) Pending() bool { return a.DecidedAt == nil }

// Denied: an admin refused it, and nobody approved it since.
func (a Application) Denied() bool { return a.DecidedAt != nil && !a.Accepted }

const applicationColumns = `a.id, a.person_id, p.name, coalesce(u.email, '') AS email, a.answer, a.created_at,
	a.decided_at, coalesce(ad.name, '') AS admin_name, coalesce(a.deny_reason, '') AS deny_reason, u.accepted`

const applicationFrom = ` FROM registration_applications a
	JOIN local_users u ON u.person_id = a.person_id
	JOIN people p ON p.id = a.person_id
	LEFT JOIN people ad ON ad.id = a.admin_id `

// ApplicationQuery chooses a page of applications: the pending ones,
// oldest first (the queue), or all, newest first (the record).
type ApplicationQuery struct {
	All   bool
	After int64 // the last id of the page before; zero for the first
	// Offset skips as many, for clients that ask for numbered pages.
	Offset int
	Limit  int
}

// ListApplications returns one page of applications.
func (s *Store) ListApplications(ctx context.Context, q ApplicationQuery) ([]Application, error) {
	sql := `SELECT ` + applicationColumns + applicationFrom +
		`WHERE a.decided_at IS NULL AND a.id > $1 ORDER BY a.id LIMIT $2 OFFSET $3`
	if q.All {
		sql = `SELECT ` + applicationColumns + applicationFrom +
			`WHERE ($1 = 0 OR a.id < $1) ORDER BY a.id DESC LIMIT $2 OFFSET $3`
	}
	rows, _ := s.db.Query(ctx, sql, q.After, q.Limit, q.Offset)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Application])
	return out, wrap("list registration applications", err)
}

// CountPendingApplications counts the applications no admin has decided.
func (s *Store) CountPendingApplications(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT count(*) FROM registration_applications WHERE decided_at IS NULL`).Scan(&n)
	return n, wrap("count pending applications", err)
}

// ApplicationOf finds the application of an account.
func (s *Store) ApplicationOf(ctx context.Context, personID int64) (Application, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+applicationColumns+applicationFrom+`WHERE a.person_id = $1`, personID)
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Application])
	return a, wrap("get registration application", err)
}

// ApplicationByID finds an application by its id.
func (s *Store) ApplicationByID(ctx context.Context, id int64) (Application, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+applicationColumns+applicationFrom+`WHERE a.id = $1`, id)
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Application])
	return a, wrap("get registration application", err)
}

// ApplicationForDecision finds the application of the account named name
// (ignoring case) and locks it and the account until the transaction
// ends, so that two admins deciding at once do not both succeed.
func (s *Store) ApplicationForDecision(ctx context.Context, name string) (Application, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+applicationColumns+applicationFrom+`
		WHERE p.local AND lower(p.name) = lower($1) FOR UPDATE OF a, u`, name)
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Application])
	return a, wrap("get registration application of "+name, err)
}

// DecideApplication records an admin's decision (adminID zero for the
// command line) and lets the account log in, or not. An approval clears an
// earlier denial's reason.
func (s *Store) DecideApplication(ctx context.Context, id, adminID int64, accept bool, reason string) error {
	tag, err := s.db.Exec(ctx, `
		WITH a AS (
			UPDATE registration_applications
			SET admin_id = nullif($2, 0), deny_reason = CASE WHEN $3 THEN NULL ELSE $4 END, decided_at = now()
			WHERE id = $1
			RETURNING person_id)
		UPDATE local_users u SET accepted = $3 FROM a WHERE u.person_id = a.person_id`,
		id, adminID, accept, reason)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("decide registration application", err)
}
