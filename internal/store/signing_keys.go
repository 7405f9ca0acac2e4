package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// LocalSigningKey finds the private key that signs for the local actor
// whose id is actorAPID: a local person, a local community, or the
// instance actor, whose id is the site's root, scheme://host/ (either scheme,
// since a development site may run on plain http). keyID is the key's id
// as the actor publishes it, actorAPID + "#main-key". ErrNotFound when no
// local actor has that id, or the site has no key yet.
//
// Deleted people and communities keep their keys: they still sign the
// Delete that tells others they are gone.
func (s *Store) LocalSigningKey(ctx context.Context, actorAPID string) (keyID, privatePEM string, err error) {
	op := "get signing key of " + actorAPID
	err = s.db.QueryRow(ctx, `
		SELECT private_key_pem FROM people WHERE ap_id = $1 AND local AND private_key_pem IS NOT NULL
		UNION ALL
		SELECT private_key_pem FROM communities WHERE ap_id = $1 AND local AND private_key_pem IS NOT NULL
		LIMIT 1`, actorAPID).Scan(&privatePEM)
	if err == nil {
		return actorAPID + "#main-key", privatePEM, nil
	}
	if err = wrap(op, err); !errors.Is(err, ErrNotFound) {
		return "", "", err
	}
	host, ok := rootHost(actorAPID)
	if !ok {
		return "", "", err
	}
	var siteHost string
	err = s.db.QueryRow(ctx, `
		SELECT coalesce(host, ''), coalesce(private_key_pem, '') FROM site WHERE id = 1`).Scan(&siteHost, &privatePEM)
	if err != nil {
		return "", "", wrap(op, err)
	}
	if privatePEM == "" || !strings.EqualFold(siteHost, host) {
		return "", "", fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return actorAPID + "#main-key", privatePEM, nil
}

// rootHost is the host[:port] of an id that names a site's root as
// iri.Builder.Instance writes it (an http(s) URL whose path is exactly "/",
// with no query, fragment or user), and false for any other id.
func rootHost(id string) (string, bool) {
	u, err := url.Parse(id)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.Path != "/" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return "", false
	}
	return u.Host, true
}
