package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/config"
	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// app is what a command that works on the instance has open.
type app struct {
	cfg   config.Config
	log   *slog.Logger
	pool  *pgxpool.Pool
	store *store.Store
	forum *forum.Service
	// jobs inserts and changes jobs; it works none.
	jobs *river.Client[pgx.Tx]
}

func (a *app) Close() { a.pool.Close() }

func loadConfig(sys *IO) (config.Config, error) {
	cfg, err := config.Load(sys.LookupEnv, sys.ReadFile)
	if err != nil {
		return cfg, fmt.Errorf("configuration:\n  %w", indent(err))
	}
	return cfg, nil
}

// indent puts each of several configuration problems on its own line.
func indent(err error) error {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		msg := ""
		for i, e := range joined.Unwrap() {
			if i > 0 {
				msg += "\n  "
			}
			msg += e.Error()
		}
		return errors.New(msg)
	}
	return err
}

// openDB loads the configuration and connects, for commands that need only
// the database.
func openDB(ctx context.Context, sys *IO) (config.Config, *pgxpool.Pool, error) {
	cfg, err := loadConfig(sys)
	if err != nil {
		return cfg, nil, err
	}
	pool, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return cfg, nil, err
	}
	return cfg, pool, nil
}

// openApp opens everything an admin command needs and refuses to touch a
// database whose schema is not this binary's.
func openApp(ctx context.Context, sys *IO) (*app, error) {
	cfg, pool, err := openDB(ctx, sys)
	if err != nil {
		return nil, err
	}
	a, err := newApp(ctx, sys, cfg, pool)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return a, nil
}

func newApp(ctx context.Context, sys *IO, cfg config.Config, pool *pgxpool.Pool) (*app, error) {
	if err := cfg.RequireHost(); err != nil {
		return nil, err
	}
	st, err := db.CheckSchema(ctx, pool)
	if err != nil {
		return nil, err
	}
	if !st.Ready() {
		return nil, errors.New(st.Describe())
	}
	log := newLogger(sys, cfg)
	jobs, err := newRiver(pool, log, nil)
	if err != nil {
		return nil, err
	}
	s := store.New(pool)
	opts := []forum.Option{forum.WithJobs(riverJobs{client: jobs})}
	if cfg.SMTP != nil {
		opts = append(opts, forum.WithMail())
	}
	storage, err := newStorage(ctx, cfg.Media)
	if err != nil {
		return nil, err
	}
	opts = append(opts, forum.WithMedia(storage))
	f, err := forum.Open(ctx, s, cfg.Scheme, cfg.Host, opts...)
	if err != nil {
		return nil, err
	}
	return &app{cfg: cfg, log: log, pool: pool, store: s, forum: f, jobs: jobs}, nil
}

func newLogger(sys *IO, cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(sys.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(sys.Stderr, opts))
}
