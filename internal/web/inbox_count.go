package web

import (
	"context"

	"github.com/tidings/tidings/internal/store"
)

// unreadCount is the count beside the header's inbox link. A page that
// cannot count is still worth showing, so a failure is logged and counts
// nothing.
func (h *Handler) unreadCount(ctx context.Context, u store.LocalUser) int {
	n, err := h.forum.UnreadCount(ctx, u)
	if err != nil {
		h.log.Error("count unread notifications", "err", err)
	}
	return n
}
