// Package federation speaks ActivityPub with other instances: WebFinger
// and nodeinfo discovery, actors and objects as JSON, signed inboxes, safe
// fetching of remote objects, and delivery of our activities.
package federation

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/activitypub/iri"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/metrics"
	"github.com/tidings/tidings/internal/ratelimit"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// Handler serves the federation endpoints.
type Handler struct {
	forum    *forum.Service
	store    *store.Store
	iri      iri.Builder
	base     *url.URL // iri's base, against which federated HTML's links resolve
	host     string
	log      *slog.Logger
	version  string
	resolver *Resolver
	keys     *KeyCache // nil without an HTTP client: inboxes then refuse
	// inboxCount counts the inboxes' outcomes; nil counts nothing.
	inboxCount *metrics.Inbox
	heard      heardHosts
	badSigs    *ratelimit.Keyed // failed signature checks, by signer
	held       chan struct{}    // refusals held back (tooManyBadSignatures)
}

// Deps is what the federation endpoints need.
type Deps struct {
	Forum   *forum.Service
	Store   *store.Store
	Log     *slog.Logger
	Version string
	// HTTP fetches remote actors and objects; InstanceKeyPEM signs those
	// fetches as the instance actor (the site's key).
	HTTP           *safehttp.Client
	InstanceKeyPEM string
}

// New returns the federation handler of this instance.
func New(d Deps) (*Handler, error) {
	b := d.Forum.IRI()
	base := b.Base()
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("federation: base URL %q: %w", base, err)
	}
	h := &Handler{forum: d.Forum, store: d.Store, iri: b, base: u, host: base[strings.Index(base, "://")+3:],
		log: d.Log, version: d.Version, badSigs: newBadSignatures(),
		held: make(chan struct{}, maxHeld)}
	if d.HTTP != nil {
		signer, err := httpsig.NewSigner(b.Instance()+"#main-key", d.InstanceKeyPEM)
		if err != nil {
			return nil, fmt.Errorf("instance actor key: %w", err)
		}
		h.resolver = &Resolver{Store: d.Store, Fetcher: NewFetcher(d.HTTP, signer), LocalHost: h.host, Log: d.Log,
			Pictures: d.Forum}
		h.keys = NewKeyCache(h.resolver, nil)
	}
	return h, nil
}

// isLocalHost reports a host[:port], as a handle or a WebFinger resource
// names it, that is this instance's, in any spelling of it.
func (h *Handler) isLocalHost(host string) bool {
	c, err := ap.CanonicalHost(host)
	return err == nil && c == ap.Domain(h.iri.Base())
}

// writeJSON answers with a JSON document of the given media type.
func (h *Handler) writeJSON(w http.ResponseWriter, status int, mediaType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		h.log.Error("encode json", "err", err)
		http.Error(w, "could not encode the answer", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", mediaType)
	w.Header().Set("Vary", "Accept")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// problem answers a refused request with a reason a person can read.
func problem(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}
