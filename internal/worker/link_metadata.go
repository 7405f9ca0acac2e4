package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/linkpreview"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// LinkMetadata fetches a link post's page and stores its title,
// description, media type and image for the post's card.
type LinkMetadata struct {
	river.WorkerDefaults[forum.FetchLinkMetadataArgs]
	Deps
}

// Timeout leaves room for the HTTP client's own limit (10 s by default)
// and the writes around it, and stops a stuck job before River's rescuer
// would run it again.
func (w *LinkMetadata) Timeout(*river.Job[forum.FetchLinkMetadataArgs]) time.Duration {
	return MaxTimeout
}

var errURLChanged = errors.New("the post's URL changed while its page was fetched")

// Work fetches the page. What cannot succeed later (a 4xx, a forbidden
// address, a PDF) cancels the job with nothing stored; the post simply
// shows without a card. Anything else (a 5xx, a timeout) is returned for
// River to retry.
func (w *LinkMetadata) Work(ctx context.Context, job *river.Job[forum.FetchLinkMetadataArgs]) error {
	id := job.Args.PostID
	post, err := w.Store.PostByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("fetch link metadata of post %d: %w", id, err))
	}
	if err != nil {
		return fmt.Errorf("fetch link metadata of post %d: %w", id, err)
	}
	// A removed post is as good as gone to readers, and often spam: no
	// reason to visit its link.
	if post.URL == "" || post.Deleted || post.Removed {
		return nil
	}
	p, err := linkpreview.Fetch(ctx, w.HTTP, post.URL)
	if err != nil {
		err = fmt.Errorf("fetch link metadata of post %d: %w", id, err)
		if safehttp.Permanent(err) || errors.Is(err, linkpreview.ErrUnsupported) {
			w.log().InfoContext(ctx, "no link preview", "post", id, "url", post.URL, "reason", err)
			return river.JobCancel(err)
		}
		return err
	}
	// A remote post's own thumbnail, as its server sent it, is kept.
	thumb := p.ImageURL
	if !post.Local && post.ThumbnailURL != "" {
		thumb = post.ThumbnailURL
	}
	err = w.Store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetLinkMetadata(ctx, id, p.Title, p.Description, p.ContentType, thumb); err != nil {
			return err
		}
		// The UPDATE holds the row's lock until commit, so the URL read
		// back now is the one the post keeps: an edit made during the
		// fetch is caught here rather than overwritten with the old page.
		now, err := tx.PostByID(ctx, id)
		if err != nil {
			return err
		}
		if now.URL != post.URL {
			return errURLChanged
		}
		return nil
	})
	if errors.Is(err, errURLChanged) {
		// Run again at once, for the new URL, without using up an attempt.
		return river.JobSnooze(0)
	}
	if err != nil {
		return fmt.Errorf("store link metadata of post %d: %w", id, err)
	}
	// After the commit, so that a second try does not fetch the page
	// again; the picture itself is fetched by a job of its own.
	if w.Pictures != nil {
		if err := w.Pictures.NoteRemoteImages(ctx, forum.RemoteImage{URL: thumb, Purpose: store.ImagePost}); err != nil {
			return fmt.Errorf("note the link preview's picture of post %d: %w", id, err)
		}
	}
	return nil
}
