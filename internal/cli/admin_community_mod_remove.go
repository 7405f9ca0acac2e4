package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runCommunityModRemove(ctx context.Context, sys *IO, args []string, path string) error {
	return personAction{kind: forum.ModModerator, undo: true, done: "no longer moderates",
		summary: "Take a person off a community's moderators."}.run(ctx, sys, args, path)
}
