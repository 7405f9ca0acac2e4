package federation

import (
	"net"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/ratelimit"
)

// A sender may fail signature checks badSignatureBurst times, then
// badSignatureRate times a second; past that its requests are refused
// with a 429 before any RSA is spent on them. A server whose signatures
// verify never touches the limit.
const (
	badSignatureRate  = 10
	badSignatureBurst = 50
	// badSignatureRetry is the Retry-After of that 429, in seconds.
	badSignatureRetry = "10"
	// badSignatureHold is how long that 429 is held back, so that a
	// flood waiting for answers is slowed to one request a second per
	// connection; at most maxHeld are held at once, the others answered
	// at once.
	badSignatureHold = time.Second
	maxHeld          = 256
)

func newBadSignatures() *ratelimit.Keyed {
	return ratelimit.New(rate.Limit(badSignatureRate), badSignatureBurst)
}

// signer is who a request claims to be signed by, for the limit on bad
// signatures: the host of its keyId, and the address it came from, so
// that a flood naming another server's keys from elsewhere does not
// count against that server (behind a proxy, the address is the proxy's
// and the host alone tells senders apart).
func signer(r *http.Request) string {
	addr, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		addr = r.RemoteAddr
	}
	return ap.Domain(httpsig.KeyID(r.Header)) + " " + addr
}

// tooManyBadSignatures refuses a request from a sender past its limit.
func (h *Handler) tooManyBadSignatures(w http.ResponseWriter, r *http.Request, who string) bool {
	if !h.badSigs.Empty(who) {
		return false
	}
	select {
	case h.held <- struct{}{}:
		t := time.NewTimer(badSignatureHold)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
		<-h.held
	default:
	}
	w.Header().Set("Retry-After", badSignatureRetry)
	h.refuse(w, r, refusal{status: http.StatusTooManyRequests, class: "throttled",
		msg: "too many requests with signatures that did not verify came from here; try again in " + badSignatureRetry + " s"},
		httpsig.KeyID(r.Header), nil)
	return true
}
