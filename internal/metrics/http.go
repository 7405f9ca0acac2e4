package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
)

// HTTP counts requests by chi's route pattern ("/post/{id}"), never by the
// path asked for, so that the number of series stays that of the routes
// however many posts there are or addresses scanners try.
type HTTP struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newHTTP(reg prometheus.Registerer) *HTTP {
	labels := []string{"method", "route", "code"}
	h := &HTTP{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests answered, by method, route pattern and status code.",
		}, labels),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help: "Time to answer an HTTP request, by method, route pattern and status code.",
			// From a cached page (a millisecond) to the inbox's deadline (9 s).
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, labels),
	}
	reg.MustRegister(h.requests, h.duration)
	return h
}

// Observe counts a request answered with status after d. It must be
// called once the router has answered r, from a middleware inside a chi
// router (Router.Use), whose routing context then holds the route. A nil
// *HTTP counts nothing.
func (h *HTTP) Observe(r *http.Request, status int, d time.Duration) {
	if h == nil {
		return
	}
	route := "unmatched" // a 404 or 405 that no route took
	if rc := chi.RouteContext(r.Context()); rc != nil {
		if p := rc.RoutePattern(); p != "" {
			route = p
		}
	}
	labels := prometheus.Labels{"method": method(r.Method), "route": route, "code": strconv.Itoa(status)}
	h.requests.With(labels).Inc()
	h.duration.With(labels).Observe(d.Seconds())
}

// method bounds the label: a client may send any token as a method.
func method(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}
