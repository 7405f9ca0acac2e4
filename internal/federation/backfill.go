package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

const (
	// maxBackfill is how many of a remote community's latest posts a new
	// follow brings in: its outbox's first page and more pages up to this.
	maxBackfill = 200
	// backfillBudget bounds the fetches of one backfill: pages, posts on
	// other servers than the community's, and their authors.
	backfillBudget = 2 * maxBackfill
)

// Backfill fills a remote community that someone here has just followed
// with its recent and featured posts, so that its page is not empty until
// new posts arrive. It answers how many posts it stored; an item that
// cannot be stored is skipped, with the first such error returned last.
func (h *Handler) Backfill(ctx context.Context, communityID int64) (int, error) {
	if h.resolver == nil {
		return 0, errors.New("backfill: this process does not federate")
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil || c.Local {
		return 0, err
	}
	if err := h.refuseFetch(ctx, c.APID); err != nil {
		return 0, err
	}
	ctx = WithActorMemo(WithBudget(ctx, backfillBudget))
	var stored int
	var firstErr error
	keep := func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}
	for _, col := range []*string{&c.OutboxURL, &c.FeaturedURL} {
		if *col != "" && !ap.SameOrigin(*col, c.APID) {
			keep(fmt.Errorf("backfill %s: %s is on another server: %w", c.APID, *col, ErrCrossOrigin))
			*col = ""
		}
	}
	if c.OutboxURL != "" {
		items, err := h.collectionItems(ctx, c.OutboxURL, maxBackfill)
		if err != nil {
			keep(fmt.Errorf("backfill %s: outbox: %w", c.APID, err))
		}
		for _, it := range items {
			ok, err := h.backfillItem(ctx, c, it)
			if err != nil {
				keep(fmt.Errorf("backfill %s: %w", c.APID, err))
				if errors.Is(err, ErrBudgetExhausted) {
					break
				}
			}
			if ok {
				stored++
			}
		}
	}
	if c.FeaturedURL != "" {
		n, err := h.backfillFeatured(ctx, c)
		stored += n
		if err != nil {
			keep(fmt.Errorf("backfill %s: featured: %w", c.APID, err))
		}
	}
	return stored, firstErr
}

// backfillFeatured stores the community's pinned posts and pins them here.
func (h *Handler) backfillFeatured(ctx context.Context, c store.Community) (int, error) {
	items, err := h.collectionItems(ctx, c.FeaturedURL, maxBackfill)
	if err != nil {
		return 0, err
	}
	stored := 0
	featured := true
	for _, it := range items {
		ok, err := h.backfillItem(ctx, c, it)
		if err != nil {
			return stored, err
		}
		if ok {
			stored++
		}
		if p, err := h.store.PostByAPID(ctx, it.ID); err == nil && p.CommunityID == c.ID {
			if err := h.store.SetPostFlags(ctx, p.ID, store.PostFlags{FeaturedCommunity: &featured}); err != nil {
				return stored, err
			}
		}
	}
	return stored, nil
}

// backfillItem stores one outbox or featured item (a Page, unwrapped from
// its Create and Announce by collectionItems) when it is a post of this
// community that we lack. The community's own server vouches for its own
// posts; others' are fetched from their origin.
func (h *Handler) backfillItem(ctx context.Context, c store.Community, ref ap.IRIOrObject) (bool, error) {
	if ref.ID == "" {
		return false, fmt.Errorf("item without an id: %w", errUnsupported)
	}
	if _, _, err := h.storedTarget(ctx, ref.ID); err == nil {
		return false, nil
	}
	if ref.Raw == nil || !ap.SameOrigin(ref.ID, c.APID) {
		if err := h.fetchObject(ctx, ref.ID, 0); err != nil {
			return false, err
		}
		return true, nil
	}
	page, err := postOrComment(ref.Raw)
	if err != nil {
		return false, err
	}
	if ap.IsComment(page) {
		return false, nil // an outbox of posts; a comment comes with its thread
	}
	if community, err := h.communityOf(ctx, page); err != nil || community.ID != c.ID {
		return false, fmt.Errorf("%s is not a post of %s: %w", page.ID, c.APID, ErrCrossOrigin)
	}
	if err := h.storeObject(ctx, page, 0); err != nil {
		return false, err
	}
	return true, nil
}

// collectionItems reads up to max items of a collection: its own items,
// then its pages (first, then next) while there are more. Each item is what
// it finally carries: the Page in the Create in the Announce.
func (h *Handler) collectionItems(ctx context.Context, id string, max int) ([]ap.IRIOrObject, error) {
	var out []ap.IRIOrObject
	seen := map[string]bool{}
	next := id
	for pages := 0; next != "" && len(out) < max && pages < max; pages++ {
		// A community's collections are its own server's to serve: pages
		// elsewhere would make us fetch wherever it points.
		if !ap.SameOrigin(next, id) {
			return out, fmt.Errorf("%s: a page on another server: %w", next, ErrCrossOrigin)
		}
		if err := h.refuseFetch(ctx, next); err != nil {
			return out, err
		}
		raw, err := h.resolver.Fetcher.Fetch(ctx, next)
		if err != nil {
			return out, err
		}
		var col ap.Collection
		if err := json.Unmarshal(raw, &col); err != nil {
			return out, fmt.Errorf("%s: %w: %w", next, ErrNotActivityJSON, err)
		}
		items := col.OrderedItems
		if items == nil {
			items = col.Items
		}
		for _, it := range items {
			// The same post may come as different activities (a Create
			// with a new id on every page view): it counts once.
			it = unwrap(it)
			if it.ID == "" || seen[it.ID] || len(out) >= max {
				continue
			}
			seen[it.ID] = true
			out = append(out, it)
		}
		switch {
		case next == id && col.First.ID != "":
			next = col.First.ID
		case next == id:
			next = ""
		default:
			next = col.Next.ID
		}
	}
	return out, nil
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
