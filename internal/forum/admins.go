package forum

import (
	"context"
	"errors"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// requireAdmin checks, in tx, that actor is an admin now: the flag read
// when their page loaded may have been withdrawn since. A nil actor is the
// admin CLI, which runs with the database's rights.
func requireAdmin(ctx context.Context, tx *store.Store, actor *store.LocalUser) error {
	if actor == nil {
		return nil
	}
	u, err := tx.LocalUserByID(ctx, actor.ID)
	if errors.Is(err, store.ErrNotFound) {
		return forbidden("only admins may do this")
	}
	if err != nil {
		return err
	}
	if !u.Admin || u.Banned || u.Deleted {
		return forbidden("only admins may do this")
	}
	return nil
}

// actorID is the person acting, for the moderation log: zero for the CLI.
func actorID(actor *store.LocalUser) int64 {
	if actor == nil {
		return 0
	}
	return actor.ID
}

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
