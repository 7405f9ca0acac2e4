package web

import (
	"context"
)

// readerPost records that the logged-in reader opened the post (for
// "hide read posts"), shows whether they saved it, and whether they block
// its author, who is then kept out of their listings but not out of a
// page they opened on purpose.
func (h *Handler) readerPost(ctx context.Context, p *postPage) error {
	if err := h.store.MarkPostRead(ctx, p.User.ID, p.Post.ID); err != nil {
		return err
	}
	saved, err := h.store.SavedPostIDs(ctx, p.User.ID, []int64{p.Post.ID})
	if err != nil {
		return err
	}
	p.Save = &saveButton{Saved: saved[p.Post.ID], Return: p.Path}
	if p.User.HasBlocks {
		blocked, err := h.store.BlockedAmong(ctx, p.User.ID, []int64{p.Post.CreatorID})
		if err != nil {
			return err
		}
		p.AuthorBlocked = blocked[p.Post.CreatorID]
	}
	return nil
}
