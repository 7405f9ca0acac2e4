package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostRestore(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModRemove, undo: true, reason: true, done: "restored",
		summary: "Restore a post a moderator removed."}.run(ctx, sys, args, path)
}
