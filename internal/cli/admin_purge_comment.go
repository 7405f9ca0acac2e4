package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPurgeComment(ctx context.Context, sys *IO, args []string, path string) error {
	return runPurge(ctx, sys, args, path, forum.PurgeComment, "ID|URL", "Purge a comment, with the replies beneath it and their votes.")
}
