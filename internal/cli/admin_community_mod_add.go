package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runCommunityModAdd(ctx context.Context, sys *IO, args []string, path string) error {
	return personAction{kind: forum.ModModerator, done: "moderates",
		summary: "Make a person a moderator of a community."}.run(ctx, sys, args, path)
}
