package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostUnfeature(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModFeature, undo: true, frontPage: true, done: "unpinned",
		summary: "Unpin a post from its community, or with --front-page from the front page."}.run(ctx, sys, args, path)
}
