package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostMarkNSFW(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModNSFW, reason: true, done: "marked NSFW",
		summary: "Mark a post not safe for work."}.run(ctx, sys, args, path)
}
