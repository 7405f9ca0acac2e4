package forum

import (
	"context"
	"errors"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// splitHandle reads name, name@host, @name@host or !name@host; host is ""
// for a local name, and "-" for a host that is none.
func splitHandle(handle string) (name, host string) {
	handle = strings.TrimLeft(strings.TrimSpace(handle), "@!")
	name, host, ok := strings.Cut(handle, "@")
	if !ok {
		return name, ""
	}
	canon, err := ap.CanonicalHost(host)
	if err != nil {
		return name, "-"
	}
	return name, canon
}

// PersonByHandle finds a person known here by name (local) or
// name@host; one of another server who was never seen here must be
// looked up first.
func (s *Service) PersonByHandle(ctx context.Context, handle string) (store.Person, error) {
	name, host := splitHandle(handle)
	var p store.Person
	var err error
	if host == "" {
		p, err = s.store.LocalPersonByName(ctx, name)
	} else {
		p, err = s.store.PersonByNameAndDomain(ctx, name, host)
	}
	if errors.Is(err, store.ErrNotFound) {
		if host != "" {
			return p, notFound("nobody called %q is known here; look them up by searching for @%s first", handle, strings.TrimLeft(handle, "@"))
		}
		return p, notFound("nobody here is called %q", handle)
	}
	return p, err
}

// CommunityByHandle finds a community by name (local) or name@host.
func (s *Service) CommunityByHandle(ctx context.Context, handle string) (store.Community, error) {
	name, host := splitHandle(handle)
	var c store.Community
	var err error
	if host == "" {
		c, err = s.store.LocalCommunityByName(ctx, name)
	} else {
		c, err = s.store.CommunityByNameAndDomain(ctx, name, host)
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && (c.Deleted || c.Removed)) {
		return c, notFound("there is no community %q here", handle)
	}
	return c, err
}

// ActingAdmin is the admin an admin command acts as, named in the
// moderation log and signing what other servers are sent: the one named,
// or when none is, the site's oldest admin who is not banned.
func (s *Service) ActingAdmin(ctx context.Context, name string) (store.LocalUser, error) {
	if name == "" {
		u, err := s.store.FirstAdmin(ctx)
		if errors.Is(err, store.ErrNotFound) {
			return u, notFound("this site has no admin to act as; create one with `admin user create NAME --admin`")
		}
		return u, err
	}
	u, err := s.User(ctx, name)
	if err != nil {
		return u, err
	}
	if !u.Admin {
		return u, forbidden("%s is not an admin of this site", u.Name)
	}
	return u, nil
}
