// Package httpsig signs Tidings' outgoing ActivityPub requests and checks
// the signatures on incoming ones, the draft-cavage HTTP signatures that
// Lemmy, Mbin, Mastodon and GoToSocial use.
//
// The signature itself is made and checked by github.com/go-fed/httpsig;
// this package adds what the fediverse needs around it: the headers each
// method must sign, the Digest of the body, the one-hour Date window, key
// size limits, a second key fetch when a key has been rotated, and errors
// an inbox can turn into a status code (see HTTPStatus).
//
// What the others send, and what Verify accepts:
//
//   - Lemmy: algorithm="hs2019", headers="(request-target) content-type date digest host"
//   - Mbin: algorithm="rsa-sha256", headers="(request-target) date host digest"
//   - Mastodon: algorithm="rsa-sha256" (or hs2019), headers="(request-target) host date digest content-type"
//   - GoToSocial: algorithm="hs2019", headers="(request-target) host date digest" (GET: no digest)
//
// All of them sign with RSA-SHA256 and 2048-bit keys. The algorithm
// parameter is not trusted: the key decides, and only RSA keys of 2048 to
// 8192 bits are accepted.
//
// Behind a reverse proxy, the proxy must pass the Host header and the
// request path unchanged (nginx: proxy_set_header Host $host; no path
// rewriting), since both are signed; Lemmy users hit exactly this when
// their proxy sent "Host: 0.0.0.0".
package httpsig

import (
	"errors"
	"net/http"
)

// The errors Verify returns wrap one of these; match them with errors.Is
// and answer with HTTPStatus. Each wrapped error says in words what was
// wrong, fit for a log line or the body of a 401.
var (
	// ErrNoSignature: neither a Signature header nor an
	// "Authorization: Signature ..." header was sent.
	ErrNoSignature = errors.New("request is not signed: no Signature header")
	// ErrBadSignature: the signature header is malformed, leaves out a
	// header that must be signed, or does not verify with the key.
	ErrBadSignature = errors.New("HTTP signature is invalid")
	// ErrBadDigest: a request with a body has no Digest header, has no
	// SHA-256 digest in it, or the digest does not match the body.
	ErrBadDigest = errors.New("the Digest header is missing or does not match the body")
	// ErrStaleDate: the Date header is missing, unreadable, or more than
	// MaxSkew away from now.
	ErrStaleDate = errors.New("the Date header is missing or outside the one-hour window a signature is valid in")
	// ErrBadKey: the published key is not an RSA key of MinKeyBits to
	// MaxKeyBits bits.
	ErrBadKey = errors.New("signing key is unusable")
	// ErrKeyFetch: the key named by keyId could not be had. Unless the
	// error also matches ErrNoSuchKey, that may be a failure on our side
	// or one that passes (the database, the remote being down or slow),
	// and the sender should try again.
	ErrKeyFetch = errors.New("cannot fetch the signing key")
	// ErrNoSuchKey marks a key fetch that failed because of the sender:
	// the key's actor is gone, or its document publishes no such key. A
	// KeyFetcher wraps it into the errors it knows to be so.
	ErrNoSuchKey = errors.New("there is no such key")
)

// HTTPStatus is the status an inbox or a signed-fetch endpoint answers
// for an error from Verify:
//
//   - 401 Unauthorized for a missing, malformed or wrong signature, a stale
//     Date, an unusable key, or a key that its actor's server says is not
//     there (ErrNoSuchKey): sending the same request again cannot succeed;
//   - 400 Bad Request for a missing or wrong Digest;
//   - 503 Service Unavailable for anything else, which is not known to be
//     the sender's fault: a key that could not be fetched because the
//     remote is down or slow, or because our own database is. Lemmy,
//     Mastodon and the others retry a 5xx later, by which time it may
//     have passed; a 4xx would make them drop the activity.
//
// The choice for ErrKeyFetch differs from Lemmy, which answers 400 to any
// verification failure; a 400 is dropped by senders, so a short outage of
// the sender's own instance, or of ours, would lose activities.
func HTTPStatus(err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, ErrBadDigest):
		return http.StatusBadRequest
	case errors.Is(err, ErrNoSignature), errors.Is(err, ErrBadSignature),
		errors.Is(err, ErrStaleDate), errors.Is(err, ErrBadKey), errors.Is(err, ErrNoSuchKey):
		return http.StatusUnauthorized
	}
	return http.StatusServiceUnavailable
}
