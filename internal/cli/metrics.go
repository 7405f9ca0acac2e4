package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/metrics"
	"github.com/tidings/tidings/internal/server"
)

// newMetrics is serve's registry, reading the job queue and the pool of a.
func newMetrics(a *app, log *slog.Logger) *metrics.Metrics {
	return metrics.New(metrics.Deps{Log: log, Pool: a.pool, Store: a.store, DeliverKind: forum.DeliverArgs{}.Kind()})
}

// serveMetrics serves /metrics on addr, apart from the site so that it is
// not public unless the admin makes it so, until ctx is cancelled or stop
// is called; stop returns once it has stopped. With addr empty it serves
// nothing.
func serveMetrics(ctx context.Context, addr string, m *metrics.Metrics, log *slog.Logger) (stop func(), err error) {
	if addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (TIDINGS_METRICS_LISTEN): %w", addr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := server.Run(ctx, ln, m.Handler(), log.With("server", "metrics"), shutdownGrace); err != nil {
			// The site goes on: an admin notices the gap in the graphs.
			log.Error("metrics server", "err", err)
		}
	}()
	return func() { cancel(); <-done }, nil
}
