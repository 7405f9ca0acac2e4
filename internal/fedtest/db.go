package fedtest

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DB opens a connection pool to the instance's database, closed when the
// test ends, for what no page shows: the job queue's rows, say.
func (in *Instance) DB(t testing.TB) *pgxpool.Pool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, in.DatabaseURL)
	if err != nil {
		t.Fatalf("fedtest: open the database of %s: %v", in.Host, err)
	}
	t.Cleanup(pool.Close)
	return pool
}
