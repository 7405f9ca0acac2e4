package federation

import (
	"errors"
	"net/http"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/metrics"
)

// CountInbox has the inboxes count each activity's outcome in m.
func (h *Handler) CountInbox(m *metrics.Inbox) { h.inboxCount = m }

// countTaken counts an activity the inbox answered 202: applied, seen
// before, or acknowledged and ignored. refuse counts every other.
func (h *Handler) countTaken(t ap.Kind, err error) {
	switch {
	case err == nil:
		h.inboxCount.Observe(metricType(t), metrics.Accepted, "")
	case errors.Is(err, forum.ErrDuplicate):
		h.inboxCount.Observe(metricType(t), metrics.Duplicate, "")
	case errors.Is(err, errIgnored):
		h.inboxCount.Observe(metricType(t), metrics.Ignored, "")
	}
}

// metricType is an activity's type as a label: one of the types we know,
// never what a sender made up, so that the series stay few.
func metricType(t ap.Kind) string {
	if ap.IsActivity(t) {
		return string(t)
	}
	return "other"
}

// reasonClass sorts a refusal into a few classes an admin can watch: a
// flood of bad signatures looks different from a blocked instance or from
// our own failures (unavailable, which the sender retries).
func reasonClass(rf refusal) string {
	if rf.class != "" {
		return rf.class
	}
	switch {
	case rf.status >= 500:
		return "unavailable"
	case rf.status == http.StatusRequestEntityTooLarge:
		return "too_large"
	case rf.status == http.StatusForbidden:
		return "forbidden"
	case rf.status == http.StatusNotFound:
		return "not_found"
	case rf.status == http.StatusUnprocessableEntity:
		return "unprocessable"
	}
	return "invalid"
}

// signatureClass is the class of a refused signature, or "" for one that
// could not be checked (ours to retry: unavailable).
func signatureClass(err error) string {
	switch {
	case httpsig.HTTPStatus(err) >= 500:
		return ""
	case errors.Is(err, httpsig.ErrBadDigest):
		return "digest"
	case errors.Is(err, httpsig.ErrStaleDate):
		return "date"
	}
	return "signature"
}
