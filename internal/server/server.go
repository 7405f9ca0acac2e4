// Package server assembles the HTTP router and runs it with a graceful
// shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/api"
	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/metrics"
	"github.com/tidings/tidings/internal/web"
)

// Deps is what the router needs; the CLI's serve command builds it.
type Deps struct {
	Pool *pgxpool.Pool
	Log  *slog.Logger
	Web  *web.Handler
	Fed  *federation.Handler
	API  *api.Handler // nil: no client API
	// Metrics counts requests by route; nil: not counted.
	Metrics *metrics.HTTP
}

// Router returns the whole route table.
func Router(d Deps) http.Handler {
	r := chi.NewRouter()
	r.Use(Middleware(d.Log, d.Metrics), compress)
	if d.Fed != nil {
		// The same addresses are pages for people and JSON for servers.
		r.Use(d.Fed.Negotiate)
	}
	r.Get("/healthz", healthz)
	r.Get("/readyz", readyz(d.Pool))
	if d.Fed != nil {
		d.Fed.Routes(r)
	}
	if d.API != nil {
		r.Mount(api.Prefix, d.API.Routes())
		d.API.PictrsRoutes(r)
	}
	d.Web.Routes(r)
	return r
}

// Middleware is what every request passes through: an id, one log line
// and its count in m (nil: not counted), a 500 instead of a dropped
// connection when a handler panics, and a 400 for an address that is not
// text (refuseUnreadableURLs).
func Middleware(log *slog.Logger, m *metrics.HTTP) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return requestID(accessLog(log, m)(recoverPanics(log)(refuseUnreadableURLs(next))))
	}
}

// compress is Compress with its fixed options, which cannot fail.
var compress = func() func(http.Handler) http.Handler {
	c, err := Compress()
	if err != nil {
		panic(err)
	}
	return c
}()

// healthz answers while the process can serve at all.
func healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 only when the database is reachable and its schema is
// the one this binary expects, so a load balancer holds traffic back until then.
func readyz(pool *pgxpool.Pool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := pool.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "database unreachable")
			return
		}
		st, err := db.CheckSchema(ctx, pool)
		if err != nil || !st.Ready() {
			w.WriteHeader(http.StatusServiceUnavailable)
			if err != nil {
				fmt.Fprintln(w, "cannot read schema version")
				return
			}
			fmt.Fprintln(w, st.Describe())
			return
		}
		fmt.Fprintln(w, "ready")
	}
}

// Run serves until ctx is cancelled (SIGTERM or SIGINT), then stops taking
// connections and lets requests in flight finish for up to grace.
func Run(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, grace time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down http: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http: %w", err)
	}
	log.Info("stopped")
	return nil
}
