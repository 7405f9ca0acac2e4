package forum

import (
	"context"
	"errors"

	"github.com/tidings/tidings/internal/store"
)

// AnyCommunityByHandle is CommunityByHandle for what admins and the mod
// log look up: deleted and removed communities too.
func (s *Service) AnyCommunityByHandle(ctx context.Context, handle string) (store.Community, error) {
	name, host := splitHandle(handle)
	var c store.Community
	var err error
	if host == "" {
		c, err = s.store.LocalCommunityByName(ctx, name)
	} else {
		c, err = s.store.CommunityByNameAndDomain(ctx, name, host)
	}
	if errors.Is(err, store.ErrNotFound) {
		return c, notFound("there is no community %q here", handle)
	}
	return c, err
}
