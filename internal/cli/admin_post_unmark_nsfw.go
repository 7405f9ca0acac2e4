package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostUnmarkNSFW(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModNSFW, undo: true, reason: true, done: "no longer marked NSFW",
		summary: "Take a post's NSFW mark off."}.run(ctx, sys, args, path)
}
