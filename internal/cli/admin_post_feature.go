package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPostFeature(ctx context.Context, sys *IO, args []string, path string) error {
	return contentAction{kind: forum.ModFeature, frontPage: true, done: "pinned",
		summary: "Pin a post at the head of its community, or with --front-page of the front page."}.run(ctx, sys, args, path)
}
