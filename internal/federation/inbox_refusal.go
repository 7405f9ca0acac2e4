package federation

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/metrics"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// refusal is the answer to an activity the inbox does not take.
type refusal struct {
	status int
	// msg is what the sender reads; err, when set, the whole cause, for
	// our log only (a database error names our database's address).
	msg string
	err error
	// class sorts it for the metrics (reasonClass) where its status
	// alone does not.
	class string
}

// senderFault is the status of an error that the sender caused, so that
// sending the same again cannot succeed; false for any other. Only what is
// known to be the sender's doing is a 4xx, which senders do not retry:
// every error not named here (the database's, a timeout, one that nobody
// thought of yet) is taken for ours or for one that passes, and answered
// 503, because a 4xx would lose the activity for good.
func senderFault(err error) (int, bool) {
	var ie *forum.InputError
	switch {
	case errors.As(err, &ie), errors.Is(err, errTooDeep):
		return http.StatusUnprocessableEntity, true
	case errors.Is(err, forum.ErrNotFound), errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, true
	case errors.Is(err, forum.ErrForbidden), errors.Is(err, ErrBlocked):
		return http.StatusForbidden, true
	case errors.Is(err, ErrCrossOrigin), errors.Is(err, ErrIDMismatch), errors.Is(err, ErrNotActor),
		errors.Is(err, ErrNotActivityJSON), errors.Is(err, ErrGone), errors.Is(err, errUnsupported),
		errors.Is(err, errNotOwn):
		return http.StatusBadRequest, true
	case safehttp.Permanent(err), fetchedHostUnknown(err):
		// What the activity named could not be fetched, and never will:
		// its server refused it for good, or it is not to be fetched.
		return http.StatusBadRequest, true
	}
	return 0, false
}

// fetchedHostUnknown reports a fetch whose host has no address at all. It
// looks only inside a failed request, so that a database whose host name
// did not resolve is not taken for the sender's mistake.
func fetchedHostUnknown(err error) bool {
	var ue *url.Error
	var dnsErr *net.DNSError
	return errors.As(err, &ue) && errors.As(ue.Err, &dnsErr) && dnsErr.IsNotFound
}

// classify is the answer to an activity that failed with err.
func classify(err error) refusal {
	if status, ok := senderFault(err); ok {
		var ie *forum.InputError
		switch {
		case errors.As(err, &ie):
			return refusal{status: status, msg: ie.Msg, err: err}
		case errors.Is(err, ErrBlocked):
			return refusal{status: status, msg: "this instance does not federate with yours", err: err, class: "blocked"}
		}
		return refusal{status: status, msg: err.Error()}
	}
	return refusal{status: http.StatusServiceUnavailable, msg: ourFailure(err), err: err}
}

// signatureRefusal is the answer to a request whose signature Verify
// refused.
func signatureRefusal(err error) refusal {
	status := httpsig.HTTPStatus(err)
	if status < 500 {
		return refusal{status: status, msg: "signature refused: " + err.Error(), class: signatureClass(err)}
	}
	return refusal{status: status, msg: "the signature could not be checked: " + ourFailure(err), err: err}
}

// ourFailure tells the sender of a failure that is not its own to try
// again, saying what failed when it was another server.
func ourFailure(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, ErrBudgetExhausted):
		return "could not finish in time; try again later"
	case safehttp.Failed(err):
		return err.Error() + "; try again later"
	}
	return "something failed on our side; try again later"
}

// refuse answers a refusal and logs it, one line with its reason and
// what is known of the activity: at warn for a 5xx, which is ours to look
// into, and at info for a 4xx, the sender's. keyID is the signature's key,
// when it could be read, and body the request's, unverified when the
// signature is what failed: its fields are logged as claims.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, rf refusal, keyID string, body []byte) {
	level := slog.LevelInfo
	if rf.status >= 500 {
		level = slog.LevelWarn
	}
	reason := rf.msg
	if rf.err != nil {
		reason = rf.err.Error()
	}
	var head struct {
		ID    string         `json:"id"`
		Type  string         `json:"type"`
		Actor ap.IRIOrObject `json:"actor"`
	}
	_ = json.Unmarshal(body, &head) // whatever can be read of it
	sender := ap.Domain(keyID)
	if sender == "" {
		sender = ap.Domain(head.Actor.ID)
	}
	attrs := []slog.Attr{slog.Int("status", rf.status), slog.String("reason", reason),
		slog.String("path", r.URL.Path), slog.String("sender", clip(sender))}
	for _, a := range [][2]string{{"key", keyID}, {"activity", head.ID}, {"type", head.Type}, {"actor", head.Actor.ID}} {
		if a[1] != "" {
			attrs = append(attrs, slog.String(a[0], clip(a[1])))
		}
	}
	h.log.LogAttrs(r.Context(), level, "inbox: refused", attrs...)
	h.inboxCount.Observe(metricType(ap.Kind(head.Type)), metrics.Refused, reasonClass(rf))
	problem(w, rf.status, rf.msg)
}

// clip shortens what another server sent to what a log line needs.
func clip(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}
