package federation

import (
	"context"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// FetchCollection reads a collection's pages as a backfill does, storing
// nothing, and answers how many items it read: the benchmarks' reference.
func (h *Handler) FetchCollection(ctx context.Context, id string, max int) (int, error) {
	n := 0
	for page := id; page != "" && n < max; {
		items, next, err := h.collectionPage(WithBudget(ctx, backfillStepBudget), id, page)
		if err != nil {
			return n, err
		}
		n, page = n+len(items), next
	}
	return min(n, max), nil
}

// Backfill runs a backfill's steps one after another, as its chain of
// jobs does, each given until, and answers how many posts they stored and
// how many steps it took.
func (h *Handler) Backfill(ctx context.Context, communityID int64, until func() time.Time) (stored, steps int, err error) {
	var from forum.BackfillCursor
	for {
		next, n, err := h.BackfillStep(ctx, communityID, from, until())
		stored, steps = stored+n, steps+1
		if err != nil || next == nil {
			return stored, steps, err
		}
		from = *next
	}
}

// BadSignatureBurst is how many failed signature checks a sender has
// before it is refused unchecked.
const BadSignatureBurst = badSignatureBurst
