// Package store is all of Tidings' SQL: one file per table or aggregate,
// hand-written queries over pgx. It knows nothing of HTTP or ActivityPub; it
// stores and reads rows and reports ErrNotFound and ErrConflict.
package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DBTX is what both a pool and a transaction offer, so every query method
// works inside or outside a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Store runs queries on a pool, or on one transaction inside InTx.
type Store struct {
	db   DBTX
	pool *pgxpool.Pool
}

// New returns a Store over a pool.
func New(pool *pgxpool.Pool) *Store {
	return &Store{db: pool, pool: pool}
}

// InTx runs fn with a Store bound to one transaction, committed when fn
// returns nil and rolled back otherwise. Nested calls join the outer one.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.pool == nil {
		return fn(s)
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return fn(&Store{db: tx})
	})
}

// PgxTx is the transaction a Store inside InTx runs on, for the job queue,
// which must enqueue in the same transaction as the change; nil outside one.
func (s *Store) PgxTx() pgx.Tx {
	tx, _ := s.db.(pgx.Tx)
	return tx
}

// PgxPool is the pool under the store, for tests that look at tables
// directly; nil inside a transaction.
func (s *Store) PgxPool() *pgxpool.Pool { return s.pool }
