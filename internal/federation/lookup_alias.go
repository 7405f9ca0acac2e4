package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// maxAliasHops is how many aliases a lookup follows.
const maxAliasHops = 3

// ErrAliasRefused: what a person looked up is an alias (a profile page) of
// an id that is not followed: on another server, in a loop, or too many
// aliases away.
var ErrAliasRefused = errors.New("a lookup does not follow it")

// FetchAlias fetches what a person typed, which may be the address of a
// profile page rather than an id: Mastodon's /@alice serves (GoToSocial's
// redirects to) the actor whose id is /users/alice, and a post's page
// stands for the status whose id is another URL. A document whose id is
// another URL of the same origin is fetched again at that id, where it
// must match as in Fetch, and is answered with it; an alias of another
// server, an alias met twice, or one more than maxAliasHops away is
// refused, and nothing is fetched past it. Ids in activities must match
// exactly: this is for lookups only.
func (f *Fetcher) FetchAlias(ctx context.Context, url string) (json.RawMessage, string, error) {
	seen := map[string]bool{url: true}
	at := url
	for hops := 0; ; hops++ {
		body, id, err := f.fetchDocument(ctx, at)
		switch {
		case err != nil:
			return nil, "", err
		case id == at:
			return body, id, nil
		case id == "":
			return nil, "", fmt.Errorf("fetch %s: %w: it has no id", at, ErrNotActivityJSON)
		case !ap.SameOrigin(id, url):
			return nil, "", fmt.Errorf("%s is an alias of %s, on another server: %w", at, id, ErrAliasRefused)
		case seen[id]:
			return nil, "", fmt.Errorf("the aliases of %s loop back to %s: %w", url, id, ErrAliasRefused)
		case hops == maxAliasHops:
			return nil, "", fmt.Errorf("%s is more than %d aliases away from an id: %w", url, maxAliasHops, ErrAliasRefused)
		}
		seen[id] = true
		at = id
	}
}
