package federation

import (
	"context"
	"errors"
	"fmt"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

const (
	// maxBackfill is how many of a remote community's latest posts a new
	// follow brings in: its outbox's pages up to this many items, and as
	// many of its featured posts.
	maxBackfill = 200
	// maxBackfillPages bounds the pages read of one collection, for a
	// server whose pages go on for ever with nothing in them.
	maxBackfillPages = maxBackfill
	// backfillStepBudget bounds the fetches of one step: the page, posts
	// on other servers than the community's, and their authors.
	backfillStepBudget = 100
)

// BackfillStep does one step of filling a remote community that someone
// here has just followed with its recent and featured posts, so that its
// page is not empty until new posts arrive: it reads the page of the
// outbox (then of the featured collection) that from names, and stores
// its items in turn until they are done or until is past. It answers
// where the next step goes on (nil when the backfill is done) and how
// many posts it stored.
//
// An item that cannot be stored is logged and skipped. An error means the
// step did nothing (the page could not be read, say), and may be tried
// again from the same place. Each step gets its own fetch budget; an item
// still being stored when ctx ends is done again by the next step, unless
// it was the step's first, which is skipped so that every step moves on.
func (h *Handler) BackfillStep(ctx context.Context, communityID int64, from forum.BackfillCursor, until time.Time) (*forum.BackfillCursor, int, error) {
	if h.resolver == nil {
		return nil, 0, errors.New("backfill: this process does not federate")
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return nil, 0, fmt.Errorf("backfill community %d: %w", communityID, err)
	}
	if c.Local {
		return nil, 0, nil
	}
	if err := h.refuseFetch(ctx, c.APID); err != nil {
		return nil, 0, fmt.Errorf("backfill %s: %w", c.APID, err)
	}
	col, what := c.OutboxURL, "outbox"
	if from.Featured {
		col, what = c.FeaturedURL, "featured"
	}
	if col == "" {
		return afterCollection(c, from), 0, nil
	}
	if !ap.SameOrigin(col, c.APID) {
		h.log.Info("backfill: collection skipped", "community", c.APID, "collection", col,
			"reason", fmt.Errorf("the %s is on another server: %w", what, ErrCrossOrigin))
		return afterCollection(c, from), 0, nil
	}
	page := from.Page
	if page == "" {
		page = col
	}
	ctx = WithActorMemo(WithBudget(ctx, backfillStepBudget))
	items, next, err := h.collectionPage(ctx, col, page)
	if err != nil {
		return nil, 0, fmt.Errorf("backfill %s: %s: %w", c.APID, what, err)
	}
	items = items[:min(len(items), max(maxBackfill-from.Taken, 0))]

	stored := 0
	for i := from.Skip; i < len(items); i++ {
		if i > from.Skip && (ctx.Err() != nil || !time.Now().Before(until)) {
			resume := from
			resume.Skip = i
			return &resume, stored, nil
		}
		ok, err := h.backfillItem(ctx, c, items[i], from.Featured)
		if err != nil && ctx.Err() != nil && i > from.Skip {
			// Cut short, not refused: the next step does it again.
			resume := from
			resume.Skip = i
			return &resume, stored, nil
		}
		if err != nil {
			h.log.Info("backfill: item skipped", "community", c.APID, "item", items[i].ID, "reason", err)
		}
		if ok {
			stored++
		}
	}
	taken := from.Taken + len(items)
	switch {
	case next == "" || taken >= maxBackfill || from.Pages+1 >= maxBackfillPages:
		return afterCollection(c, from), stored, nil
	case !ap.SameOrigin(next, col):
		// A community's collections are its own server's to serve: pages
		// elsewhere would make us fetch wherever it points.
		h.log.Info("backfill: page skipped", "community", c.APID, "page", next,
			"reason", fmt.Errorf("a page of the %s on another server: %w", what, ErrCrossOrigin))
		return afterCollection(c, from), stored, nil
	}
	return &forum.BackfillCursor{Featured: from.Featured, Page: next, Taken: taken, Pages: from.Pages + 1}, stored, nil
}

// afterCollection is where a backfill goes once the collection from was
// reading is done: the featured posts after the outbox, then nothing.
func afterCollection(c store.Community, from forum.BackfillCursor) *forum.BackfillCursor {
	if from.Featured || c.FeaturedURL == "" {
		return nil
	}
	return &forum.BackfillCursor{Featured: true}
}

// backfillItem stores one outbox or featured item (a Page, unwrapped from
// its Create and Announce by collectionPage) when it is a post of this
// community that we lack, and pins it when it is featured. The
// community's own server vouches for its own posts; others' are fetched
// from their origin.
func (h *Handler) backfillItem(ctx context.Context, c store.Community, ref ap.IRIOrObject, featured bool) (bool, error) {
	ok, err := h.storeBackfilled(ctx, c, ref)
	if err != nil || !featured {
		return ok, err
	}
	p, err := h.store.PostByAPID(ctx, ref.ID)
	if err != nil || p.CommunityID != c.ID {
		return ok, nil
	}
	pinned := true
	if err := h.store.SetPostFlags(ctx, p.ID, store.PostFlags{FeaturedCommunity: &pinned}); err != nil {
		return ok, fmt.Errorf("pin %s: %w", ref.ID, err)
	}
	return ok, nil
}

func (h *Handler) storeBackfilled(ctx context.Context, c store.Community, ref ap.IRIOrObject) (bool, error) {
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
