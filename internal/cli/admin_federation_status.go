package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tidings/tidings/internal/store"
)

func runFederationStatus(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Show each remote instance's deliveries: queued, in flight, given up in the last\n"+
		"7 days (their errors are kept with the jobs), the last success, and its state:\n"+
		"blocked, not allowed (allow-list mode), allowed, failing since a time, or dead\n"+
		"(failing for 3 days: not tried until heard from or retried).")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	site, err := a.store.GetSite(ctx)
	if err != nil {
		return err
	}
	rows, err := a.store.FederationStatus(ctx, time.Now().Add(-givenUpRetention))
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "federation mode: %s\n", site.FederationMode)
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INSTANCE\tQUEUED\tIN FLIGHT\tFAILED (7D)\tLAST SUCCESS\tSTATE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\n", r.Domain, r.Queued, r.InFlight, r.Failed, when(r.LastSuccessAt), instanceState(r.Instance))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	fmt.Fprintf(sys.Stdout, "%d instance(s)\n", len(rows))
	return nil
}

// instanceState says in a few words whether and how we federate with in.
func instanceState(in store.Instance) string {
	var s []string
	switch {
	case in.Blocked:
		s = append(s, "blocked")
	case in.Refused:
		s = append(s, "not allowed")
	case in.Allowed:
		s = append(s, "allowed")
	}
	switch {
	case in.Dead:
		s = append(s, "dead (failing since "+when(in.FailingSince)+")")
	case in.FailingSince != nil:
		s = append(s, "failing since "+when(in.FailingSince))
	}
	if len(s) == 0 {
		return "ok"
	}
	return strings.Join(s, ", ")
}

func when(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
