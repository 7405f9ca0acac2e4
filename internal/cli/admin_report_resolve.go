package cli

import (
	"context"
	"fmt"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
)

func runReportResolve(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "ID [--remove [--reason R]] [--as ADMIN] | ID --reopen [--as ADMIN]",
		"Resolve a report, and with --remove also remove what it reports; --reopen takes a resolution back.")
	as := asFlag(fs)
	remove := fs.Bool("remove", false, "also remove the reported post or comment, as a moderator would")
	reason := fs.String("reason", "", "why it is removed, for the moderation log")
	reopen := fs.Bool("reopen", false, "open the report again instead")
	pos, err := parse(fs, args, 1, "the report's ID (see `admin report list`)")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("%s needs a report's ID, a positive number, not %q", path, pos[0])
	}
	if *reopen && *remove {
		return usagef("%s: --reopen and --remove do not go together", path)
	}
	if *reason != "" && !*remove {
		return usagef("%s: --reason is the removal's, and needs --remove", path)
	}
	a, admin, err := openAs(ctx, sys, *as)
	if err != nil {
		return err
	}
	defer a.Close()
	r, err := a.forum.ResolveReport(ctx, admin, id, forum.Resolution{Reopen: *reopen, Remove: *remove, Reason: *reason})
	if err != nil {
		return err
	}
	switch {
	case *reopen:
		fmt.Fprintf(sys.Stdout, "report %d is open again\n", id)
	case *remove:
		fmt.Fprintf(sys.Stdout, "report %d is resolved, and %s is removed\n", id, reportedThing(r))
	default:
		fmt.Fprintf(sys.Stdout, "report %d is resolved\n", id)
	}
	return nil
}
