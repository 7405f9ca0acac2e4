package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tidings/tidings/internal/store"
)

// scrapeTimeout bounds a scrape, the job count's query included: a slow
// database must not pile scrapes up behind it.
const scrapeTimeout = 5 * time.Second

// deliveryStates are what a delivery's job state means to an admin.
var deliveryStates = map[string]string{
	"available": "queued",
	"pending":   "queued",
	"scheduled": "queued",
	"running":   "in_flight",
	"retryable": "failed", // failed at least once, waiting for its next try
	"discarded": "given_up",
	"cancelled": "given_up",
}

var (
	jobsDesc = prometheus.NewDesc(namespace+"_jobs",
		"Jobs in the queue, by kind and River state; completed jobs are not counted, given-up ones (discarded, cancelled) for the 7 days they are kept.",
		[]string{"kind", "state"}, nil)
	deliveriesDesc = prometheus.NewDesc(namespace+"_deliveries",
		"Activities waiting for or in delivery to another server's inbox, by state: queued, in_flight, failed (to be retried) or given_up (kept 7 days).",
		[]string{"state"}, nil)
)

// jobCollector counts the job queue at each scrape.
type jobCollector struct {
	store       *store.Store
	deliverKind string
	log         *slog.Logger
}

func (jobCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- jobsDesc
	ch <- deliveriesDesc
}

func (c jobCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	counts, err := c.store.JobCounts(ctx)
	if err != nil {
		// The scrape goes on without these series; a gap in the graph
		// says the database did not answer.
		c.log.Warn("metrics: count the job queue", "err", err)
		return
	}
	deliveries := map[string]int64{"queued": 0, "in_flight": 0, "failed": 0, "given_up": 0}
	for _, jc := range counts {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(jc.N), jc.Kind, jc.State)
		if s, ok := deliveryStates[jc.State]; ok && jc.Kind == c.deliverKind {
			deliveries[s] += jc.N
		}
	}
	for s, n := range deliveries {
		ch <- prometheus.MustNewConstMetric(deliveriesDesc, prometheus.GaugeValue, float64(n), s)
	}
}
