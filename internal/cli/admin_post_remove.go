package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostRemove(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModRemove, reason: true, done: "removed",
		summary: "Remove a post, as its community's moderators do: others see that a moderator removed it."}.run(ctx, sys, args, path)
}
