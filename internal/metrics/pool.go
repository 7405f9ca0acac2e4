package metrics

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reads the database pool's statistics at each scrape.
type poolCollector struct{ pool *pgxpool.Pool }

var (
	poolConns = prometheus.NewDesc(namespace+"_db_pool_connections",
		"Connections of the database pool, by state: acquired (in use), idle, or being opened.", []string{"state"}, nil)
	poolMax = prometheus.NewDesc(namespace+"_db_pool_max_connections",
		"The most connections the pool opens (pool_max_conns).", nil, nil)
	poolAcquires = prometheus.NewDesc(namespace+"_db_pool_acquires_total",
		"Connections taken from the pool.", nil, nil)
	poolWaits = prometheus.NewDesc(namespace+"_db_pool_acquire_waits_total",
		"Acquires that found no idle connection and had to wait for one; growing fast means the pool is too small.", nil, nil)
	poolWaitSeconds = prometheus.NewDesc(namespace+"_db_pool_acquire_wait_seconds_total",
		"Time spent waiting for a connection by the acquires that found none idle.", nil, nil)
	poolCanceled = prometheus.NewDesc(namespace+"_db_pool_acquires_canceled_total",
		"Acquires given up before a connection came (the request's deadline passed).", nil, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolConns, poolMax, poolAcquires, poolWaits, poolWaitSeconds, poolCanceled} {
		ch <- d
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.ConstructingConns()), "constructing")
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolAcquires, prometheus.CounterValue, float64(s.AcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.EmptyAcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWaitSeconds, prometheus.CounterValue, s.EmptyAcquireWaitTime().Seconds())
	ch <- prometheus.MustNewConstMetric(poolCanceled, prometheus.CounterValue, float64(s.CanceledAcquireCount()))
}
