package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/web"
)

const shutdownGrace = 25 * time.Second

func runServe(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Run the HTTP server until SIGTERM or SIGINT, then finish requests in flight and stop.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	cfg, pool, err := openDB(ctx, sys)
	if err != nil {
		return err
	}
	defer pool.Close()
	log := newLogger(sys, cfg)

	st, err := db.CheckSchema(ctx, pool)
	if err != nil {
		return err
	}
	if !st.Ready() && cfg.AutoMigrate && !st.Dirty {
		log.Info("migrating", "from", st.Current, "to", st.Latest)
		if _, err := migrateUp(pool); err != nil {
			return err
		}
	}
	a, err := newApp(ctx, sys, cfg, pool)
	if err != nil {
		return err
	}
	pages, err := web.New(a.forum, a.store, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s (TIDINGS_LISTEN): %w", cfg.Listen, err)
	}
	h := server.Router(server.Deps{Pool: pool, Log: log, Web: pages})
	log.Info("tidings starting", "version", versionString(), "url", cfg.BaseURL())
	return server.Run(ctx, ln, h, log, shutdownGrace)
}
