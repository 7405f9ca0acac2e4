package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/api"
	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/mail"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/server"
	"github.com/tidings/tidings/internal/web"
	"github.com/tidings/tidings/internal/worker"
)

const shutdownGrace = 25 * time.Second

// jobsGrace is how long running jobs get to finish at shutdown, after the
// HTTP server's own grace; a link fetch takes at most 10 s.
const jobsGrace = 10 * time.Second

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
	// The one outbound client, shared by jobs and federation.
	fed, client, err := newFederation(ctx, a)
	if err != nil {
		return err
	}
	pages.SetResolver(fed)
	m := newMetrics(a, log)
	fed.CountInbox(m.Inbox)
	// Pictures have a client of their own: the shared one stops at 1 MiB.
	images := media.NewFetcher(cfg.AllowPrivateAddresses, "Tidings/"+versionString()+" (+"+cfg.BaseURL()+")")
	pages.SetImageFetcher(images)
	workers := river.NewWorkers()
	deps := worker.Deps{Store: a.store, HTTP: client, Log: log, Announcer: fed, Backfiller: fed,
		Verifier: fed, DeliverRetryBase: cfg.DeliveryRetryBase, Postman: a.forum, Pictures: a.forum, Images: images}
	if cfg.SMTP != nil {
		deps.Mail = mail.NewSMTP(*cfg.SMTP)
		log.Info("mail goes through SMTP", "server", cfg.SMTP.Addr(), "from", cfg.SMTP.From)
	}
	worker.Register(workers, deps)
	jobs, err := newRiver(pool, log, workers)
	if err != nil {
		return err
	}
	// Not ctx: SIGTERM cancels it, which would abort running jobs at once;
	// stopRiver stops them gently once the HTTP server is done.
	if err := jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start the job queue: %w", err)
	}
	defer stopRiver(jobs, log, jobsGrace)
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s (TIDINGS_LISTEN): %w", cfg.Listen, err)
	}
	apps := api.New(a.forum, a.store, log, api.WithHTTP(client))
	apps.SetResolver(fed)
	h := server.Router(server.Deps{Pool: pool, Log: log, Web: pages, Fed: fed, API: apps, Metrics: m.HTTP})
	stopMetrics, err := serveMetrics(ctx, cfg.MetricsListen, m, log)
	if err != nil {
		return err
	}
	defer stopMetrics()
	log.Info("tidings starting", "version", versionString(), "url", cfg.BaseURL())
	return server.Run(ctx, ln, h, log, shutdownGrace)
}
