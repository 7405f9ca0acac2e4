package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func runUserApplications(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--all]", "List sign-ups that wait for approval, oldest first: one line each under a header,\n"+
		"NAME, STATE (pending, approved or denied), APPLIED (UTC), EMAIL (- for none), then\n"+
		"the denial's REASON and the ANSWER, each on one line. The count goes to standard\n"+
		"error, so that `awk 'NR>1 {print $1}'` lists the names.")
	all := fs.Bool("all", false, "every application, newest first, decided ones too")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	var list []store.Application
	for after := int64(0); ; {
		pg, err := a.forum.Applications(ctx, forum.Operator, *all, after)
		if err != nil {
			return err
		}
		list = append(list, pg.Applications...)
		if pg.Next == 0 {
			break
		}
		after = pg.Next
	}
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATE\tAPPLIED\tEMAIL\tREASON\tANSWER")
	for _, ap := range list {
		state := "pending"
		switch {
		case ap.Accepted:
			state = "approved"
		case ap.Denied():
			state = "denied"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", ap.Name, state, ap.CreatedAt.UTC().Format("2006-01-02T15:04Z"),
			orDash(ap.Email), orDash(oneLine(ap.DenyReason)), oneLine(ap.Answer))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write applications: %w", err)
	}
	what := "pending application(s)"
	if *all {
		what = "application(s)"
	}
	fmt.Fprintf(sys.Stderr, "%d %s\n", len(list), what)
	return nil
}

// oneLine puts text written over several lines (or with tabs, which would
// break the columns) on one.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
