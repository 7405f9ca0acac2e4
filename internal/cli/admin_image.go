package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
)

func runImagePurge(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "KEY|URL --yes", "Delete an uploaded image for good: every record of it, the avatars, banners,\n"+
		"icons and thumbnails that show it, and its files in the media storage.")
	yes := fs.Bool("yes", false, "purge it; without this, only say what would go")
	pos, err := parse(fs, args, 1, "KEY|URL")
	if err != nil {
		return err
	}
	if !*yes {
		return fmt.Errorf("purging %s deletes the file for good; run again with --yes to purge it", pos[0])
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := a.forum.PurgeImage(ctx, forum.Operator, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "purged %s (%d upload(s) of it)\n", pos[0], n)
	return nil
}

func runImageLimits(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--max-bytes N] [--max-pixels N]", "Show or change the limits on uploaded images.")
	maxBytes := fs.Int64("max-bytes", 0, "the largest file accepted, in bytes (1024 to 104857600)")
	maxPixels := fs.Int64("max-pixels", 0, "the most pixels (width × height) accepted, read before decoding (10000 to 100000000)")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	lim, err := a.forum.ImageLimits(ctx)
	if err != nil {
		return err
	}
	if *maxBytes != 0 || *maxPixels != 0 {
		next := media.Limits{MaxBytes: lim.MaxBytes, MaxPixels: lim.MaxPixels}
		if *maxBytes != 0 {
			next.MaxBytes = *maxBytes
		}
		if *maxPixels != 0 {
			next.MaxPixels = *maxPixels
		}
		if err := a.forum.SetImageLimits(ctx, forum.Operator, next); err != nil {
			return err
		}
		lim = next
	}
	fmt.Fprintf(sys.Stdout, "max bytes:  %d\nmax pixels: %d\n", lim.MaxBytes, lim.MaxPixels)
	return nil
}
