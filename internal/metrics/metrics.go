// Package metrics defines what Tidings exposes to Prometheus at /metrics:
// HTTP requests by route, inbox activities by outcome, deliveries and the
// job queue by state, the database pool, and the Go runtime. Each server
// process has its own registry (New), so tests in one process never share
// counts; the handlers that count get the parts they need (HTTP, Inbox).
package metrics

import (
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tidings/tidings/internal/store"
)

// namespace starts every series of ours, so an admin's Prometheus tells
// them from other programs' on the same machine.
const namespace = "tidings"

// Metrics is one process's registry and the instruments others count with.
type Metrics struct {
	registry *prometheus.Registry
	log      *slog.Logger
	HTTP     *HTTP
	Inbox    *Inbox
}

// Deps is what the scrape-time collectors read.
type Deps struct {
	Log  *slog.Logger
	Pool *pgxpool.Pool // nil: no pool series
	// Store counts the job queue by kind and state at each scrape; nil:
	// no queue or delivery series.
	Store *store.Store
	// DeliverKind is the job kind that delivers an activity to one inbox,
	// whose states are also reported as deliveries.
	DeliverKind string
}

// New registers every series of Tidings and of the Go runtime and process.
func New(d Deps) *Metrics {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	reg := prometheus.NewRegistry()
	m := &Metrics{registry: reg, log: log, HTTP: newHTTP(reg), Inbox: newInbox(reg)}
	reg.MustRegister(goCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if d.Pool != nil {
		reg.MustRegister(poolCollector{pool: d.Pool})
	}
	if d.Store != nil {
		reg.MustRegister(jobCollector{store: d.Store, deliverKind: d.DeliverKind, log: log})
	}
	return m
}

// Handler serves the registry, in OpenMetrics when the scraper asks for it
// (Prometheus does) and in Prometheus' text format otherwise. A collector
// that fails (the database is down) leaves its series out and is logged,
// rather than failing the whole scrape and hiding the rest.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		EnableOpenMetrics: true,
		ErrorHandling:     promhttp.ContinueOnError,
		ErrorLog:          slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
		Timeout:           scrapeTimeout,
	}))
	return mux
}

// goCollector reports the runtime from runtime/metrics (go_gc_*,
// go_memory_classes_*, go_sched_*) instead of the old go_memstats_*
// series: two of those, go_memstats_alloc_bytes (a gauge) and
// go_memstats_alloc_bytes_total (a counter), are one family name in
// OpenMetrics, which a strict parser refuses.
func goCollector() prometheus.Collector {
	return collectors.NewGoCollector(
		collectors.WithGoCollectorMemStatsMetricsDisabled(),
		collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsGC, collectors.MetricsMemory, collectors.MetricsScheduler),
	)
}
