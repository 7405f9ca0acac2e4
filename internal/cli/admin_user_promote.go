package cli

import (
	"context"
	"fmt"
)

func runUserPromote(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME", "Make a local user an admin.")
	pos, err := parse(fs, args, 1, "the user's NAME")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.forum.PromoteUser(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is now an admin\n", u.Name)
	return nil
}
