package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tidings/tidings/internal/safehttp"
)

// ErrUnreachable: the picture's address cannot be fetched, and trying
// again will not help (a private address, a 404, a page not a picture).
var ErrUnreachable = errors.New("image cannot be fetched")

// maxFetch bounds the body the fetcher's client reads: the highest limit
// an admin may set, since the site's own, lower, limit is applied per fetch.
const maxFetch = 100 << 20

// Fetcher fetches pictures from other servers through safehttp, whose
// dial-time checks keep it off private and loopback addresses.
type Fetcher struct {
	http *safehttp.Client
}

// NewFetcher makes a fetcher with its own client, as the shared one
// stops at a page's size; allowPrivate is safehttp's, for tests only.
func NewFetcher(allowPrivate bool, userAgent string) *Fetcher {
	return &Fetcher{http: safehttp.New(safehttp.Options{AllowPrivate: allowPrivate, UserAgent: userAgent, MaxBody: maxFetch})}
}

// Fetch reads the picture at url, no more than maxBytes of it. What
// cannot succeed later is a *RejectError; other errors may pass.
func (f *Fetcher) Fetch(ctx context.Context, url string, maxBytes int64) ([]byte, error) {
	s, err := f.http.Open(ctx, url, "image/*")
	if err == nil {
		defer s.Body.Close()
		err = s.Err()
	}
	if err != nil {
		if safehttp.Permanent(err) {
			return nil, reject(ErrUnreachable, "The picture cannot be fetched: "+reason(err))
		}
		return nil, fmt.Errorf("fetch image: %w", err)
	}
	if mt := s.MediaType(); mt != "" && !strings.HasPrefix(mt, "image/") {
		return nil, reject(ErrFormat, fmt.Sprintf("The address is not a picture but %s.", mt))
	}
	data, err := io.ReadAll(io.LimitReader(s.Body, maxBytes+1))
	if err != nil {
		if safehttp.Permanent(err) {
			return nil, reject(ErrTooLarge, fmt.Sprintf("This file is larger than the limit of %s.", humanBytes(maxBytes)))
		}
		return nil, fmt.Errorf("fetch image %s: %w", s.URL.Redacted(), err)
	}
	if int64(len(data)) > maxBytes {
		return nil, reject(ErrTooLarge, fmt.Sprintf("This file is larger than the limit of %s.", humanBytes(maxBytes)))
	}
	return data, nil
}

// reason says in a few words why a fetch cannot succeed, naming no
// address of ours.
func reason(err error) string {
	var se *safehttp.StatusError
	switch {
	case errors.Is(err, safehttp.ErrForbiddenAddress):
		return "it is at a private or local address."
	case errors.As(err, &se):
		return fmt.Sprintf("its server answered %d.", se.StatusCode)
	case errors.Is(err, safehttp.ErrTooLarge):
		return "it is too large."
	}
	return "its address is not usable."
}
