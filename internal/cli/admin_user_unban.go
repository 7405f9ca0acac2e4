package cli

import (
	"context"
	"fmt"
)

func runUserUnban(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME|NAME@HOST [--reason R] [--as ADMIN]", "Lift a person's site ban.")
	reason := fs.String("reason", "", "why, for the moderation log")
	as := siteAsFlag(fs)
	pos, err := parse(fs, args, 1, "the person's NAME (or NAME@HOST)")
	if err != nil {
		return err
	}
	a, by, err := openSiteAs(ctx, sys, *as)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.forum.PersonByHandle(ctx, pos[0])
	if err != nil {
		return err
	}
	if _, err := a.forum.UnbanFromSite(ctx, by, p.ID, *reason); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is no longer banned\n", pos[0])
	return nil
}
