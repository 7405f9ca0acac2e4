package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// MinForcedRefresh is how often one key may be fetched again on demand:
// anyone can ask for a refresh by sending a bad signature.
const MinForcedRefresh = time.Minute

// KeyMemory is how long a key, or the failure to find one, is answered from
// memory: an inbox then checks most signatures without a query, and a
// flood of requests naming a key that does not exist costs one fetch a
// minute. A key rotated meanwhile is fetched at once by the refresh a
// signature that fails to verify asks for.
const KeyMemory = time.Minute

// maxRemembered bounds KeyCache's in-memory maps; past it they are pruned.
const maxRemembered = 10000

// KeyCache is the httpsig.KeyFetcher of the inboxes: it finds a key's
// owner through the Resolver (so the key is the stored actor's while it is
// fresh) and limits forced refreshes to one per key per MinForcedRefresh.
//
// A keyId is ACTOR#fragment (Lemmy, Mastodon: ACTOR#main-key), whose owner
// is ACTOR; or a URL of its own (ACTOR/main-key, GoToSocial and others),
// which is fetched once: a key document (id, owner, publicKeyPem) names
// its owner, an actor document whose publicKey is the key is the owner.
// The owner must share the key's origin; what was learnt is kept in memory.
//
// Keys found, and keys that could not be had from their server, are
// remembered for KeyMemory (see remembered): before a signature is
// checked, the inbox touches the database at most once a minute per key.
type KeyCache struct {
	resolver *Resolver
	now      func() time.Time

	mu     sync.Mutex
	forced map[string]time.Time // keyId → last forced refresh
	owners map[string]string    // keyId without fragment → owner's id
	keys   map[string]keyMemo   // keyId → what its last lookup answered
	flight singleflight.Group
}

// keyMemo is the outcome of one key lookup: the key, or why there is none.
type keyMemo struct {
	pem, owner string
	err        error
	at         time.Time
}

// NewKeyCache returns a KeyCache over r; now is the clock (nil for
// time.Now).
func NewKeyCache(r *Resolver, now func() time.Time) *KeyCache {
	if now == nil {
		now = time.Now
	}
	return &KeyCache{resolver: r, now: now, forced: map[string]time.Time{}, owners: map[string]string{},
		keys: map[string]keyMemo{}}
}

var _ httpsig.KeyFetcher = (*KeyCache)(nil)

// PublicKey implements httpsig.KeyFetcher: the PEM of the key keyID and the
// id of the actor owning it. Errors that are the sender's doing wrap
// httpsig.ErrNoSuchKey.
func (k *KeyCache) PublicKey(ctx context.Context, keyID string, refresh bool) (string, string, error) {
	if refresh && !k.mayRefresh(keyID) {
		refresh = false
	}
	if !refresh {
		if m, ok := k.remembered(keyID); ok {
			return m.pem, m.owner, m.err
		}
	}
	// Requests naming one key at once make one lookup: else a flood
	// naming an unknown key would fetch it once per request in flight.
	flight := keyID
	if refresh {
		flight = "refresh " + keyID
	}
	v, _, _ := k.flight.Do(flight, func() (any, error) {
		if m, ok := k.remembered(keyID); ok && !refresh {
			return m, nil
		}
		pem, owner, err := k.lookup(ctx, keyID, refresh)
		m := keyMemo{pem: pem, owner: owner, err: err}
		k.remember(keyID, m)
		return m, nil
	})
	m := v.(keyMemo)
	return m.pem, m.owner, m.err
}

// remembered is the answer of a lookup of keyID made less than KeyMemory
// ago.
func (k *KeyCache) remembered(keyID string) (keyMemo, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	m, ok := k.keys[keyID]
	if !ok || k.now().Sub(m.at) >= KeyMemory {
		return keyMemo{}, false
	}
	return m, true
}

// remember keeps a lookup's answer: a key, or a failure that came from
// the key's server (it has no such key, or did not answer). A failure of
// ours, such as the database's, is not kept, nor one of a request that
// gave up.
func (k *KeyCache) remember(keyID string, m keyMemo) {
	if m.err != nil && !errors.Is(m.err, httpsig.ErrNoSuchKey) && !remoteFailure(m.err) {
		return
	}
	m.at = k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.keys) >= maxRemembered {
		for id, old := range k.keys {
			if m.at.Sub(old.at) >= KeyMemory {
				delete(k.keys, id)
			}
		}
		if len(k.keys) >= maxRemembered {
			clear(k.keys)
		}
	}
	k.keys[keyID] = m
}

// remoteFailure reports a fetch that the other server failed: an error
// status, or no answer at all.
func remoteFailure(err error) bool {
	var se *safehttp.StatusError
	var ue *url.Error
	return errors.As(err, &se) || (errors.As(err, &ue) && !errors.Is(err, context.Canceled))
}

// lookup finds the key through the resolver: from the database while the
// actor is fresh, else (or with refresh) from its server.
func (k *KeyCache) lookup(ctx context.Context, keyID string, refresh bool) (string, string, error) {
	actorID, err := k.ownerOf(ctx, keyID)
	if err != nil {
		return "", "", keyErr(keyID, err)
	}
	ref, err := k.resolver.Actor(ctx, actorID, refresh)
	if err != nil {
		return "", "", keyErr(keyID, err)
	}
	if ref.PublicKeyPEM == "" {
		return "", "", keyErr(keyID, fmt.Errorf("%w: the actor has no key", ErrNotActor))
	}
	return ref.PublicKeyPEM, ref.ID, nil
}

// mayRefresh records a forced refresh of keyID and says whether it may be
// made, at most one per MinForcedRefresh.
func (k *KeyCache) mayRefresh(keyID string) bool {
	now := k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	if last, ok := k.forced[keyID]; ok && now.Sub(last) < MinForcedRefresh {
		return false
	}
	if len(k.forced) >= maxRemembered {
		for id, last := range k.forced {
			if now.Sub(last) >= MinForcedRefresh {
				delete(k.forced, id)
			}
		}
	}
	k.forced[keyID] = now
	return true
}

// ownerOf is the id of the actor that keyID belongs to.
func (k *KeyCache) ownerOf(ctx context.Context, keyID string) (string, error) {
	if actor, _, ok := strings.Cut(keyID, "#"); ok {
		return actor, nil
	}
	k.mu.Lock()
	owner, ok := k.owners[keyID]
	k.mu.Unlock()
	if ok {
		return owner, nil
	}
	// A keyId that is itself a known actor's id.
	if _, err := k.resolver.Store.ActorByAPID(ctx, keyID); err == nil {
		return keyID, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	owner, err := k.discoverOwner(ctx, keyID)
	if err != nil {
		return "", err
	}
	k.mu.Lock()
	if len(k.owners) >= maxRemembered {
		clear(k.owners)
	}
	k.owners[keyID] = owner
	k.mu.Unlock()
	return owner, nil
}

// discoverOwner fetches the document at keyID to learn whose key it is.
func (k *KeyCache) discoverOwner(ctx context.Context, keyID string) (string, error) {
	raw, err := k.resolver.Fetcher.fetch(ctx, keyID)
	if err != nil {
		return "", err
	}
	var doc struct {
		ID           string       `json:"id"`
		Owner        string       `json:"owner"`
		PublicKeyPem string       `json:"publicKeyPem"`
		PublicKey    ap.PublicKey `json:"publicKey"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return "", fmt.Errorf("key %s: %w: %w", keyID, ErrNotActivityJSON, err)
	}
	var owner string
	switch {
	case doc.PublicKeyPem != "" && doc.Owner != "":
		// A key object.
		if doc.ID != keyID {
			return "", fmt.Errorf("key %s: %w (id %q)", keyID, ErrIDMismatch, doc.ID)
		}
		owner = doc.Owner
	case doc.PublicKey.PublicKeyPem != "":
		// The owner's own document, served at the key's URL.
		if doc.PublicKey.ID != keyID {
			return "", fmt.Errorf("key %s: %w: the actor %s publishes key %q", keyID, ErrIDMismatch, doc.ID, doc.PublicKey.ID)
		}
		owner = doc.ID
	default:
		return "", fmt.Errorf("key %s: %w: neither a key nor an actor with a key", keyID, ErrNotActor)
	}
	if !ap.SameOrigin(keyID, owner) {
		return "", fmt.Errorf("key %s: %w: owner %q", keyID, ErrCrossOrigin, owner)
	}
	return owner, nil
}

// keyErr marks err as httpsig.ErrNoSuchKey when it is the sender's
// doing: anything else is answered so that the sender tries again.
func keyErr(keyID string, err error) error {
	if _, ok := senderFault(err); ok && !errors.Is(err, httpsig.ErrNoSuchKey) {
		return fmt.Errorf("key %s: %w (%w)", keyID, err, httpsig.ErrNoSuchKey)
	}
	return fmt.Errorf("key %s: %w", keyID, err)
}
