package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runUserUnban(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME|NAME@HOST [--reason R]", "Lift a person's site ban.")
	reason := fs.String("reason", "", "why, for the moderation log")
	pos, err := parse(fs, args, 1, "the person's NAME (or NAME@HOST)")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.forum.FindPerson(ctx, pos[0])
	if err != nil {
		return err
	}
	if _, err := a.forum.UnbanFromSite(ctx, forum.Operator, p.ID, *reason); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is no longer banned\n", pos[0])
	return nil
}
