package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func runCommunityList(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--all]", "List communities, local ones first.")
	all := fs.Bool("all", false, "include deleted and removed communities")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	cs, err := a.forum.Communities(ctx, *all)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTITLE\tSUBSCRIBERS\tPOSTS\tSTATE")
	for _, c := range cs {
		name := c.Name
		if !c.Local {
			name += "@" + c.Domain
		}
		state := "active"
		switch {
		case c.Deleted:
			state = "deleted"
		case c.Removed:
			state = "removed"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", name, c.Title, c.Subscribers, c.Posts, state)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	fmt.Fprintf(sys.Stdout, "%d communit%s\n", len(cs), map[bool]string{true: "y", false: "ies"}[len(cs) == 1])
	return nil
}
