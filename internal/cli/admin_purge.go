package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

// runPurge is what the purge commands share: find the target, say what
// goes with it, and delete it only when --yes says so.
func runPurge(ctx context.Context, sys *IO, args []string, path, kind, which, summary string) error {
	fs := flagSet(sys, path, which+" [--reason R] --yes", summary+
		"\nIt is deleted from the database for good, and the moderation log keeps its name. Other instances are not told.")
	reason := fs.String("reason", "", "why, for the moderation log")
	yes := fs.Bool("yes", false, "purge it; without this, only say what would go")
	pos, err := parse(fs, args, 1, which)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := a.forum.FindPurgeTarget(ctx, kind, pos[0])
	if err != nil {
		return err
	}
	if !*yes {
		t, err := a.forum.PurgePreview(ctx, forum.Operator, kind, id)
		if err != nil {
			return err
		}
		return fmt.Errorf("purging %s deletes it for good with %s; run again with --yes to purge it", describe(t), scope(t))
	}
	t, err := a.forum.Purge(ctx, forum.Operator, kind, id, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "purged %s, with %s\n", describe(t), scope(t))
	return nil
}

func describe(t forum.PurgeTarget) string {
	return fmt.Sprintf("%s %d (%s)", t.Kind, t.ID, t.Name)
}

func scope(t forum.PurgeTarget) string {
	s := t.Scope
	out := fmt.Sprintf("%d comment(s) and %d vote(s)", s.Comments, s.Votes)
	if t.Kind == forum.PurgePerson || t.Kind == forum.PurgeCommunity {
		out = fmt.Sprintf("%d post(s), ", s.Posts) + out
	}
	return out
}
