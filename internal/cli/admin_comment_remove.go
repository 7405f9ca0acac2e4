package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runCommentRemove(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{comment: true, kind: forum.ModRemove, reason: true, done: "removed",
		summary: "Remove a comment, as its community's moderators do: others see that a moderator removed it;\n" +
			"its replies stay."}.run(ctx, sys, args, path)
}
