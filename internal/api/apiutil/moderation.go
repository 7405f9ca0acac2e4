package apiutil

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// Moderate takes a moderator's action through the forum's one rule for
// them, after the write limit, as the pages' moderation forms do. Asking
// for the state things are in already succeeds, as it does in Lemmy, so
// an app that sends a removal twice is not told it failed.
func (d Deps) Moderate(r *http.Request, m forum.Moderation) error {
	u, err := RequireUser(r)
	if err != nil {
		return err
	}
	if err := d.AllowWrite(u); err != nil {
		return err
	}
	if err := d.Forum.Moderate(r.Context(), u, m); err != nil && !errors.Is(err, forum.ErrUnchanged) {
		return err
	}
	return nil
}
