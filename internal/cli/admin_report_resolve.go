package cli

import (
	"context"
	"fmt"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
)

func runReportResolve(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "ID [--as ADMIN] [--remove --as ADMIN [--reason R]] | ID --reopen",
		"Resolve a report, and with --remove also remove what it reports; --reopen takes a resolution back.")
	as := fs.String("as", "", "the admin account that acts, named as the resolver; a removal needs one, "+
		"since other servers are told of it as that person's")
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
	if *remove && *as == "" {
		return usagef("%s: --remove needs --as ADMIN, the admin account whose removal it is", path)
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	actor := forum.Console
	if *as != "" {
		if actor, err = a.forum.User(ctx, *as); err != nil {
			return err
		}
		if !actor.Admin {
			return fmt.Errorf("%s is not an admin; only admins act from the command line", actor.Name)
		}
	}
	r, err := a.forum.ResolveReport(ctx, actor, id,
		forum.Resolution{Reopen: *reopen, Remove: *remove, Reason: *reason})
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
