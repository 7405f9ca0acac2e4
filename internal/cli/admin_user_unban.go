package cli

import (
	"context"
	"fmt"
)

func runUserUnban(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME", "Lift a local user's site ban.")
	pos, err := parse(fs, args, 1, "the user's NAME")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.forum.UnbanUser(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is no longer banned\n", u.Name)
	return nil
}
