package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostUnlock(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModLock, undo: true, reason: true, done: "unlocked",
		summary: "Unlock a post: it takes comments again."}.run(ctx, sys, args, path)
}
