package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/safehttp"
)

// AcceptActivity is the Accept header of a fetch of an ActivityPub object.
const AcceptActivity = `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`

// DefaultFetchBudget is how many fetches one incoming activity may cause,
// as Lemmy allows.
const DefaultFetchBudget = 100

var (
	// ErrGone: the object was deleted (410 Gone, or a Tombstone). The error
	// is a *GoneError.
	ErrGone = errors.New("the object is gone")
	// ErrBudgetExhausted: the context's fetch budget (WithBudget) is spent.
	ErrBudgetExhausted = errors.New("fetch budget exhausted")
	// ErrNotActivityJSON: the answer is not ActivityStreams JSON.
	ErrNotActivityJSON = errors.New("the answer is not ActivityStreams JSON")
	// ErrIDMismatch: the document's id is not the URL it was fetched from.
	ErrIDMismatch = errors.New("the document's id is not the URL fetched")
)

// GoneError is a fetch of a deleted object. TombstoneID is the id of the
// Tombstone the server answered with, if it sent one.
type GoneError struct {
	URL         string
	TombstoneID string
}

func (e *GoneError) Error() string { return fmt.Sprintf("fetch %s: %v", e.URL, ErrGone) }

// Is makes a GoneError match ErrGone.
func (e *GoneError) Is(target error) bool { return target == ErrGone }

// Fetcher fetches ActivityPub documents from other instances, signing each
// GET as this instance's actor (for instances with "authorized fetch").
// It is safe for concurrent use.
type Fetcher struct {
	client *safehttp.Client
	signer *httpsig.Signer
}

// NewFetcher returns a Fetcher over client that signs with signer (the
// instance actor's key); a nil signer sends unsigned requests.
func NewFetcher(client *safehttp.Client, signer *httpsig.Signer) *Fetcher {
	return &Fetcher{client: client, signer: signer}
}

type budgetKey struct{}

// WithBudget returns a context in which at most n fetches may be made:
// every Fetch made with it, or with a context derived from it, counts, and
// once n are made the next fails with ErrBudgetExhausted. A context
// without a budget fetches without limit.
func WithBudget(ctx context.Context, n int) context.Context {
	b := new(atomic.Int64)
	b.Store(int64(n))
	return context.WithValue(ctx, budgetKey{}, b)
}

// spend takes one fetch from ctx's budget.
func spend(ctx context.Context) error {
	b, ok := ctx.Value(budgetKey{}).(*atomic.Int64)
	if !ok {
		return nil
	}
	if b.Add(-1) < 0 {
		return ErrBudgetExhausted
	}
	return nil
}

// Fetch GETs the ActivityPub document at url. The answer must be 2xx and
// application/activity+json or application/ld+json, and the document's id
// must be url itself (after any redirect, still the url asked for): else
// anyone could serve a document in the name of another server. A 410, or
// a Tombstone, gives a *GoneError; other statuses a *safehttp.StatusError.
// Sizes and times are bounded by the safehttp client.
func (f *Fetcher) Fetch(ctx context.Context, url string) (json.RawMessage, error) {
	body, id, err := f.fetchDocument(ctx, url)
	if err != nil {
		return nil, err
	}
	if id != url {
		return nil, fmt.Errorf("fetch %s: %w (id %q)", url, ErrIDMismatch, id)
	}
	return body, nil
}

// fetchDocument is Fetch without the check of the id, which it answers.
func (f *Fetcher) fetchDocument(ctx context.Context, url string) (json.RawMessage, string, error) {
	body, err := f.fetch(ctx, url)
	if err != nil {
		return nil, "", err
	}
	var head struct {
		ID   string  `json:"id"`
		Type ap.Kind `json:"type"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w: %w", url, ErrNotActivityJSON, err)
	}
	if head.Type == ap.KindTombstone && head.ID == url {
		return nil, "", &GoneError{URL: url, TombstoneID: head.ID}
	}
	return body, head.ID, nil
}

// fetch is Fetch without the checks of the document's id and type, for a
// key whose document is its owner's (GoToSocial serves the actor at the
// key's URL).
func (f *Fetcher) fetch(ctx context.Context, url string) (json.RawMessage, error) {
	if err := spend(ctx); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w: %w", url, safehttp.ErrInvalidURL, err)
	}
	req.Header.Set("Accept", AcceptActivity)
	if f.signer != nil {
		if err := f.signer.SignGet(req); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", url, err)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	if resp.StatusCode == http.StatusGone {
		gone := &GoneError{URL: url}
		var tomb struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(resp.Body, &tomb) == nil {
			gone.TombstoneID = tomb.ID
		}
		return nil, gone
	}
	if err := resp.Err(); err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if !isActivityJSON(resp.MediaType()) {
		return nil, fmt.Errorf("fetch %s: %w: Content-Type %q", url, ErrNotActivityJSON, resp.Header.Get("Content-Type"))
	}
	if ap.HasNUL(resp.Body) {
		// Not storable, now or on any retry.
		return nil, fmt.Errorf("fetch %s: %w: it holds a NUL character", url, ErrNotActivityJSON)
	}
	return resp.Body, nil
}

func isActivityJSON(mediaType string) bool {
	return mediaType == "application/activity+json" || mediaType == "application/ld+json"
}
