package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runUserCreate(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME [--admin] [--password-file F]",
		"Create a local user. Without --password-file a password is generated and printed once.")
	admin := fs.Bool("admin", false, "make the user an admin")
	pwFile := fs.String("password-file", "", "read the password from `FILE` (- for standard input)")
	ifAbsent := fs.Bool("if-absent", false, "succeed without change when the user already exists (for setup scripts)")
	pos, err := parse(fs, args, 1, "the user's NAME")
	if err != nil {
		return err
	}
	name := pos[0]
	pw, generated, err := readPassword(sys, *pwFile)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	if *ifAbsent {
		if _, err := a.forum.User(ctx, name); err == nil {
			fmt.Fprintf(sys.Stdout, "user %s already exists; nothing changed\n", name)
			return nil
		} else if !errors.Is(err, forum.ErrNotFound) {
			return err
		}
	}
	u, err := a.forum.CreateUser(ctx, forum.NewUser{Name: name, Password: pw, Admin: *admin})
	if err != nil {
		return err
	}
	kind := "user"
	if u.Admin {
		kind = "admin"
	}
	fmt.Fprintf(sys.Stdout, "created %s %s (%s)\n", kind, u.Name, u.APID)
	if generated {
		printPassword(sys, u.Name, pw)
	}
	return nil
}
