package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runInstanceAllow(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "HOST", "Put an instance on the allow-list: when the site's federation mode is allow_list\n"+
		"(`tidings admin site set --federation allow_list`), only allowed instances federate.\n"+
		"Allowing a blocked instance lifts its block. An instance not heard of yet is recorded.")
	pos, err := parse(fs, args, 1, "the instance's HOST")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	before, _ := a.forum.KnownInstance(ctx, pos[0]) // only to say whether a block was lifted
	in, err := a.forum.AllowInstance(ctx, forum.Operator, pos[0])
	if err != nil {
		return err
	}
	msg := in.Domain + " is allowed"
	if before.Blocked {
		msg += " (and no longer blocked)"
	}
	fmt.Fprintln(sys.Stdout, msg)
	return nil
}
