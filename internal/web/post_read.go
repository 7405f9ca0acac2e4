package web

import (
	"context"
)

// readerPost records that the logged-in reader opened the post (for
// "hide read posts") and shows whether they saved it.
func (h *Handler) readerPost(ctx context.Context, p *postPage) error {
	if err := h.store.MarkPostRead(ctx, p.User.ID, p.Post.ID); err != nil {
		return err
	}
	saved, err := h.store.SavedPostIDs(ctx, p.User.ID, []int64{p.Post.ID})
	if err != nil {
		return err
	}
	p.Save = &saveButton{Saved: saved[p.Post.ID], Return: p.Path}
	return nil
}
