package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/riverqueue/river"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

const (
	// DeliverMaxDelay caps the wait between two attempts, and a snooze
	// asked for by Retry-After.
	DeliverMaxDelay = 6 * time.Hour
	// DeliverMaxAge is when a delivery is given up even if it has attempts
	// left. Snoozing (Retry-After, a busy host) does not use up attempts,
	// so without this a server that always answers 429 with Retry-After
	// would keep its deliveries forever.
	DeliverMaxAge = 50 * time.Hour
	// DefaultPerHost is how many deliveries to one host one process makes
	// at once.
	DefaultPerHost = 4
	// defaultHostBusyDelay is how long a delivery to a host that already
	// has PerHost deliveries in flight waits before trying again.
	defaultHostBusyDelay = 2 * time.Second
	// hostWait is how long a delivery waits for a slot of its host before
	// it snoozes and frees its job slot for deliveries to other hosts.
	hostWait = 100 * time.Millisecond
	// errorBodyLen is how much of a refusal's body is logged.
	errorBodyLen = 200
	// InstanceDeadAfter is how long an instance must have failed every
	// delivery (no answer, or 5xx) before it is marked dead: its deliveries
	// are then given up without being tried, until it is heard from again
	// or an admin retries it. Three days outlasts a weekend's outage and a
	// delivery's own two days of retries.
	InstanceDeadAfter = 72 * time.Hour
)

var (
	// ErrInstanceBlocked: an admin blocked the inbox's instance.
	ErrInstanceBlocked = errors.New("the instance is blocked")
	// ErrInstanceNotAllowed: the site federates only with allowed
	// instances, and the inbox's is not one of them.
	ErrInstanceNotAllowed = errors.New("the instance is not on the allow-list")
	// ErrInstanceDead: the inbox's instance has failed every delivery for
	// InstanceDeadAfter.
	ErrInstanceDead = errors.New("the instance is dead")
)

// DeliverBackoff is the wait after the attempt-th failed attempt (1 for the
// first): 1 minute, doubling each time, capped at DeliverMaxDelay.
func DeliverBackoff(attempt int) time.Duration {
	return deliverBackoffFrom(time.Minute, attempt)
}

// DeliverBackoffFrom is DeliverBackoff starting from base instead of a
// minute (TIDINGS_DELIVERY_RETRY_BASE), so that a test can see a server
// that was down get its deliveries within seconds. DeliverMaxAttempts is
// sized for a minute: a shorter base gives up sooner.
func DeliverBackoffFrom(base time.Duration) func(attempt int) time.Duration {
	return func(attempt int) time.Duration { return deliverBackoffFrom(base, attempt) }
}

func deliverBackoffFrom(base time.Duration, attempt int) time.Duration {
	if base <= 0 {
		base = time.Minute
	}
	if attempt < 1 {
		attempt = 1
	}
	// Doubling past the cap would only overflow: stop once it is reached.
	d := base
	for i := 1; i < attempt && d < DeliverMaxDelay; i++ {
		d *= 2
	}
	return min(d, DeliverMaxDelay)
}

// Deliver POSTs activities to remote inboxes, signed with the key of the
// local actor they are from.
//
// The answer decides what happens next:
//   - 2xx: delivered.
//   - 5xx, 408, 429: tried again; with a Retry-After header the job is
//     snoozed that long (at most DeliverMaxDelay), which uses up no
//     attempt, and otherwise retried after DeliverBackoff.
//   - timeouts, refused connections and other network failures: retried
//     after DeliverBackoff.
//   - any other 4xx, a forbidden address, an unusable inbox URL, a redirect,
//     a signing actor that is not (or no longer) local: cancelled.
//
// Each instance's health is kept in its row: a 2xx records a success, and
// no answer or a 5xx a failure. An instance that has failed every delivery
// for InstanceDeadAfter is marked dead, and the delivery that finds it so
// is cancelled with ErrInstanceDead. Deliveries to a dead, blocked or (in
// allow-list mode) not allowed instance are cancelled without a request;
// River keeps cancelled jobs with their error, which is how `tidings admin
// federation status` shows what was given up.
//
// At most PerHost deliveries to one host are in flight in this process. A
// delivery that finds its host full snoozes for a couple of seconds rather
// than waiting in Work: a waiting job would hold one of River's worker
// slots (ten per process), so a burst of activities to one slow host would
// occupy them all and stall deliveries to every other host. A snooze frees
// the slot at once and uses up no attempt; the cost is one UPDATE of the
// job row per snooze. The cap is per process, not global: N processes may
// have N×PerHost deliveries to one host in flight.
type Deliver struct {
	river.WorkerDefaults[forum.DeliverArgs]
	Deps
	// PerHost is how many deliveries to one host may be in flight at once
	// in this process; DefaultPerHost when 0.
	PerHost int
	// Backoff is the wait after the attempt-th failed attempt;
	// DeliverBackoff when nil. Tests make it short.
	Backoff func(attempt int) time.Duration
	// HostBusyDelay is how long a delivery snoozes when its host is full;
	// 2 s (with up to 50% jitter) when 0.
	HostBusyDelay time.Duration
	// Now is the clock for ages and the instance's health; time.Now when
	// nil. Tests move it days ahead.
	Now func() time.Time

	once    sync.Once
	hosts   *hostLimiter
	signers *signerCache
}

// Timeout leaves room for the HTTP client's own limit (10 s by default)
// and the key's lookup.
func (w *Deliver) Timeout(*river.Job[forum.DeliverArgs]) time.Duration { return MaxTimeout }

// NextRetry is when a failed delivery is tried again: after its backoff,
// or at once when the attempt was abandoned by a process that died.
func (w *Deliver) NextRetry(job *river.Job[forum.DeliverArgs]) time.Time {
	if abandoned(job.JobRow) {
		return time.Now()
	}
	backoff := w.Backoff
	if backoff == nil {
		backoff = DeliverBackoff
	}
	return time.Now().Add(backoff(job.Attempt))
}

func (w *Deliver) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// setup makes the per-host counts and the signer cache that every Work
// call of this worker shares.
func (w *Deliver) setup() {
	w.once.Do(func() {
		n := w.PerHost
		if n <= 0 {
			n = DefaultPerHost
		}
		w.hosts = newHostLimiter(n)
		w.signers = &signerCache{m: make(map[string]cachedSigner)}
	})
}

// Work makes one attempt at delivering.
func (w *Deliver) Work(ctx context.Context, job *river.Job[forum.DeliverArgs]) error {
	w.setup()
	a := job.Args
	fail := func(err error) error { return fmt.Errorf("deliver to %s as %s: %w", a.Inbox, a.Actor, err) }
	u, err := url.Parse(a.Inbox)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return river.JobCancel(fail(fmt.Errorf("%w: not an http(s) URL", safehttp.ErrInvalidURL)))
	}
	host := ap.Domain(a.Inbox)
	if !w.hosts.acquire(ctx, host, hostWait) {
		return river.JobSnooze(w.busyDelay())
	}
	defer w.hosts.release(host)

	in, err := w.Store.InstanceState(ctx, host)
	if err != nil {
		return fail(err)
	}
	switch {
	case in.Blocked:
		return river.JobCancel(fail(ErrInstanceBlocked))
	case in.Refused:
		return river.JobCancel(fail(ErrInstanceNotAllowed))
	case in.Dead:
		return river.JobCancel(fail(fmt.Errorf("%w (failing since %s); not tried until it is heard from "+
			"again or `tidings admin federation retry %s`", ErrInstanceDead, in.FailingSince.UTC().Format(time.RFC3339), host)))
	}
	// An admin's retry gives the deliveries it revived a fresh age.
	start := job.CreatedAt
	if in.RetriedAt != nil && in.RetriedAt.After(start) {
		start = *in.RetriedAt
	}
	if age := w.now().Sub(start); !job.CreatedAt.IsZero() && age > DeliverMaxAge {
		return river.JobCancel(fail(fmt.Errorf("given up after %s", age.Round(time.Minute))))
	}

	keyID, privatePEM, err := w.Store.LocalSigningKey(ctx, a.Actor)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(fail(err))
	}
	if err != nil {
		return fail(err)
	}
	signer, err := w.signers.get(keyID, privatePEM)
	if err != nil {
		return river.JobCancel(fail(err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(a.Activity))
	if err != nil {
		return river.JobCancel(fail(fmt.Errorf("%w: %w", safehttp.ErrInvalidURL, err)))
	}
	req.Header.Set("Content-Type", httpsig.DefaultContentType)
	req.Header.Set("Accept", "application/activity+json, application/ld+json")
	if err := signer.SignPost(req, a.Activity); err != nil {
		return river.JobCancel(fail(err))
	}

	resp, err := w.HTTP.Do(req)
	if err != nil {
		// Forbidden addresses, bad URLs, bodies too large: trying again
		// cannot help. Anything else (a timeout, a refused connection, a
		// failed name lookup, a cancelled context) may pass.
		if safehttp.Permanent(err) {
			w.log().InfoContext(ctx, "delivery refused", "inbox", a.Inbox, "actor", a.Actor, "err", err)
			return river.JobCancel(fail(err))
		}
		if ctx.Err() != nil {
			// Stopped on our side (shutdown, the job's timeout): says
			// nothing of the instance.
			return fail(err)
		}
		return w.failed(ctx, host, fail, err, 0)
	}
	// A redirect is not followed for a delivery: the signature covers the
	// inbox's path and host, and a 301, 302 or 303 turns the POST into a
	// GET whose 2xx would be taken for a delivery.
	if resp.URL != nil && resp.URL.String() != u.String() {
		err := fmt.Errorf("the inbox redirected to %s", resp.URL.Redacted())
		w.log().InfoContext(ctx, "delivery refused", "inbox", a.Inbox, "actor", a.Actor, "err", err)
		return river.JobCancel(fail(err))
	}
	code := resp.StatusCode
	switch {
	case code >= 200 && code < 300:
		// Delivered: a failure to note it must not deliver it again.
		recovered, err := w.Store.RecordDeliverySuccess(ctx, host, w.now())
		if err != nil {
			w.log().WarnContext(ctx, "delivered, but not recorded", "inbox", a.Inbox, "err", err)
		}
		if recovered {
			// Back after an outage: what waits for its next try goes now.
			n, err := w.Store.ResumeDeliveries(ctx, host)
			w.log().InfoContext(ctx, "an instance we could not reach is back", "host", host,
				"deliveries_resumed", n, "err", err)
		}
		return nil
	case code >= 500 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests:
		d, snooze := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		if code < 500 {
			// Busy, not down: the instance answered.
			if snooze {
				return river.JobSnooze(d)
			}
			return fail(resp.Err())
		}
		return w.failed(ctx, host, fail, resp.Err(), d)
	default:
		err := resp.Err()
		if err == nil { // 1xx or 3xx: not delivered
			err = fmt.Errorf("unexpected answer %d", code)
		}
		w.log().InfoContext(ctx, "delivery refused", "inbox", a.Inbox, "actor", a.Actor,
			"status", code, "body", bodyStart(resp.Body))
		return river.JobCancel(fail(err))
	}
}

// failed records a failed delivery to host and answers River: cancelled
// when the instance is now dead, else tried again (after snooze, when
// the server asked for it with Retry-After).
func (w *Deliver) failed(ctx context.Context, host string, fail func(error) error, err error, snooze time.Duration) error {
	in, rerr := w.Store.RecordDeliveryFailure(ctx, host, w.now(), InstanceDeadAfter)
	switch {
	case rerr != nil:
		w.log().WarnContext(ctx, "delivery failed, and the failure was not recorded", "host", host, "err", rerr)
	case in.Dead:
		w.log().WarnContext(ctx, "instance marked dead: deliveries to it are given up until it is heard from",
			"host", host, "failing_since", in.FailingSince)
		return river.JobCancel(fail(fmt.Errorf("%w: it has failed every delivery since %s; the last: %w",
			ErrInstanceDead, in.FailingSince.UTC().Format(time.RFC3339), err)))
	}
	if snooze > 0 {
		return river.JobSnooze(snooze)
	}
	return fail(err)
}

func (w *Deliver) busyDelay() time.Duration {
	d := w.HostBusyDelay
	if d <= 0 {
		d = defaultHostBusyDelay
	}
	// Jitter spreads the waiting deliveries out rather than having them
	// all come back at once to find the host full again.
	return d + rand.N(d/2+1)
}

// retryAfter reads a Retry-After header, seconds or an HTTP-date, as a
// snooze of at least a second and at most DeliverMaxDelay; false when
// there is none or it cannot be read.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		d = DeliverMaxDelay
		if secs < int64(DeliverMaxDelay/time.Second) {
			d = time.Duration(secs) * time.Second
		}
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, time.Second), DeliverMaxDelay), true
}

// bodyStart is the beginning of a body, for a log line.
func bodyStart(b []byte) string {
	if len(b) > errorBodyLen {
		b = b[:errorBodyLen]
	}
	return strings.ToValidUTF8(string(b), string(utf8.RuneError))
}

// hostLimiter counts the deliveries in flight to each host.
type hostLimiter struct {
	mu       sync.Mutex
	max      int
	inFlight map[string]int
	freed    map[string]chan struct{} // closed when one of host's slots frees
}

func newHostLimiter(max int) *hostLimiter {
	return &hostLimiter{max: max, inFlight: make(map[string]int), freed: make(map[string]chan struct{})}
}

// acquire takes one of host's slots, waiting up to wait for one to free:
// a delivery that finds its host full a moment after another started is
// better off waiting for it than snoozing for seconds, which would hold
// deliveries to one busy host to a few per fetch of the queue.
func (l *hostLimiter) acquire(ctx context.Context, host string, wait time.Duration) bool {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		ok, freed := l.take(host)
		if ok {
			return true
		}
		select {
		case <-freed:
		case <-timer.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// take takes one of host's slots, or reports false with a channel closed
// when one of them frees.
func (l *hostLimiter) take(host string) (bool, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inFlight[host] < l.max {
		l.inFlight[host]++
		return true, nil
	}
	ch := l.freed[host]
	if ch == nil {
		ch = make(chan struct{})
		l.freed[host] = ch
	}
	return false, ch
}

// release gives back a slot taken by acquire. Hosts with nothing in
// flight are dropped, so the maps hold only the hosts being delivered to.
func (l *hostLimiter) release(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ch := l.freed[host]; ch != nil {
		close(ch)
		delete(l.freed, host)
	}
	if l.inFlight[host] <= 1 {
		delete(l.inFlight, host)
		return
	}
	l.inFlight[host]--
}

// signerCache keeps the parsed keys of the actors lately delivered for:
// parsing a key costs about a fifth of a signature. The key is still read
// from the database for every delivery and a signer is reused only for the
// same PEM, so a rotated key is used at once.
type signerCache struct {
	mu sync.Mutex
	m  map[string]cachedSigner
}

type cachedSigner struct {
	pem    string
	signer *httpsig.Signer
}

// maxCachedSigners bounds the cache; when full it is emptied, which costs
// one parse per actor and needs no bookkeeping.
const maxCachedSigners = 1024

func (c *signerCache) get(keyID, privatePEM string) (*httpsig.Signer, error) {
	c.mu.Lock()
	e, ok := c.m[keyID]
	c.mu.Unlock()
	if ok && e.pem == privatePEM {
		return e.signer, nil
	}
	signer, err := httpsig.NewSigner(keyID, privatePEM)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedSigners {
		clear(c.m)
	}
	c.m[keyID] = cachedSigner{pem: privatePEM, signer: signer}
	c.mu.Unlock()
	return signer, nil
}
