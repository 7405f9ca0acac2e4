package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runUserApprove(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME", "Approve a sign-up application: the applicant can log in at once. A denied\n"+
		"application may be approved later.")
	pos, err := parse(fs, args, 1, "the applicant's NAME")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	ap, err := a.forum.ApproveApplication(ctx, forum.Operator, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "the application of %s is approved: they can log in\n", ap.Name)
	return nil
}
