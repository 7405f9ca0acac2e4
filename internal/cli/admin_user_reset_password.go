package cli

import (
	"context"
	"fmt"
)

func runUserResetPassword(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME [--password-file F]",
		"Set a new password for a local user and log them out everywhere. Without --password-file one is generated and printed once.")
	pwFile := fs.String("password-file", "", "read the password from `FILE` (- for standard input)")
	pos, err := parse(fs, args, 1, "the user's NAME")
	if err != nil {
		return err
	}
	pw, generated, err := readPassword(sys, *pwFile)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.forum.ResetPassword(ctx, pos[0], pw); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "password of %s changed\n", pos[0])
	if generated {
		printPassword(sys, pos[0], pw)
	}
	return nil
}
