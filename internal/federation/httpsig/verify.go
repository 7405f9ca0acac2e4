package httpsig

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	gofed "github.com/go-fed/httpsig"
)

// MaxSkew is how far the Date of a signed request may be from now, either
// way: Lemmy's signatures live one hour.
const MaxSkew = time.Hour

// KeyFetcher finds the public key a signature names.
//
// PublicKey returns the PEM (publicKeyPem) of the key whose id is keyID,
// and the id of the actor that owns it (publicKey.owner, checked by the
// fetcher to be the actor whose document published the key). With
// refresh false it may answer from a cache; with refresh true the
// signature did not verify with the cached key, which may have been
// rotated, and the fetcher should fetch the key again, bypassing the cache.
// Anyone can make Verify ask for a refresh by sending a bad signature, so
// an implementation should refresh a given key at most every minute or so
// and otherwise answer from the cache.
//
// An error that is the sender's doing (the actor is gone, its document
// has no such key) must wrap ErrNoSuchKey; any other is taken for one
// that may pass, or for a failure of ours, so that the sender is told to
// try again.
type KeyFetcher interface {
	PublicKey(ctx context.Context, keyID string, refresh bool) (pem string, owner string, err error)
}

// Verified is who signed a request.
type Verified struct {
	KeyID string
	// Owner is the actor the KeyFetcher gave as the key's owner; the
	// inbox must still check that it is the activity's actor, or shares
	// its origin.
	Owner string
}

// Verify checks the signature of a request received by this server, whose
// body (already read, nil for none) is body, as of now.
//
// The Signature header (or "Authorization: Signature ...") must name the
// key and the signed headers; the algorithm parameter may be hs2019,
// rsa-sha256 or absent, and the signature is always checked as
// RSA-SHA256, the only kind of key accepted. The signed headers must
// include (request-target), host and date, and for a request with a body
// (any method but GET and HEAD) digest, which must match body. Date must
// be within MaxSkew of now.
//
// When the key does not verify the signature, the key is fetched once more
// with refresh (it may have been rotated) and the signature checked again.
// A request whose query string is not signed, as Mastodon signs, is
// accepted too.
//
// The host checked is req.Host, the Host header as received, and the
// request target is req.RequestURI as received; see the package comment
// about reverse proxies.
//
// With an error, the Verified holds only the keyId, when the Signature
// header could be read, so that the refusal's log can name the key.
func Verify(ctx context.Context, req *http.Request, body []byte, fetch KeyFetcher, now time.Time) (Verified, error) {
	raw, err := signatureHeader(req.Header)
	if err != nil {
		return Verified{}, err
	}
	p, err := parseSignature(raw)
	if err != nil {
		return Verified{KeyID: p.keyID}, err
	}
	v, err := verify(ctx, req, body, fetch, now, p)
	if err != nil {
		return Verified{KeyID: p.keyID}, err
	}
	return v, nil
}

// KeyID is the keyId a request's signature names, unchecked, or "" when
// none can be read: for limits that apply before the signature is checked.
func KeyID(h http.Header) string {
	raw, err := signatureHeader(h)
	if err != nil {
		return ""
	}
	p, _ := parseSignature(raw)
	return p.keyID
}

// verify is Verify once the Signature header is parsed.
func verify(ctx context.Context, req *http.Request, body []byte, fetch KeyFetcher, now time.Time, p params) (Verified, error) {
	hasBody := req.Method != http.MethodGet && req.Method != http.MethodHead
	required := getHeaders
	if hasBody {
		required = postHeaders[:4] // content-type is Lemmy's and ours, not Mbin's
	}
	for _, h := range required {
		if !slices.Contains(p.headers, h) {
			if h == "digest" && req.Header.Get("Digest") == "" {
				return Verified{}, fmt.Errorf("%w: a %s request must carry a Digest header, and sign it", ErrBadDigest, req.Method)
			}
			return Verified{}, fmt.Errorf("%w: the signed headers %q leave out %q; a %s must sign %s",
				ErrBadSignature, strings.Join(p.headers, " "), h, req.Method, strings.Join(required, " "))
		}
	}
	if err := checkDate(req.Header, now); err != nil {
		return Verified{}, err
	}
	if slices.Contains(p.headers, "digest") {
		if err := checkDigest(req.Header, body); err != nil {
			return Verified{}, err
		}
	}
	target, err := newTarget(req, p)
	if err != nil {
		return Verified{}, err
	}

	pemKey, owner, err := fetchKey(ctx, fetch, p.keyID, false)
	if err != nil {
		return Verified{}, err
	}
	err = target.verify(pemKey)
	if err == nil {
		return Verified{KeyID: p.keyID, Owner: owner}, nil
	}
	if !errors.Is(err, errMismatch) && !errors.Is(err, ErrBadKey) {
		return Verified{}, err
	}
	// The key may have been rotated since it was cached: fetch it anew,
	// once.
	pemKey2, owner2, ferr := fetchKey(ctx, fetch, p.keyID, true)
	if ferr != nil {
		return Verified{}, fmt.Errorf("%w (after the cached key failed: %w)", ferr, err)
	}
	if pemKey2 == pemKey {
		return Verified{}, err
	}
	if err := target.verify(pemKey2); err != nil {
		return Verified{}, fmt.Errorf("%w (with the cached key and with the key fetched anew)", err)
	}
	return Verified{KeyID: p.keyID, Owner: owner2}, nil
}

func fetchKey(ctx context.Context, fetch KeyFetcher, keyID string, refresh bool) (pem, owner string, err error) {
	pem, owner, err = fetch.PublicKey(ctx, keyID, refresh)
	if err != nil {
		return "", "", fmt.Errorf("%w %s: %w", ErrKeyFetch, keyID, err)
	}
	return pem, owner, nil
}

// signatureHeader finds the signature parameters: the Signature header,
// else an Authorization header with the Signature scheme.
func signatureHeader(h http.Header) (string, error) {
	if v := h.Values("Signature"); len(v) > 0 {
		if len(v) > 1 {
			return "", fmt.Errorf("%w: %d Signature headers, want one", ErrBadSignature, len(v))
		}
		return v[0], nil
	}
	a := h.Get("Authorization")
	scheme, rest, _ := strings.Cut(a, " ")
	if strings.EqualFold(scheme, "Signature") {
		return rest, nil
	}
	return "", ErrNoSignature
}

// params are the signature parameters Verify uses.
type params struct {
	keyID     string
	headers   []string // lower case, in the signed order
	signature string
	created   string
	expires   string
}

// parseSignature reads `name="value"` pairs separated by commas, with
// optional spaces around them (Lemmy writes none, some write ", ").
// Verify hands go-fed a Signature header rebuilt from what is parsed here,
// so that go-fed's own, stricter split cannot read the header differently
// from the checks made on it.
func parseSignature(s string) (params, error) {
	var p params
	seen := map[string]bool{}
	algorithm := ""
	for rest := strings.TrimSpace(s); rest != ""; {
		name, after, ok := strings.Cut(rest, "=")
		if !ok {
			return p, fmt.Errorf("%w: malformed Signature header: %q has no value", ErrBadSignature, rest)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		after = strings.TrimLeft(after, " \t")
		var value string
		if strings.HasPrefix(after, `"`) {
			end := strings.IndexByte(after[1:], '"')
			if end < 0 {
				return p, fmt.Errorf("%w: malformed Signature header: unterminated quote in %s", ErrBadSignature, name)
			}
			value, rest = after[1:1+end], after[2+end:]
		} else {
			// created and expires are bare numbers.
			end := strings.IndexByte(after, ',')
			if end < 0 {
				end = len(after)
			}
			value, rest = strings.TrimSpace(after[:end]), after[end:]
		}
		rest = strings.TrimLeft(rest, " \t")
		if rest != "" {
			if rest[0] != ',' {
				return p, fmt.Errorf("%w: malformed Signature header: expected a comma after %s", ErrBadSignature, name)
			}
			rest = strings.TrimLeft(rest[1:], " \t")
		}
		if seen[name] {
			return p, fmt.Errorf("%w: malformed Signature header: %s given twice", ErrBadSignature, name)
		}
		seen[name] = true
		switch name {
		case "keyid":
			p.keyID = value
		case "headers":
			p.headers = strings.Fields(strings.ToLower(value))
		case "signature":
			p.signature = value
		case "algorithm":
			algorithm = strings.ToLower(value)
		case "created":
			p.created = value
		case "expires":
			p.expires = value
		}
	}
	switch {
	case p.keyID == "":
		return p, fmt.Errorf("%w: the Signature header has no keyId", ErrBadSignature)
	case p.signature == "":
		return p, fmt.Errorf("%w: the Signature header has no signature", ErrBadSignature)
	case !isBase64(p.signature):
		return p, fmt.Errorf("%w: the signature is not base64", ErrBadSignature)
	case algorithm != "" && algorithm != "hs2019" && algorithm != "rsa-sha256":
		return p, fmt.Errorf("%w: algorithm %q is not supported; only RSA-SHA256 signatures (hs2019 or rsa-sha256) are", ErrBadSignature, algorithm)
	}
	if len(p.headers) == 0 {
		p.headers = []string{"date"} // the draft's default
	}
	for _, h := range p.headers {
		if !headerName(h) {
			return p, fmt.Errorf("%w: %q in the signed headers is not a header name", ErrBadSignature, h)
		}
	}
	for _, v := range []string{p.created, p.expires} {
		if v != "" {
			if _, err := strconv.ParseInt(v, 10, 64); err != nil {
				return p, fmt.Errorf("%w: created/expires %q is not a number", ErrBadSignature, v)
			}
		}
	}
	return p, nil
}

// headerName reports a header's name (a token, RFC 9110) or one of the
// draft's pseudo-headers such as (request-target). Anything else, a quote
// above all, would change how go-fed reads the header rebuilt for it
// (goFedHeader) from how it was checked here.
func headerName(h string) bool {
	if strings.HasPrefix(h, "(") && strings.HasSuffix(h, ")") {
		h = h[1 : len(h)-1]
	}
	if h == "" {
		return false
	}
	for _, c := range []byte(h) {
		if !tokenChar(c) {
			return false
		}
	}
	return true
}

func tokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func isBase64(s string) bool {
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

func checkDate(h http.Header, now time.Time) error {
	v := h.Get("Date")
	if v == "" {
		return fmt.Errorf("%w: the request has no Date header", ErrStaleDate)
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return fmt.Errorf("%w: Date %q is not an HTTP date", ErrStaleDate, v)
	}
	switch d := now.Sub(t); {
	case d > MaxSkew:
		return fmt.Errorf("%w: Date %q is %s old, more than the %s allowed", ErrStaleDate, v, d.Round(time.Second), MaxSkew)
	case d < -MaxSkew:
		return fmt.Errorf("%w: Date %q is %s in the future, more than the %s allowed", ErrStaleDate, v, (-d).Round(time.Second), MaxSkew)
	}
	return nil
}

// checkDigest checks the Digest header (RFC 3230) against body. It may
// list several digests, comma-separated; the SHA-256 one (the algorithm
// named in any case) must be there and match.
func checkDigest(h http.Header, body []byte) error {
	values := h.Values("Digest")
	if len(values) == 0 {
		return fmt.Errorf("%w: the request has no Digest header", ErrBadDigest)
	}
	sum := sha256.Sum256(body)
	found := false
	for _, v := range values {
		for d := range strings.SplitSeq(v, ",") {
			alg, enc, ok := strings.Cut(strings.TrimSpace(d), "=")
			if !ok || !strings.EqualFold(alg, "SHA-256") {
				continue
			}
			got, err := base64.StdEncoding.DecodeString(enc)
			if err != nil {
				return fmt.Errorf("%w: the SHA-256 digest %q is not base64", ErrBadDigest, enc)
			}
			if subtle.ConstantTimeCompare(got, sum[:]) != 1 {
				return fmt.Errorf("%w: the SHA-256 digest %s is not that of the %d-byte body", ErrBadDigest, enc, len(body))
			}
			found = true
		}
	}
	if !found {
		return fmt.Errorf("%w: Digest %q has no SHA-256 digest", ErrBadDigest, strings.Join(values, ", "))
	}
	return nil
}

// target is a request rebuilt for go-fed to verify: only the signed
// headers, a Signature header made from the parsed parameters, Host and
// the request target as received.
type target struct {
	req     *http.Request
	noQuery *http.Request // the same without the query, or nil
}

func newTarget(req *http.Request, p params) (*target, error) {
	h := make(http.Header, len(p.headers)+1)
	for _, name := range p.headers {
		switch name {
		case gofed.RequestTarget:
			continue
		case "(created)", "(expires)":
			if (name == "(created)" && p.created == "") || (name == "(expires)" && p.expires == "") {
				return nil, fmt.Errorf("%w: %s is signed but has no value", ErrBadSignature, name)
			}
			continue
		case "host":
			host := req.Host
			if host == "" && req.URL != nil {
				host = req.URL.Host
			}
			h["Host"] = []string{host}
			continue
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		v, ok := req.Header[key]
		if !ok {
			return nil, fmt.Errorf("%w: the signed header %q is not in the request", ErrBadSignature, name)
		}
		h[key] = v
	}
	h["Signature"] = []string{p.goFedHeader()}

	path, query := requestTarget(req)
	t := &target{req: &http.Request{Method: req.Method, Header: h, Host: h.Get("Host"), URL: &url.URL{Path: path, RawQuery: query}}}
	if query != "" && slices.Contains(p.headers, gofed.RequestTarget) {
		t.noQuery = &http.Request{Method: req.Method, Header: h, Host: t.req.Host, URL: &url.URL{Path: path}}
	}
	return t, nil
}

// goFedHeader is the Signature header handed to go-fed, rebuilt from p.
// go-fed reads keyId only to hand it back through KeyId, which is not
// used; a placeholder keeps a key id with commas from confusing it.
func (p params) goFedHeader() string {
	var b strings.Builder
	b.WriteString(`keyId="k",algorithm="hs2019",`)
	if p.created != "" {
		b.WriteString("created=" + p.created + ",")
	}
	if p.expires != "" {
		b.WriteString("expires=" + p.expires + ",")
	}
	b.WriteString(`headers="` + strings.Join(p.headers, " ") + `",signature="` + p.signature + `"`)
	return b.String()
}

// requestTarget is the path and query as received: RequestURI on the
// server side, else the URL's escaped path.
func requestTarget(req *http.Request) (path, query string) {
	if ru := req.RequestURI; strings.HasPrefix(ru, "/") {
		path, query, _ = strings.Cut(ru, "?")
		return path, query
	} else if ru != "" && ru != "*" {
		// An absolute-form target, as sent to a proxy.
		if u, err := url.ParseRequestURI(ru); err == nil {
			return wirePath(u), u.RawQuery
		}
	}
	if req.URL == nil {
		return "/", ""
	}
	return wirePath(req.URL), req.URL.RawQuery
}

// verify checks the signature with the PEM key: with the query string,
// then without it.
func (t *target) verify(publicPEM string) error {
	key, err := ParsePublicKey(publicPEM)
	if err != nil {
		return err
	}
	err = verifyOne(t.req, key)
	if err != nil && t.noQuery != nil && verifyOne(t.noQuery, key) == nil {
		return nil
	}
	return err
}

// errMismatch marks a well-formed signature that the key does not verify,
// the one failure another key might cure.
var errMismatch = errors.New("it does not verify with the key")

func verifyOne(req *http.Request, key any) error {
	v, err := gofed.NewVerifier(req)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	// The signature is known to be base64 and every signed header to be
	// there (parseSignature and newTarget checked), so a failure here is
	// the RSA check itself.
	if err := v.Verify(key, gofed.RSA_SHA256); err != nil {
		return fmt.Errorf("%w: %w (%w)", ErrBadSignature, errMismatch, err)
	}
	return nil
}
