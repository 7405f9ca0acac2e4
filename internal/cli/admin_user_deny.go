package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runUserDeny(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME --reason R", "Deny a sign-up application. The account stays, unable to log in; the applicant\n"+
		"reads the reason when they try.")
	reason := fs.String("reason", "", "why, in at most 1000 characters (required)")
	pos, err := parse(fs, args, 1, "the applicant's NAME")
	if err != nil {
		return err
	}
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "reason" })
	if !given {
		return usagef("%s needs --reason: the applicant reads it", path)
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	ap, err := a.forum.DenyApplication(ctx, forum.Operator, pos[0], *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "the application of %s is denied\n", ap.Name)
	return nil
}
