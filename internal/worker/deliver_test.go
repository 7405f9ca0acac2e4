package worker

// These tests sit inside the package to reach retryAfter and hostLimiter;
// they build their own River client with only the Deliver worker, so they
// do not depend on what Register adds.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

const (
	localHost = "test.example"
	alice     = "https://" + localHost + "/u/alice"
	news      = "https://" + localHost + "/c/news"
	instance  = "https://" + localHost + "/"
)

// Generating RSA keys takes a while under -race: one pair per actor kind,
// shared by every test.
var testKeys = sync.OnceValue(func() (keys [3][2]string) {
	for i := range keys {
		pub, priv, err := forum.GenerateKeyPair()
		if err != nil {
			panic(err)
		}
		keys[i] = [2]string{pub, priv}
	}
	return keys
})

// publicKeys maps each local actor's key id to its public key.
func publicKeys() map[string]string {
	k := testKeys()
	return map[string]string{alice + "#main-key": k[0][0], news + "#main-key": k[1][0], instance + "#main-key": k[2][0]}
}

// keyFetcher is the remote's view of our actors' keys.
type keyFetcher map[string]string

func (f keyFetcher) PublicKey(_ context.Context, keyID string, _ bool) (string, string, error) {
	pem, ok := f[keyID]
	if !ok {
		return "", "", fmt.Errorf("no key %s", keyID)
	}
	return pem, strings.TrimSuffix(keyID, "#main-key"), nil
}

// newKeyStore is a fresh database with a local person, community and site,
// each with its own key.
func newKeyStore(tb testing.TB) (*store.Store, *pgxpool.Pool) {
	tb.Helper()
	ctx := context.Background()
	pool := dbtest.New(tb)
	st := store.New(pool)
	k := testKeys()
	inst, err := st.UpsertInstance(ctx, localHost)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.InsertPerson(ctx, store.NewPerson{
		APID: alice, InstanceID: inst.ID, Local: true, Name: "alice", InboxURL: alice + "/inbox",
		PublicKeyPEM: k[0][0], PrivateKeyPEM: k[0][1],
	}); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.InsertCommunity(ctx, store.NewCommunity{
		APID: news, InstanceID: inst.ID, Local: true, Name: "news", Title: "News",
		InboxURL: news + "/inbox", FollowersURL: news + "/followers", PublicKeyPEM: k[1][0], PrivateKeyPEM: k[1][1],
	}); err != nil {
		tb.Fatal(err)
	}
	if err := st.InitSite(ctx, localHost, k[2][0], k[2][1]); err != nil {
		tb.Fatal(err)
	}
	return st, pool
}

func testHTTP() *safehttp.Client {
	return safehttp.New(safehttp.Options{AllowPrivate: true, Timeout: 5 * time.Second})
}

// deliverRig is a River client working deliveries with w.
type deliverRig struct {
	t     *testing.T
	ctx   context.Context
	river *river.Client[pgx.Tx]
}

// newDeliverRig starts River with w (whose Deps it fills in) and workers
// job slots.
func newDeliverRig(t *testing.T, w *Deliver, workers int) *deliverRig {
	t.Helper()
	ctx := context.Background()
	st, pool := newKeyStore(t)
	w.Deps = Deps{Store: st, HTTP: testHTTP(), Log: slog.New(slog.DiscardHandler)}
	ws := river.NewWorkers()
	river.AddWorker(ws, w)
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}},
		Workers:           ws,
		Logger:            slog.New(slog.DiscardHandler),
		FetchCooldown:     5 * time.Millisecond,
		FetchPollInterval: 20 * time.Millisecond,
		TestOnly:          true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := client.Stop(ctx); err != nil {
			t.Errorf("stop river: %v", err)
		}
	})
	return &deliverRig{t: t, ctx: ctx, river: client}
}

func (r *deliverRig) deliver(inbox, actor, activity string) int64 {
	r.t.Helper()
	res, err := r.river.Insert(r.ctx, forum.DeliverArgs{Inbox: inbox, Actor: actor, Activity: json.RawMessage(activity)}, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	return res.Job.ID
}

// wait polls until job id is finalized (completed, cancelled or
// discarded) and returns it.
func (r *deliverRig) wait(id int64) *rivertype.JobRow {
	r.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		job, err := r.river.JobGet(r.ctx, id)
		if err != nil {
			r.t.Fatal(err)
		}
		if job.FinalizedAt != nil {
			return job
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("job %d still %s after %d attempt(s), errors %v", id, job.State, job.Attempt, job.Errors)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// inbox is a remote inbox that answers with the statuses given, in turn
// (the last one for ever), and records what it received.
type inbox struct {
	*httptest.Server
	mu       sync.Mutex
	got      []received
	statuses []int
	header   http.Header // added to every non-2xx answer
}

type received struct {
	at       time.Time
	body     []byte
	ctype    string
	verified httpsig.Verified
	err      error
}

func newInbox(t *testing.T, statuses ...int) *inbox {
	in := &inbox{statuses: statuses, header: http.Header{}}
	fetch := keyFetcher(publicKeys())
	in.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		v, err := httpsig.Verify(req.Context(), req, body, fetch, time.Now())
		in.mu.Lock()
		n := len(in.got)
		in.got = append(in.got, received{at: time.Now(), body: body, ctype: req.Header.Get("Content-Type"), verified: v, err: err})
		status := in.statuses[min(n, len(in.statuses)-1)]
		in.mu.Unlock()
		if status >= 300 {
			for k, v := range in.header {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(status)
		io.WriteString(w, "answer body")
	}))
	t.Cleanup(in.Close)
	return in
}

func (in *inbox) requests() []received {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]received(nil), in.got...)
}

// An activity in an odd but valid form (spaces, escapes, keys out of
// order): jsonb would normalise every one of these, and the inbox must
// get it as it was built.
const activity = `{"type":"Create", "actor":"%s",` + "\n" +
	`"object":{"content":"Café — naïve \u003cp\u003e <b>&amp;</b>","type":"Note", "n": 1.0e2},"@context":"https://www.w3.org/ns/activitystreams"}`

func TestDeliverSignsAndSendsTheActivityByteForByte(t *testing.T) {
	t.Parallel()
	r := newDeliverRig(t, &Deliver{}, 4)
	in := newInbox(t, http.StatusAccepted)
	for i, actor := range []string{alice, news, instance} {
		body := fmt.Sprintf(activity, actor)
		job := r.wait(r.deliver(in.URL+"/inbox", actor, body))
		if job.State != rivertype.JobStateCompleted || job.Attempt != 1 {
			t.Fatalf("%s: job %s after %d attempt(s), errors %v", actor, job.State, job.Attempt, job.Errors)
		}
		got := in.requests()
		if len(got) != i+1 {
			t.Fatalf("%s: inbox received %d requests, want %d", actor, len(got), i+1)
		}
		req := got[i]
		if !bytes.Equal(req.body, []byte(body)) {
			t.Errorf("%s: body\n%s\nwant\n%s", actor, req.body, body)
		}
		if req.ctype != "application/activity+json" {
			t.Errorf("%s: Content-Type %q", actor, req.ctype)
		}
		if req.err != nil {
			t.Errorf("%s: signature does not verify: %v", actor, req.err)
		} else if req.verified.KeyID != actor+"#main-key" || req.verified.Owner != actor {
			t.Errorf("%s: signed by %+v", actor, req.verified)
		}
	}
}

func TestDeliverRetriesServerErrors(t *testing.T) {
	t.Parallel()
	r := newDeliverRig(t, &Deliver{Backoff: func(int) time.Duration { return 10 * time.Millisecond }}, 2)
	in := newInbox(t, http.StatusServiceUnavailable, http.StatusAccepted)
	job := r.wait(r.deliver(in.URL+"/inbox", alice, fmt.Sprintf(activity, alice)))
	if job.State != rivertype.JobStateCompleted || job.Attempt != 2 || len(job.Errors) != 1 {
		t.Errorf("job %s after %d attempt(s), errors %v; want completed on the 2nd", job.State, job.Attempt, job.Errors)
	}
	got := in.requests()
	if len(got) != 2 || !bytes.Equal(got[0].body, got[1].body) || got[1].err != nil {
		t.Errorf("inbox received %d requests: %+v", len(got), got)
	}
}

func TestDeliverHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	// A backoff of an hour: the retry must come from the snooze.
	r := newDeliverRig(t, &Deliver{Backoff: func(int) time.Duration { return time.Hour }}, 2)
	in := newInbox(t, http.StatusTooManyRequests, http.StatusAccepted)
	in.header.Set("Retry-After", "1")
	job := r.wait(r.deliver(in.URL+"/inbox", alice, fmt.Sprintf(activity, alice)))
	// A snooze uses up no attempt and records no error.
	if job.State != rivertype.JobStateCompleted || job.Attempt != 1 || len(job.Errors) != 0 {
		t.Errorf("job %s after %d attempt(s), errors %v; want completed, snoozed once", job.State, job.Attempt, job.Errors)
	}
	var meta struct{ Snoozes int }
	if err := json.Unmarshal(job.Metadata, &meta); err != nil || meta.Snoozes != 1 {
		t.Errorf("metadata %s: want 1 snooze", job.Metadata)
	}
	got := in.requests()
	if len(got) != 2 {
		t.Fatalf("inbox received %d requests, want 2", len(got))
	}
	// River schedules the snooze to the microsecond; allow for clock
	// rounding between the inbox's two timestamps.
	if gap := got[1].at.Sub(got[0].at); gap < 950*time.Millisecond {
		t.Errorf("retried after %s; Retry-After asked for 1s", gap)
	}
	if got[1].err != nil {
		t.Errorf("retry's signature: %v", got[1].err)
	}
}

func TestDeliverCancelsClientErrors(t *testing.T) {
	t.Parallel()
	r := newDeliverRig(t, &Deliver{Backoff: func(int) time.Duration { return 10 * time.Millisecond }}, 2)
	for _, status := range []int{http.StatusNotFound, http.StatusUnauthorized, http.StatusGone, http.StatusBadRequest} {
		in := newInbox(t, status)
		job := r.wait(r.deliver(in.URL+"/inbox", alice, fmt.Sprintf(activity, alice)))
		if job.State != rivertype.JobStateCancelled || job.Attempt != 1 {
			t.Errorf("%d: job %s after %d attempt(s), want cancelled after 1", status, job.State, job.Attempt)
		}
		if n := len(in.requests()); n != 1 {
			t.Errorf("%d: inbox received %d requests, want 1", status, n)
		}
	}
}

// work runs one attempt outside River, as River would.
func work(w *Deliver, args forum.DeliverArgs) error {
	return w.Work(context.Background(), &river.Job[forum.DeliverArgs]{
		JobRow: &rivertype.JobRow{Attempt: 1, CreatedAt: time.Now()}, Args: args,
	})
}

func TestDeliverCancelsWhatCannotSucceed(t *testing.T) {
	t.Parallel()
	st, _ := newKeyStore(t)
	in := newInbox(t, http.StatusAccepted)
	public := &Deliver{Deps: Deps{Store: st, HTTP: safehttp.New(safehttp.Options{})}}
	private := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP()}}
	body := json.RawMessage(fmt.Sprintf(activity, alice))
	old := &river.Job[forum.DeliverArgs]{
		JobRow: &rivertype.JobRow{Attempt: 3, CreatedAt: time.Now().Add(-DeliverMaxAge - time.Minute)},
		Args:   forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice, Activity: body},
	}
	elsewhere := newInbox(t, http.StatusOK)
	redirect := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/inbox", http.StatusFound))
	t.Cleanup(redirect.Close)

	for name, err := range map[string]error{
		"forbidden address":   work(public, forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice, Activity: body}),
		"unknown actor":       work(private, forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice + "x", Activity: body}),
		"remote actor":        work(private, forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: "https://remote.example/", Activity: body}),
		"not a URL":           work(private, forum.DeliverArgs{Inbox: "::", Actor: alice, Activity: body}),
		"not http":            work(private, forum.DeliverArgs{Inbox: "ftp://" + in.Listener.Addr().String() + "/inbox", Actor: alice, Activity: body}),
		"redirect":            work(private, forum.DeliverArgs{Inbox: redirect.URL + "/inbox", Actor: alice, Activity: body}),
		"older than two days": private.Work(context.Background(), old),
	} {
		var cancel *river.JobCancelError
		if !errors.As(err, &cancel) {
			t.Errorf("%s: %v, want the job cancelled", name, err)
		}
	}
	if n := len(in.requests()); n != 0 {
		t.Errorf("inbox received %d requests, want none", n)
	}

	// A refused connection may pass: retried.
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	err := work(private, forum.DeliverArgs{Inbox: closed.URL + "/inbox", Actor: alice, Activity: body})
	var cancel *river.JobCancelError
	var snooze *river.JobSnoozeError
	if err == nil || errors.As(err, &cancel) || errors.As(err, &snooze) {
		t.Errorf("refused connection: %v, want an error to retry", err)
	}
}

func TestDeliverCapsDeliveriesPerHost(t *testing.T) {
	t.Parallel()
	const perHost = 3
	// Fewer job slots than slow deliveries: were a delivery to wait in Work
	// for its host, the slow host would take every slot and the fast one
	// would get none.
	r := newDeliverRig(t, &Deliver{PerHost: perHost, HostBusyDelay: 20 * time.Millisecond}, perHost+2)

	var inFlight, peak, served atomic.Int64
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		io.Copy(io.Discard, req.Body)
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		<-release
		inFlight.Add(-1)
		served.Add(1)
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(slow.Close)
	var once sync.Once
	open := func() { once.Do(func() { close(release) }) }
	t.Cleanup(open) // before slow.Close, which waits for its handlers
	fast := newInbox(t, http.StatusAccepted)

	var slowJobs []int64
	for range 10 {
		slowJobs = append(slowJobs, r.deliver(slow.URL+"/inbox", alice, fmt.Sprintf(activity, alice)))
	}
	poll(t, "the slow inbox to fill", func() bool { return inFlight.Load() == perHost })

	// The slow host is full and holds its requests: other hosts still get
	// theirs.
	for range 5 {
		if job := r.wait(r.deliver(fast.URL+"/inbox", alice, fmt.Sprintf(activity, alice))); job.State != rivertype.JobStateCompleted {
			t.Errorf("fast inbox: job %s, errors %v", job.State, job.Errors)
		}
	}
	if n := inFlight.Load(); n != perHost {
		t.Errorf("%d deliveries in flight to the slow inbox, want %d", n, perHost)
	}

	open()
	for _, id := range slowJobs {
		if job := r.wait(id); job.State != rivertype.JobStateCompleted || job.Attempt != 1 {
			t.Errorf("slow inbox: job %s after %d attempt(s), errors %v", job.State, job.Attempt, job.Errors)
		}
	}
	if p := peak.Load(); p != perHost {
		t.Errorf("at most %d deliveries were in flight to one host, want %d", p, perHost)
	}
	if n := served.Load(); n != 10 {
		t.Errorf("slow inbox served %d, want 10", n)
	}
}

func poll(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestDeliverBackoffLastsAboutTwoDays(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, d := range want {
		if got := DeliverBackoff(i + 1); got != d {
			t.Errorf("DeliverBackoff(%d) = %s, want %s", i+1, got, d)
		}
	}
	if got := DeliverBackoff(100); got != DeliverMaxDelay {
		t.Errorf("DeliverBackoff(100) = %s", got)
	}
	var total time.Duration
	for attempt := 1; attempt < forum.DeliverMaxAttempts; attempt++ {
		total += DeliverBackoff(attempt)
	}
	if total < 40*time.Hour || total >= DeliverMaxAge {
		t.Errorf("the last attempt comes %s after the first, want about two days and before DeliverMaxAge", total)
	}
	if got := (forum.DeliverArgs{}).InsertOpts().MaxAttempts; got != forum.DeliverMaxAttempts {
		t.Errorf("MaxAttempts %d", got)
	}
}

// A shorter base (TIDINGS_DELIVERY_RETRY_BASE, for tests) scales every
// wait and keeps the cap.
func TestDeliverBackoffFrom(t *testing.T) {
	b := DeliverBackoffFrom(100 * time.Millisecond)
	for attempt, want := range map[int]time.Duration{0: 100 * time.Millisecond, 1: 100 * time.Millisecond,
		2: 200 * time.Millisecond, 4: 800 * time.Millisecond, 40: DeliverMaxDelay, 1 << 30: DeliverMaxDelay} {
		if got := b(attempt); got != want {
			t.Errorf("DeliverBackoffFrom(100ms)(%d) = %s, want %s", attempt, got, want)
		}
	}
	if got := DeliverBackoffFrom(0)(3); got != 4*time.Minute {
		t.Errorf("DeliverBackoffFrom(0)(3) = %s, want the default 4m", got)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"soon", 0, false},
		{"-5", 0, false},
		{"0", time.Second, true},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"99999999999999", DeliverMaxDelay, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), time.Second, true},
		{now.Add(48 * time.Hour).Format(http.TimeFormat), DeliverMaxDelay, true},
	} {
		got, ok := retryAfter(tc.h, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tc.h, got, ok, tc.want, tc.ok)
		}
	}
}

func TestHostLimiter(t *testing.T) {
	l := newHostLimiter(2)
	for i, want := range []bool{true, true, false} {
		if got := l.acquire(context.Background(), "a", 0); got != want {
			t.Fatalf("acquire a #%d: %v, want %v", i+1, got, want)
		}
	}
	if !l.acquire(context.Background(), "b", 0) {
		t.Fatal("b is not a")
	}
	// A delivery waiting for a's slot gets the one released.
	got := make(chan bool)
	go func() { got <- l.acquire(context.Background(), "a", time.Minute) }()
	l.release("a")
	if !<-got {
		t.Fatal("a's released slot did not go to the delivery waiting for it")
	}
	l.release("a")
	l.release("a")
	l.release("b")
	if len(l.inFlight) != 0 {
		t.Errorf("idle hosts kept: %v", l.inFlight)
	}
}

func TestDeliverArgsRefuseInvalidJSON(t *testing.T) {
	t.Parallel()
	if _, err := json.Marshal(forum.DeliverArgs{Inbox: "https://x.example/inbox", Actor: alice, Activity: json.RawMessage(`{"a":`)}); err == nil {
		t.Error("an activity that is not JSON was accepted")
	}
	var a forum.DeliverArgs
	if err := json.Unmarshal([]byte(`{"inbox":"i","actor":"a","activity":{"b": 1}}`), &a); err != nil || string(a.Activity) != `{"b": 1}` {
		t.Errorf("activity stored as an object: %q, %v", a.Activity, err)
	}
}

// BenchmarkSignedDelivery delivers 1,000 activities to 100 loopback
// inboxes through Work (key lookup, signing, POST, answer), ten at a time
// as River's ten job slots would, and signs 1,000 requests alone with the
// same ten goroutines; deliver/sign is how much the delivery costs beyond
// its signature.
func BenchmarkSignedDelivery(b *testing.B) {
	const hosts, activities, workers = 100, 1000, 10
	st, _ := newKeyStore(b)
	inboxes := make([]string, hosts)
	for i := range inboxes {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			io.Copy(io.Discard, req.Body)
			w.WriteHeader(http.StatusAccepted)
		}))
		b.Cleanup(srv.Close)
		inboxes[i] = srv.URL + "/inbox"
	}
	w := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP(), Log: slog.New(slog.DiscardHandler)}}
	body := json.RawMessage(fmt.Sprintf(activity, alice))
	signer, err := httpsig.NewSigner(alice+"#main-key", testKeys()[0][1])
	if err != nil {
		b.Fatal(err)
	}

	// run calls f for 0..activities-1 from a pool of workers goroutines.
	run := func(f func(i int) error) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := int(next.Add(1)) - 1; i < activities; i = int(next.Add(1)) - 1 {
					if err := f(i); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
	}
	deliver := func(i int) error {
		args := forum.DeliverArgs{Inbox: inboxes[i%hosts], Actor: alice, Activity: body}
		for {
			err := work(w, args)
			var snooze *river.JobSnoozeError
			if !errors.As(err, &snooze) { // host full: River would try again later
				return err
			}
		}
	}
	sign := func(i int) error {
		req, err := http.NewRequest(http.MethodPost, inboxes[i%hosts], bytes.NewReader(body))
		if err != nil {
			return err
		}
		return signer.SignPost(req, body)
	}

	var delivering, signing time.Duration
	for b.Loop() {
		start := time.Now()
		run(deliver)
		delivering += time.Since(start)
		start = time.Now()
		run(sign)
		signing += time.Since(start)
	}
	b.ReportMetric(float64(delivering)/float64(signing), "deliver/sign")
	b.ReportMetric(float64(delivering.Microseconds())/float64(b.N*activities), "µs/delivery")
	b.ReportMetric(float64(signing.Microseconds())/float64(b.N*activities), "µs/signature")
}

func TestSignerCacheFollowsKeyRotation(t *testing.T) {
	t.Parallel()
	k := testKeys()
	c := &signerCache{m: make(map[string]cachedSigner)}
	s1, err := c.get(alice+"#main-key", k[0][1])
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := c.get(alice+"#main-key", k[0][1]); again != s1 {
		t.Error("the same key was parsed again")
	}
	if rotated, _ := c.get(alice+"#main-key", k[1][1]); rotated == s1 {
		t.Error("a rotated key was not picked up")
	}
	if _, err := c.get(alice+"#main-key", "not a key"); err == nil {
		t.Error("a bad key gave a signer")
	}
}
