package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

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

// Migrator applies the embedded migrations with golang-migrate, which holds a
// PostgreSQL advisory lock so that two processes never migrate at once.
type Migrator struct {
	m  *migrate.Migrate
	db *sql.DB
}

// NewMigrator prepares migrations over the pool's configuration; Close it.
func NewMigrator(pool *pgxpool.Pool) (*Migrator, error) {
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
	return &Migrator{m: m, db: sqlDB}, nil
}

// Close releases the migrator's connection.
func (mg *Migrator) Close() error {
	srcErr, dbErr := mg.m.Close()
	return errors.Join(srcErr, dbErr, mg.db.Close())
}

// Up applies every pending migration and reports how many ran.
func (mg *Migrator) Up() (applied int, err error) {
	before, _, _ := mg.version()
	if err := mg.m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return 0, fmt.Errorf("migrate up: %w", err)
	}
	after, _, _ := mg.version()
	return countBetween(before, after)
}

// Down reverts the newest n migrations; n < 0 reverts all of them.
func (mg *Migrator) Down(n int) error {
	var err error
	if n < 0 {
		err = mg.m.Down()
	} else {
		// golang-migrate would revert what it can before reporting a short
		// count, so an over-large N is refused before anything changes.
		current, _, verr := mg.version()
		if verr != nil {
			return fmt.Errorf("migrate down %d: %w", n, verr)
		}
		applied, cerr := countBetween(0, current)
		if cerr != nil {
			return cerr
		}
		if n > applied {
			return fmt.Errorf("migrate down %d: only %d migration(s) are applied; nothing was reverted", n, applied)
		}
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

// SchemaState says where a database stands against this binary's migrations.
type SchemaState struct {
	Current uint // 0 when nothing was ever applied
	Latest  uint
	Dirty   bool // a migration failed half-way and needs a person
}

// Ready reports whether the schema is exactly the one this binary expects.
func (s SchemaState) Ready() bool { return !s.Dirty && s.Current == s.Latest }

// Describe explains the state in words for logs and /readyz.
func (s SchemaState) Describe() string {
	switch {
	case s.Dirty:
		return fmt.Sprintf("migration %d failed half-way; fix the database by hand, then run `tidings migrate` again", s.Current)
	case s.Current < s.Latest:
		return fmt.Sprintf("database schema is at version %d, this binary needs %d: run `tidings migrate up` or set TIDINGS_AUTO_MIGRATE=true", s.Current, s.Latest)
	case s.Current > s.Latest:
		return fmt.Sprintf("database schema is at version %d, newer than this binary's %d: run a newer tidings", s.Current, s.Latest)
	}
	return fmt.Sprintf("schema is current (version %d)", s.Current)
}

// CheckSchema reads golang-migrate's bookkeeping table directly, which is
// cheap enough for every /readyz probe.
func CheckSchema(ctx context.Context, pool *pgxpool.Pool) (SchemaState, error) {
	latest, err := LatestVersion()
	if err != nil {
		return SchemaState{}, err
	}
	st := SchemaState{Latest: latest}
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return st, fmt.Errorf("check schema: %w", err)
	}
	if !exists {
		return st, nil
	}
	var v int64
	err = pool.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations LIMIT 1`).Scan(&v, &st.Dirty)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return st, fmt.Errorf("check schema: %w", err)
	}
	if v > 0 {
		st.Current = uint(v)
	}
	return st, nil
}
