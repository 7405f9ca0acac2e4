package federation

import (
	"context"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// errNotPublic: a post or a reply addressed to some people only (a
// Mastodon "direct" or "mentioned people only" status, or one for the
// author's followers, that names a community or replies in one of our
// threads), which must not be kept where anyone can read it.
var errNotPublic = fmt.Errorf("a post or reply that is not public: %w", errIgnored)

// errNotPublicFetched: such a post or reply, fetched; for what needed it,
// it is as if it were not there.
var errNotPublicFetched = fmt.Errorf("a post or reply that is not public: %w", forum.ErrNotFound)

// isPublic reports whether a post, or an object that replies in one of
// our threads, may be kept where anyone can read it: it is addressed (to or
// cc) to Public, in any of its spellings, or to the followers of a
// community we know. That covers Lemmy's, Mbin's and PieFed's comments
// (to Public, cc the community), Mastodon's public replies (Public in to)
// and unlisted ones (Public in cc), which Lemmy keeps too. Mastodon's
// followers-only replies (to the author's followers) and direct ones (to
// the people mentioned) are neither. The object's own addressing decides;
// only an object that has none is read by its activity's.
func (h *Handler) isPublic(ctx context.Context, act ap.Activity, page ap.Page) (bool, error) {
	a := page.Addressing()
	if len(a.To) == 0 && len(a.Cc) == 0 {
		a = act.Addressing()
	}
	if a.IsPublic() {
		return true, nil
	}
	return h.store.IsCommunityFollowers(ctx, append(append([]string{}, a.To...), a.Cc...))
}
