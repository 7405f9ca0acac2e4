package dbtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/db/dbtest"
)

// Through the proxy the database answers; Down drops the open connection
// and refuses new ones, as a stopped PostgreSQL does; Up brings it back
// on the same address, with nothing lost.
func TestProxyTakesTheDatabaseAwayAndBack(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := dbtest.NewProxy(t, "127.0.0.1", dbtest.NewURL(t))
	pool, err := pgxpool.New(ctx, p.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, `CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)`); err != nil {
		t.Fatalf("through the proxy: %v", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}

	p.Down()
	if _, err := conn.Exec(ctx, `SELECT 1`); err == nil {
		t.Error("an open connection still works after Down")
	}
	conn.Release()
	start := time.Now()
	if _, err := pool.Exec(ctx, `SELECT 1`); err == nil {
		t.Error("a new connection works after Down")
	} else if time.Since(start) > 5*time.Second {
		t.Errorf("a refused connection took %s to fail", time.Since(start))
	}

	p.Up(t)
	var n int
	if err := pool.QueryRow(ctx, `SELECT n FROM kept`).Scan(&n); err != nil || n != 1 {
		t.Errorf("after Up: %d, %v", n, err)
	}
}
