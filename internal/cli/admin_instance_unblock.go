package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runInstanceUnblock(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "HOST", "Lift an instance's block. Deliveries given up while it was blocked stay given up;\n"+
		"`tidings admin federation retry HOST` queues them again.")
	pos, err := parse(fs, args, 1, "the instance's HOST")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.forum.UnblockInstance(ctx, forum.Operator, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is no longer blocked\n", in.Domain)
	if in.Refused {
		fmt.Fprintf(sys.Stdout, "the site federates only with allowed instances: `tidings admin instance allow %s` to federate with it\n", in.Domain)
	}
	return nil
}
