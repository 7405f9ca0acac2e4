package web

import (
	"context"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// readerFilter is what the logged-in reader's blocks and preferences
// leave out of listings; for anyone else, nothing.
func readerFilter(r *http.Request) store.ReaderFilter {
	u, ok := currentUser(r)
	if !ok {
		return store.ReaderFilter{}
	}
	return store.ReaderFilterFor(u)
}

// blurNSFW: NSFW pictures and text wait for a click, for people who ask
// for it and for anyone not logged in.
func blurNSFW(u *store.LocalUser) bool { return u == nil || u.BlurNSFW }

// showScores: scores are shown unless the logged-in reader hid them.
func showScores(u *store.LocalUser) bool { return u == nil || u.ShowScores }

// saveButton is a listing row's or a comment's save form.
type saveButton struct {
	Saved  bool
	Return string // the page to come back to
}

// postRows turns posts into listing rows with the reader's votes, saves
// and display preferences: one query for a logged-in reader, none
// otherwise.
func (h *Handler) postRows(ctx context.Context, u *store.LocalUser, back string, posts []store.Post) ([]postRow, error) {
	var me int64
	if u != nil {
		me = u.ID
	}
	ids := make([]int64, len(posts))
	for i, p := range posts {
		ids[i] = p.ID
	}
	votes, saved, err := h.store.PostMarks(ctx, me, ids)
	if err != nil {
		return nil, err
	}
	thumbs := make([]forum.RemoteImage, len(posts))
	for i, p := range posts {
		thumbs[i] = forum.RemoteImage{URL: p.ThumbnailURL, Purpose: store.ImagePost}
	}
	pics := h.pictures(ctx, thumbs...)
	blur, scores := blurNSFW(u), showScores(u)
	rows := make([]postRow, len(posts))
	for i, p := range posts {
		rows[i] = newPostRow(p, votes[p.ID])
		rows[i].Thumb = square(pics, p.ThumbnailURL, thumbBox)
		rows[i].Vote.HideScore = !scores
		rows[i].Blur = blur && p.NSFW
		if u != nil {
			rows[i].Save = &saveButton{Saved: saved[p.ID], Return: back}
		}
	}
	return rows, nil
}
