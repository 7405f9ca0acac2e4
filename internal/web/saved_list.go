package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// savedPageSize is how many saved things a page of /saved lists.
const savedPageSize = 20

type savedPage struct {
	page
	Items    []savedRow
	NextURL  string
	FirstURL string
}

// savedRow is a saved post (a listing row) or comment, with when it was
// saved; Gone says what became of it since, for a post or comment deleted
// or removed after it was saved.
type savedRow struct {
	SavedAt time.Time
	Post    *postRow
	Comment *savedComment
	Gone    string
}

type savedComment struct {
	store.CommentWithPost
	HTML template.HTML
	Save saveButton
}

// savedList is /saved: the reader's saved posts and comments together,
// newest saved first, a page at a time.
func (h *Handler) savedList(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	after, err := store.ParseSavedCursor(r.URL.Query().Get("after"))
	if err != nil {
		h.message(w, r, http.StatusBadRequest, "Unknown page", "That page marker is not one this site made. Start again from the first page of your saved things.")
		return
	}
	ctx := r.Context()
	pg, err := h.store.ListSaved(ctx, u.ID, after, savedPageSize)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := savedPage{page: h.newPage(r, "Saved")}
	p.Canonical = ""
	var posts []store.Post
	for _, it := range pg.Items {
		if it.Post != nil {
			posts = append(posts, *it.Post)
		}
	}
	rows, err := h.postRows(ctx, p.User, p.Path, posts)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	for _, it := range pg.Items {
		row := savedRow{SavedAt: it.SavedAt}
		switch {
		case it.Post != nil:
			row.Post = &rows[0]
			rows = rows[1:]
			row.Gone = goneText("post", it.Post.Deleted, it.Post.Removed)
		default:
			c := it.Comment
			row.Comment = &savedComment{CommentWithPost: *c,
				HTML: template.HTML(c.BodyHTML), //nolint:gosec // sanitized when stored
				Save: saveButton{Saved: true, Return: p.Path}}
			row.Gone = goneText("comment", c.Deleted, c.Removed)
		}
		p.Items = append(p.Items, row)
	}
	if !pg.Next.IsZero() {
		p.NextURL = "/saved?" + url.Values{"after": {pg.Next.String()}}.Encode()
	}
	if !after.IsZero() {
		p.FirstURL = "/saved"
	}
	h.render(w, r, http.StatusOK, "saved", p)
}

// goneText says what became of something saved, "" when it is still there.
func goneText(what string, deleted, removed bool) string {
	switch {
	case deleted:
		return "This " + what + " was deleted by its author since you saved it."
	case removed:
		return "This " + what + " was removed by a moderator since you saved it."
	}
	return ""
}
