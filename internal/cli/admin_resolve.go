package cli

import (
	"context"
	"fmt"
)

func runResolve(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "HANDLE_OR_URL",
		"Look up a community (!name@host), a person (@name@host) or the URL of a community,\n"+
			"person, post or comment, as search does: fetch it from its instance, store it, and\n"+
			"print its URL here.")
	pos, err := parse(fs, args, 1, "a HANDLE_OR_URL")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	fed, _, err := newFederation(ctx, a)
	if err != nil {
		return err
	}
	p, err := fed.Resolve(ctx, pos[0])
	if err != nil {
		return fmt.Errorf("resolve %s: %w", pos[0], err)
	}
	fmt.Fprintln(sys.Stdout, a.cfg.BaseURL()+p)
	return nil
}
