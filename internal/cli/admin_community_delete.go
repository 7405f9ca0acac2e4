package cli

import (
	"context"
	"fmt"
)

func runCommunityDelete(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME", "Delete a local community. Its posts and comments are kept, hidden with it.")
	pos, err := parse(fs, args, 1, "the community's NAME")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.forum.DeleteCommunity(ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "community %s deleted\n", pos[0])
	return nil
}
