package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPurgeCommunity(ctx context.Context, sys *IO, args []string, path string) error {
	return runPurge(ctx, sys, args, path, forum.PurgeCommunity, "NAME|NAME@HOST|URL", "Purge a community, with its posts, comments, votes, follows, bans and moderators.")
}
