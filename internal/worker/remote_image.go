package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
)

// RemoteImage fetches a picture from another server and keeps it here,
// in the store image mode.
type RemoteImage struct {
	river.WorkerDefaults[forum.StoreRemoteImageArgs]
	Deps
}

// Work fetches the picture once. A refusal (a private address, not a
// picture, too large, an image bomb) is recorded by the forum and ends
// the job; anything else is returned for River to retry.
func (w *RemoteImage) Work(ctx context.Context, job *river.Job[forum.StoreRemoteImageArgs]) error {
	if w.Pictures == nil || w.Images == nil {
		return river.JobCancel(errors.New("store remote image: no media storage"))
	}
	_, err := w.Pictures.FetchRemoteImage(ctx, w.Images, job.Args.URL)
	var ie *forum.InputError
	if errors.As(err, &ie) || errors.Is(err, forum.ErrNotFound) {
		w.log().InfoContext(ctx, "remote picture not kept", "url", job.Args.URL, "reason", err)
		return river.JobCancel(err)
	}
	if err != nil {
		return fmt.Errorf("store remote image %s: %w", job.Args.URL, err)
	}
	return nil
}
