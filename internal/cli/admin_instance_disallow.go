package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runInstanceDisallow(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "HOST", "Take an instance off the allow-list; in allow_list federation mode it then no\n"+
		"longer federates.")
	pos, err := parse(fs, args, 1, "the instance's HOST")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.forum.DisallowInstance(ctx, forum.Operator, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is no longer allowed\n", in.Domain)
	return nil
}
