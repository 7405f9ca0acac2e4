package store

import "context"

// LocalCommunityByCollection finds the local community whose featured
// posts or moderators collection has the URL u, and says which of the two
// it is ("featured" or "moderators"). A remote moderator's Add or Remove
// names the community only by its collection.
func (s *Store) LocalCommunityByCollection(ctx context.Context, u string) (Community, string, error) {
	c, err := s.oneCommunity(ctx, "get local community of collection "+u,
		`WHERE c.local AND $1 IN (c.featured_url, c.moderators_url) ORDER BY c.id LIMIT 1`, u)
	if err != nil {
		return c, "", err
	}
	if c.FeaturedURL == u {
		return c, CollectionFeatured, nil
	}
	return c, CollectionModerators, nil
}

// The collections of a community that moderators add to and remove from.
const (
	CollectionFeatured   = "featured"
	CollectionModerators = "moderators"
)
