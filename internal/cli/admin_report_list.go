package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func runReportList(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--all] [--community NAME]", "List reports of posts and comments, newest first: the open ones, "+
		"or all of them.")
	all := fs.Bool("all", false, "include resolved reports")
	community := fs.String("community", "", "only the reports of this local community")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	q := forum.ReportQuery{All: *all}
	if *community != "" {
		c, err := a.forum.Community(ctx, *community)
		if err != nil {
			return err
		}
		q.CommunityID = c.ID
	}
	var reports []store.Report
	for {
		page, more, err := a.forum.Reports(ctx, forum.Console, q)
		if err != nil {
			return err
		}
		reports = append(reports, page...)
		if !more {
			break
		}
		q.Before = page[len(page)-1].ID
	}
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tOF\tCOMMUNITY\tREPORTER\tREASON\tSTATE\tREPORTED")
	for _, r := range reports {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, reportedThing(r), handleOf(r.CommunityName, r.CommunityDomain, r.CommunityLocal),
			reporterOf(r), column(r.Reason, 60), reportState(r), r.Published.UTC().Format("2006-01-02 15:04"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	fmt.Fprintf(sys.Stdout, "%d report(s)\n", len(reports))
	return nil
}

// reportedThing names what a report is about: post 12, comment 40.
func reportedThing(r store.Report) string {
	if r.CommentID != 0 {
		return fmt.Sprintf("comment %d", r.CommentID)
	}
	return fmt.Sprintf("post %d", r.PostID)
}

func reporterOf(r store.Report) string {
	if r.CreatorName == "" {
		return "someone on " + r.CreatorDomain
	}
	return r.CreatorName + "@" + r.CreatorDomain
}

func reportState(r store.Report) string {
	state := "open"
	if r.Resolved {
		state = "resolved"
	}
	switch {
	case r.ContentRemoved:
		state += ", removed"
	case r.ContentDeleted:
		state += ", deleted"
	}
	return state
}

func handleOf(name, domain string, local bool) string {
	if local {
		return name
	}
	return name + "@" + domain
}

// column fits text into a column: on one line, at most n characters.
func column(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
