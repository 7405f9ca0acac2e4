package apiutil

import "errors"

// Lemmy's numbered pages: 10 items unless asked, at most 50. Pages are
// counted from 1; the deepest is bounded so that no one asks the
// database to skip a billion rows.
const (
	DefaultLimit = 10
	MaxLimit     = 50
	MaxPage      = 10000
)

// Page reads page and limit as Lemmy's list endpoints take them, and the
// offset of the page's first item; a limit or page out of range is
// too_many_items, answered by Err.
func (q *Query) Page() (offset, limit int) {
	page, lim := q.Int64("page"), q.Int64("limit")
	switch {
	case page < 0 || page > MaxPage || lim < 0 || lim > MaxLimit:
		if q.err == nil {
			q.err = ErrTooManyItems.Because(errors.New("page or limit out of range"))
		}
		return 0, DefaultLimit
	case page == 0:
		page = 1
	}
	if lim == 0 {
		lim = DefaultLimit
	}
	return int(page-1) * int(lim), int(lim)
}
