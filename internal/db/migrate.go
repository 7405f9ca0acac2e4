package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/tidings/tidings/migrations"
)

// Migration is one embedded up/down pair.
type Migration struct {
	Version uint
	Name    string
}

// Migrations lists the embedded migrations in order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".up.sql")
		if !ok {
			continue
		}
		num, rest, _ := strings.Cut(name, "_")
		v, err := strconv.ParseUint(num, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration %q: version is not a number: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: uint(v), Name: rest})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// LatestVersion is the schema version this binary expects.
func LatestVersion() (uint, error) {
	ms, err := Migrations()
	if err != nil || len(ms) == 0 {
		return 0, err
	}
	return ms[len(ms)-1].Version, nil
}

// RiverLatestVersion is the version of the job queue's (River's) schema
// this binary expects.
func RiverLatestVersion() int {
	return riverLatest()
}

var riverLatest = sync.OnceValue(func() int {
	// The driver's pool is not touched for listing the bundled migrations.
	m, err := newRiverMigrator(nil)
	if err != nil {
		panic(fmt.Sprintf("list River's migrations: %v", err))
	}
	all := m.AllVersions()
	if len(all) == 0 {
		return 0
	}
	return all[len(all)-1].Version
})

func newRiverMigrator(pool *pgxpool.Pool) (*rivermigrate.Migrator[pgx.Tx], error) {
	// River logs each step; what matters reaches the caller as an error.
	return rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
}

// Migrator applies the embedded migrations with golang-migrate, then the
// job queue's own tables with River's migrator. Both run under one
// PostgreSQL advisory lock, so that two processes never migrate at once.
type Migrator struct {
	m     *migrate.Migrate
	db    *sql.DB
	river *rivermigrate.Migrator[pgx.Tx]
}

// migrateLockID is an advisory lock key of our own; golang-migrate takes
// its own, different one inside.
const migrateLockID int64 = 0x7469_6469_6e67 // "tiding"

// NewMigrator prepares migrations over the pool's configuration; Close it.
func NewMigrator(pool *pgxpool.Pool) (*Migrator, error) {
	rm, err := newRiverMigrator(pool)
	if err != nil {
		return nil, fmt.Errorf("prepare job queue migrations: %w", err)
	}
	sqlDB := stdlib.OpenDB(*pool.Config().ConnConfig)
	driver, err := migratepgx.WithInstance(sqlDB, &migratepgx.Config{})
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("prepare migration driver: %w", err)
	}
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("prepare migrations: %w", err)
	}
	return &Migrator{m: m, db: sqlDB, river: rm}, nil
}

// Close releases the migrator's connection.
func (mg *Migrator) Close() error {
	srcErr, dbErr := mg.m.Close()
	return errors.Join(srcErr, dbErr, mg.db.Close())
}

// locked runs fn holding the migration lock. River's migrator takes no lock
// of its own, and golang-migrate's is released between its steps and
// River's, so without this two servers starting at once would both try to
// create River's tables.
func (mg *Migrator) locked(op string, fn func(ctx context.Context) error) error {
	ctx := context.Background()
	conn, err := mg.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrateLockID); err != nil {
		return fmt.Errorf("%s: take the migration lock: %w", op, err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, migrateLockID) //nolint:errcheck // closing the session releases it anyway
	return fn(ctx)
}

// Up applies every pending migration, ours then River's, and reports how
// many of ours ran (River's are numbered apart and not counted).
func (mg *Migrator) Up() (applied int, err error) {
	err = mg.locked("migrate up", func(ctx context.Context) error {
		before, _, _ := mg.version()
		if err := mg.m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
			return fmt.Errorf("migrate up: %w", err)
		}
		after, _, _ := mg.version()
		if applied, err = countBetween(before, after); err != nil {
			return err
		}
		if _, err := mg.river.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("migrate job queue up: %w", err)
		}
		return nil
	})
	return applied, err
}

// Down reverts the newest n of our migrations; n < 0 reverts all of them.
// River's tables are dropped, before ours, only when none of ours will
// remain: they hold queued work and depend on nothing of ours, so a partial
// rollback leaves them be.
func (mg *Migrator) Down(n int) error {
	return mg.locked(fmt.Sprintf("migrate down %d", n), func(ctx context.Context) error {
		return mg.down(ctx, n)
	})
}

func (mg *Migrator) down(ctx context.Context, n int) error {
	current, _, err := mg.version()
	if err != nil {
		return fmt.Errorf("migrate down %d: %w", n, err)
	}
	applied, err := countBetween(0, current)
	if err != nil {
		return err
	}
	// golang-migrate would revert what it can before reporting a short
	// count, so an over-large N is refused before anything changes.
	if n > applied {
		return fmt.Errorf("migrate down %d: only %d migration(s) are applied; nothing was reverted", n, applied)
	}
	if n < 0 || n == applied {
		if _, err := mg.river.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1}); err != nil {
			return fmt.Errorf("migrate job queue down: %w", err)
		}
	}
	if n < 0 {
		err = mg.m.Down()
	} else {
		err = mg.m.Steps(-n)
	}
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate down %d: %w", n, err)
	}
	return nil
}

func (mg *Migrator) version() (uint, bool, error) {
	v, dirty, err := mg.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, nil
	}
	return v, dirty, err
}

func countBetween(before, after uint) (int, error) {
	ms, err := Migrations()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range ms {
		if m.Version > before && m.Version <= after {
			n++
		}
	}
	return n, nil
}

// SchemaState says where a database stands against this binary's
// migrations and River's.
type SchemaState struct {
	Current uint // 0 when nothing was ever applied
	Latest  uint
	Dirty   bool // a migration failed half-way and needs a person
	// The job queue's (River's) schema version, 0 when absent, and the one
	// this binary expects.
	RiverCurrent int
	RiverLatest  int
}

// Ready reports whether the schema is exactly the one this binary expects.
func (s SchemaState) Ready() bool {
	return !s.Dirty && s.Current == s.Latest && s.RiverCurrent == s.RiverLatest
}

// Describe explains the state in words for logs and /readyz.
func (s SchemaState) Describe() string {
	switch {
	case s.Dirty:
		return fmt.Sprintf("migration %d failed half-way; fix the database by hand, then run `tidings migrate` again", s.Current)
	case s.Current < s.Latest:
		return fmt.Sprintf("database schema is at version %d, this binary needs %d: run `tidings migrate up` or set TIDINGS_AUTO_MIGRATE=true", s.Current, s.Latest)
	case s.Current > s.Latest:
		return fmt.Sprintf("database schema is at version %d, newer than this binary's %d: run a newer tidings", s.Current, s.Latest)
	case s.RiverCurrent < s.RiverLatest:
		return fmt.Sprintf("job queue schema (River) is at version %d, this binary needs %d: run `tidings migrate up` or set TIDINGS_AUTO_MIGRATE=true", s.RiverCurrent, s.RiverLatest)
	case s.RiverCurrent > s.RiverLatest:
		return fmt.Sprintf("job queue schema (River) is at version %d, newer than this binary's %d: run a newer tidings", s.RiverCurrent, s.RiverLatest)
	case s.RiverLatest > 0:
		return fmt.Sprintf("schema is current (version %d, job queue version %d)", s.Current, s.RiverCurrent)
	}
	return fmt.Sprintf("schema is current (version %d)", s.Current)
}

// CheckSchema reads golang-migrate's and River's bookkeeping tables
// directly, which is cheap enough for every /readyz probe.
func CheckSchema(ctx context.Context, pool *pgxpool.Pool) (SchemaState, error) {
	latest, err := LatestVersion()
	if err != nil {
		return SchemaState{}, err
	}
	st := SchemaState{Latest: latest, RiverLatest: RiverLatestVersion()}
	var ours, river bool
	err = pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL, to_regclass('river_migration') IS NOT NULL`).
		Scan(&ours, &river)
	if err != nil {
		return st, fmt.Errorf("check schema: %w", err)
	}
	if ours {
		var v int64
		err = pool.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations LIMIT 1`).Scan(&v, &st.Dirty)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return st, fmt.Errorf("check schema: %w", err)
		}
		if v > 0 {
			st.Current = uint(v)
		}
	}
	if river {
		err = pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM river_migration WHERE line = 'main'`).
			Scan(&st.RiverCurrent)
		if err != nil {
			return st, fmt.Errorf("check job queue schema: %w", err)
		}
	}
	return st, nil
}
