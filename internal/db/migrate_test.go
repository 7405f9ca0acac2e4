package db_test

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/db/dbtest"
)

func open(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func tables(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(),
		`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func TestMigrationsGoUpDownAndUpAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := open(t, dbtest.NewEmptyURL(t))
	m, err := db.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()

	latest, err := db.LatestVersion()
	if err != nil || latest == 0 {
		t.Fatalf("LatestVersion = %d, %v", latest, err)
	}
	st, err := db.CheckSchema(ctx, pool)
	if err != nil || st.Current != 0 || st.Ready() {
		t.Fatalf("empty database: state %+v, err %v", st, err)
	}

	n, err := m.Up()
	if err != nil {
		t.Fatal(err)
	}
	all, _ := db.Migrations()
	if n != len(all) {
		t.Errorf("Up applied %d, want %d", n, len(all))
	}
	first := tables(t, pool)
	for _, want := range []string{"comments", "communities", "people", "post_votes", "posts", "sessions", "site",
		"river_job", "river_migration", "river_queue"} {
		if i := sort.SearchStrings(first, want); i == len(first) || first[i] != want {
			t.Errorf("table %s missing after up: %v", want, first)
		}
	}
	if st, _ := db.CheckSchema(ctx, pool); !st.Ready() || st.Current != latest ||
		st.RiverCurrent == 0 || st.RiverCurrent != db.RiverLatestVersion() {
		t.Errorf("after up: %+v", st)
	}

	if err := m.Down(1); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.CheckSchema(ctx, pool); st.Current != all[len(all)-2].Version || st.Ready() ||
		st.RiverCurrent != db.RiverLatestVersion() {
		t.Errorf("after down 1 (the job queue's tables stay): %+v", st)
	}
	if err := m.Down(-1); err != nil {
		t.Fatal(err)
	}
	if left := tables(t, pool); len(left) != 0 {
		t.Errorf("tables left after down all: %v", left)
	}
	var funcs int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = 'public'`).Scan(&funcs); err != nil || funcs != 0 {
		t.Errorf("functions left after down all: %d (%v)", funcs, err)
	}
	var types int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
		WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')`).Scan(&types); err != nil || types != 0 {
		t.Errorf("enum or domain types left after down all: %d (%v)", types, err)
	}
	if st, _ := db.CheckSchema(ctx, pool); st.Current != 0 || st.RiverCurrent != 0 {
		t.Errorf("after down all: %+v", st)
	}

	if n, err := m.Up(); err != nil || n != len(all) {
		t.Fatalf("up again: %d, %v", n, err)
	}
	if again := tables(t, pool); len(again) != len(first) {
		t.Errorf("tables after up again %v, first time %v", again, first)
	}
	if n, err := m.Up(); err != nil || n != 0 {
		t.Errorf("up when current: %d, %v", n, err)
	}
}

// Reverting every one of our migrations by number leaves no job queue
// behind either, as `down all` does.
func TestDownToNothingDropsTheJobQueue(t *testing.T) {
	t.Parallel()
	pool := open(t, dbtest.NewURL(t))
	m, err := db.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	all, _ := db.Migrations()
	if err := m.Down(len(all)); err != nil {
		t.Fatal(err)
	}
	if left := tables(t, pool); len(left) != 0 {
		t.Errorf("tables left after down %d: %v", len(all), left)
	}
}

// A database migrated before the job queue existed, or whose River tables
// were dropped, is not ready, says why, and `migrate up` completes it.
func TestMissingJobQueueSchemaIsReportedAndApplied(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := open(t, dbtest.NewURL(t))
	rm, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rm.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1}); err != nil {
		t.Fatal(err)
	}
	st, err := db.CheckSchema(ctx, pool)
	if err != nil || st.Ready() || st.RiverCurrent != 0 {
		t.Fatalf("without River's tables: %+v, %v", st, err)
	}
	if d := st.Describe(); !strings.Contains(d, "job queue") || !strings.Contains(d, "tidings migrate up") {
		t.Errorf("Describe() = %q", d)
	}
	m, err := db.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if n, err := m.Up(); err != nil || n != 0 {
		t.Errorf("up: %d, %v (none of ours were pending)", n, err)
	}
	if st, err := db.CheckSchema(ctx, pool); err != nil || !st.Ready() {
		t.Errorf("after up: %+v, %v", st, err)
	}
}

func TestDownMoreThanAppliedIsRefused(t *testing.T) {
	t.Parallel()
	pool := open(t, dbtest.NewURL(t))
	m, err := db.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Down(1000); err == nil {
		t.Error("down 1000 succeeded")
	}
	if st, _ := db.CheckSchema(context.Background(), pool); !st.Ready() {
		t.Errorf("a refused down changed the schema: %+v", st)
	}
}

// Several servers starting at once with TIDINGS_AUTO_MIGRATE must not trip
// over each other.
func TestConcurrentMigrationsApplyOnce(t *testing.T) {
	t.Parallel()
	url := dbtest.NewEmptyURL(t)
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pool, err := db.Open(context.Background(), url)
			if err != nil {
				errs[i] = err
				return
			}
			defer pool.Close()
			m, err := db.NewMigrator(pool)
			if err != nil {
				errs[i] = err
				return
			}
			defer m.Close()
			_, errs[i] = m.Up()
		}()
	}
	wg.Wait()
	// A migration applied twice would fail on its CREATE TABLE, so no errors
	// and a current schema mean each ran once.
	for i, err := range errs {
		if err != nil {
			t.Errorf("migrator %d: %v", i, err)
		}
	}
	pool := open(t, url)
	if st, err := db.CheckSchema(context.Background(), pool); err != nil || !st.Ready() {
		t.Errorf("after concurrent up: %+v, %v", st, err)
	}
}

func TestSchemaStateDescribesWhatToDo(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		st   db.SchemaState
		want string
	}{
		{db.SchemaState{Current: 3, Latest: 7}, "tidings migrate up"},
		{db.SchemaState{Current: 8, Latest: 7}, "newer"},
		{db.SchemaState{Current: 5, Latest: 7, Dirty: true}, "failed"},
		{db.SchemaState{Current: 7, Latest: 7}, "current"},
		{db.SchemaState{Current: 7, Latest: 7, RiverCurrent: 0, RiverLatest: 6}, "tidings migrate up"},
		{db.SchemaState{Current: 7, Latest: 7, RiverCurrent: 7, RiverLatest: 6}, "newer"},
		{db.SchemaState{Current: 7, Latest: 7, RiverCurrent: 6, RiverLatest: 6}, "current"},
		// Our own schema is the first thing to fix.
		{db.SchemaState{Current: 3, Latest: 7, RiverCurrent: 0, RiverLatest: 6}, "version 3"},
	} {
		if got := c.st.Describe(); !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q lacks %q", c.st, got, c.want)
		}
		if ready := c.st.Ready(); ready != (c.want == "current") {
			t.Errorf("%+v: Ready() = %v", c.st, ready)
		}
	}
}
