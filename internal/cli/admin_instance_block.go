package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runInstanceBlock(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "HOST", "Block an instance both ways: its activities and actors are refused and nothing\n"+
		"is delivered to it (deliveries already queued are given up). HOST is host[:port];\n"+
		"an instance not heard of yet is recorded and blocked in advance.")
	pos, err := parse(fs, args, 1, "the instance's HOST")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.forum.BlockInstance(ctx, forum.Operator, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is blocked\n", in.Domain)
	return nil
}
