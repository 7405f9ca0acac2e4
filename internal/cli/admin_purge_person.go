package cli

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

func runPurgePerson(ctx context.Context, sys *IO, args []string, path string) error {
	return runPurge(ctx, sys, args, path, forum.PurgePerson, "NAME|NAME@HOST|URL", "Purge a person: their account, posts, comments (with the replies beneath them), votes, follows and roles.")
}
