package federation

import "context"

// FetchCollection reads a collection's items as a backfill does, storing
// nothing: the benchmarks' reference.
func (h *Handler) FetchCollection(ctx context.Context, id string, max int) (int, error) {
	items, err := h.collectionItems(WithBudget(ctx, backfillBudget), id, max)
	return len(items), err
}
