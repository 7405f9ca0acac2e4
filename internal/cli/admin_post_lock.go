package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostLock(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModLock, reason: true, done: "locked",
		summary: "Lock a post: it takes no more comments."}.run(ctx, sys, args, path)
}
