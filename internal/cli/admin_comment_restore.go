package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runCommentRestore(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{comment: true, kind: forum.ModRemove, undo: true, reason: true, done: "restored",
		summary: "Restore a comment a moderator removed."}.run(ctx, sys, args, path)
}
