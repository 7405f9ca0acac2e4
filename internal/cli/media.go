package cli

import (
	"context"

	"github.com/tidings/tidings/internal/config"
	"github.com/tidings/tidings/internal/media"
)

// newStorage opens the media storage the configuration names: the S3
// bucket, which several servers share, or else the local folder.
func newStorage(ctx context.Context, m config.Media) (media.Storage, error) {
	if m.S3 != nil {
		return media.NewS3(ctx, *m.S3)
	}
	return media.NewLocal(m.Dir, m.BaseURL)
}
