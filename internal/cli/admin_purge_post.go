package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPurgePost(ctx context.Context, sys *IO, args []string, path string) error {
	return runPurge(ctx, sys, args, path, forum.PurgePost, "ID|URL", "Purge a post, with its comments and votes.")
}
