package cli

import (
	"cmp"
	"context"
	"fmt"
	"time"

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

func runImageList(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--limit N]", "List the newest stored images, uploaded or kept from other servers, one a line:\n"+
		"key, purpose, width×height, bytes, uploader or origin, and when; purge one with image purge KEY --yes.")
	limit := fs.Int("limit", 50, "how many to list, at most 1000")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	if *limit < 1 || *limit > 1000 {
		return usagef("%s: --limit must be between 1 and 1000", path)
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	ims, err := a.forum.RecentImages(ctx, forum.Operator, *limit)
	if err != nil {
		return err
	}
	for _, im := range ims {
		from := im.Uploader
		if from == "" {
			from = cmp.Or(im.Source, "-")
		}
		fmt.Fprintf(sys.Stdout, "%s\t%s\t%d×%d\t%d\t%s\t%s\n", im.Key, im.Purpose, im.Width, im.Height, im.Bytes, from,
			im.CreatedAt.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(sys.Stderr, "%d image(s)\n", len(ims))
	return nil
}
