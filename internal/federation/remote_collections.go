package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// collectionPage reads one page of the remote collection col, where page
// is col itself or one of its pages, and answers the page's items (each
// once, as what it finally carries: the Page in the Create in the
// Announce) and the page after it ("" at the end). A collection that
// names a first page is read from its pages: the items it shows itself
// are that page's, as Mastodon and Tidings serve them; one without pages
// (Lemmy's) is its only page.
func (h *Handler) collectionPage(ctx context.Context, col, page string) ([]ap.IRIOrObject, string, error) {
	// A community's collections are its own server's to serve: pages
	// elsewhere would make us fetch wherever it points.
	if !ap.SameOrigin(page, col) {
		return nil, "", fmt.Errorf("%s: a page on another server: %w", page, ErrCrossOrigin)
	}
	if err := h.refuseFetch(ctx, page); err != nil {
		return nil, "", err
	}
	raw, err := h.resolver.Fetcher.Fetch(ctx, page)
	if err != nil {
		return nil, "", err
	}
	var c ap.Collection
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, "", fmt.Errorf("%s: %w: %w", page, ErrNotActivityJSON, err)
	}
	items := c.OrderedItems
	if items == nil {
		items = c.Items
	}
	next := c.Next.ID
	if page == col {
		next = c.First.ID
		if next != "" {
			items = nil
		}
	}
	var out []ap.IRIOrObject
	seen := map[string]bool{}
	for _, it := range items {
		// The same post may come as different activities (a Create with
		// a new id on every page view): it counts once.
		it = unwrap(it)
		if it.ID == "" || seen[it.ID] {
			continue
		}
		seen[it.ID] = true
		out = append(out, it)
	}
	return out, next, nil
}

// unwrap is what an item finally carries: the Page in the Create in the
// Announce.
func unwrap(it ap.IRIOrObject) ap.IRIOrObject {
	for range 2 {
		if it.Raw == nil || (it.Type != ap.KindAnnounce && it.Type != ap.KindCreate) {
			break
		}
		var wrapper struct {
			Object ap.IRIOrObject `json:"object"`
		}
		if json.Unmarshal(it.Raw, &wrapper) != nil {
			break
		}
		it = wrapper.Object
	}
	return it
}
