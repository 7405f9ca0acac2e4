package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runCommunityUnban(ctx context.Context, sys *IO, args []string, path string) error {
	return personAction{kind: forum.ModBan, undo: true, done: "is no longer banned from",
		summary: "Lift a person's ban from a community."}.run(ctx, sys, args, path)
}
