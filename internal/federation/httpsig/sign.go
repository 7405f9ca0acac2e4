package httpsig

import (
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	gofed "github.com/go-fed/httpsig"
	"golang.org/x/net/http/httpguts"
)

// The headers our signatures cover. POST is what Mastodon and GoToSocial
// sign plus content-type, as Lemmy and Mastodon do; GET is GoToSocial's
// (a GET has no body to digest).
var (
	postHeaders = []string{gofed.RequestTarget, "host", "date", "digest", "content-type"}
	getHeaders  = []string{gofed.RequestTarget, "host", "date"}
)

// DefaultContentType is the Content-Type SignPost sets when the request
// has none, the one Lemmy and Mastodon send activities with.
const DefaultContentType = "application/activity+json"

// Signer signs requests as one actor. It holds the parsed key and nothing
// else, so one Signer may sign from many goroutines at once.
//
// go-fed's signers are not safe for concurrent use (each keeps a SHA-256
// state between calls), so every call makes its own: that costs about a
// microsecond and 400 bytes, against over a millisecond for the RSA signature
// (see BenchmarkSignPost), which a pool or a mutex would not beat by
// anything measurable.
type Signer struct {
	keyID string
	key   *rsa.PrivateKey
}

// NewSigner makes a Signer for the key whose id (the actor's
// publicKey.id, such as "https://example.org/u/alice#main-key") is keyID,
// from its PEM private key, PKCS#8 or PKCS#1.
func NewSigner(keyID, privatePEM string) (*Signer, error) {
	if keyID == "" {
		return nil, fmt.Errorf("new signer: empty key id")
	}
	if strings.ContainsAny(keyID, "\",") {
		return nil, fmt.Errorf("new signer: key id %q contains a quote or a comma, which signature parsers split on", keyID)
	}
	key, err := ParsePrivateKey(privatePEM)
	if err != nil {
		return nil, fmt.Errorf("new signer for %s: %w", keyID, err)
	}
	return &Signer{keyID: keyID, key: key}, nil
}

// KeyID is the key id the signatures name.
func (s *Signer) KeyID() string { return s.keyID }

// SignPost signs a request that carries body (an activity to an inbox):
// it sets Date (now, unless already set), Host, Content-Type (unless set),
// Digest (SHA-256 of body) and Signature over "(request-target) host date
// digest content-type". body must be exactly what will be sent. Signing
// again replaces an earlier Digest and Signature, so a retry may re-sign
// the same request after updating its Date.
func (s *Signer) SignPost(req *http.Request, body []byte) error {
	if req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", DefaultContentType)
	}
	if body == nil {
		body = []byte{} // go-fed adds a Digest only for a non-nil body
	}
	return s.sign(req, body, postHeaders)
}

// SignGet signs a request without a body (a signed fetch of an object or
// an actor): it sets Date (now, unless already set), Host and Signature
// over "(request-target) host date".
func (s *Signer) SignGet(req *http.Request) error {
	return s.sign(req, nil, getHeaders)
}

func (s *Signer) sign(req *http.Request, body []byte, headers []string) error {
	if req.URL == nil {
		return fmt.Errorf("sign request: no URL")
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	host, err := wireHost(req)
	if err != nil {
		return err
	}
	req.Host = host
	if req.Header.Get("Date") == "" {
		req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	}
	if body != nil {
		req.Header.Del("Digest") // go-fed refuses to replace one
	}
	req.Header.Del("Signature")

	// Sign a copy: go-fed reads "host" from the header map, where the
	// client would ignore it, and the request target from URL.Path, which
	// is the decoded path. The copy carries the host and the path as they
	// go on the wire, so what is signed is what the receiver sees.
	tmp := *req
	tmp.Header = req.Header.Clone()
	tmp.Header.Set("Host", host)
	tmp.URL = &url.URL{Path: wirePath(req.URL), RawQuery: req.URL.RawQuery}

	signer, _, err := gofed.NewSigner([]gofed.Algorithm{gofed.RSA_SHA256}, gofed.DigestSha256, headers, gofed.Signature, 0)
	if err != nil {
		return fmt.Errorf("sign request: %w", err)
	}
	if err := signer.SignRequest(s.key, s.keyID, &tmp, body); err != nil {
		return fmt.Errorf("sign request to %s: %w", req.URL.Redacted(), err)
	}
	if body != nil {
		req.Header.Set("Digest", tmp.Header.Get("Digest"))
	}
	// go-fed writes algorithm="hs2019" (the key decides, as in the later
	// drafts); Lemmy, Mastodon and GoToSocial accept that, but some
	// smaller servers (and older Misskey and PeerTube) know only
	// "rsa-sha256", which every implementation accepts. The algorithm
	// parameter is not part of the signed string, so changing it leaves
	// the signature valid.
	sig := strings.Replace(tmp.Header.Get("Signature"), `,algorithm="hs2019",`, `,algorithm="rsa-sha256",`, 1)
	req.Header.Set("Signature", sig)
	return nil
}

// wireHost is the Host header net/http will send for req: Request.Host,
// else the URL's host, in Punycode.
func wireHost(req *http.Request) (string, error) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	if host == "" {
		return "", fmt.Errorf("sign request: no host in %s", req.URL.Redacted())
	}
	host, err := httpguts.PunycodeHostPort(host)
	if err != nil {
		return "", fmt.Errorf("sign request: host: %w", err)
	}
	return host, nil
}

// wirePath is the path as it is sent: escaped, and "/" when empty.
func wirePath(u *url.URL) string {
	if p := u.EscapedPath(); p != "" {
		return p
	}
	return "/"
}
