package cli

import (
	"context"
	"fmt"
)

func runUserBan(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME [--reason R]", "Ban a local user from the site and log them out everywhere.")
	reason := fs.String("reason", "", "why, for the moderation log")
	pos, err := parse(fs, args, 1, "the user's NAME")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.forum.BanUser(ctx, pos[0], *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is banned\n", u.Name)
	return nil
}
