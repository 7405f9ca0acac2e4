package forum

import (
	"context"
	"errors"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// FindPerson finds a person by handle: NAME for a local one, NAME@HOST
// (with or without a leading @) for anyone, in any spelling of the host.
func (s *Service) FindPerson(ctx context.Context, handle string) (store.Person, error) {
	name, host := splitHandle(strings.TrimPrefix(strings.TrimSpace(handle), "@"))
	if host == "" || host == ap.Domain(s.iri.Base()) {
		p, err := s.store.LocalPersonByName(ctx, name)
		if errors.Is(err, store.ErrNotFound) {
			return p, notFound("no local user is named %q", name)
		}
		return p, err
	}
	p, err := s.store.PersonByNameAndDomain(ctx, name, host)
	if errors.Is(err, store.ErrNotFound) {
		return p, notFound("nobody called %q is known here", handle)
	}
	return p, err
}

// FindCommunity finds a community by handle, NAME or NAME@HOST (with or
// without a leading !), deleted and removed ones too.
func (s *Service) FindCommunity(ctx context.Context, handle string) (store.Community, error) {
	name, host := splitHandle(strings.TrimPrefix(strings.TrimSpace(handle), "!"))
	if host == "" || host == ap.Domain(s.iri.Base()) {
		c, err := s.store.LocalCommunityByName(ctx, name)
		if errors.Is(err, store.ErrNotFound) {
			return c, notFound("no local community is named %q", name)
		}
		return c, err
	}
	c, err := s.store.CommunityByNameAndDomain(ctx, name, host)
	if errors.Is(err, store.ErrNotFound) {
		return c, notFound("no community called %q is known here", handle)
	}
	return c, err
}

// splitHandle is a handle's name and its host in canonical form ("" for
// none; one that is not a host at all matches nothing).
func splitHandle(h string) (name, host string) {
	name, host, ok := strings.Cut(h, "@")
	if !ok {
		return name, ""
	}
	if host, err := ap.CanonicalHost(host); err == nil {
		return name, host
	}
	return name, "\x00"
}
