package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tidings/tidings/internal/store"
)

func runFederationRetry(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "HOST", "Try an instance again now: it is no longer failing or dead, and its deliveries\n"+
		"waiting to be retried or given up in the last 7 days are queued again, with a\n"+
		"fresh two days to get through.")
	pos, err := parse(fs, args, 1, "the instance's HOST")
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.forum.KnownInstance(ctx, pos[0])
	if err != nil {
		return err
	}
	// Its deliveries would only be given up again.
	switch {
	case in.Blocked:
		return fmt.Errorf("%s is blocked; `tidings admin instance unblock %s` first", in.Domain, in.Domain)
	case in.Refused:
		return fmt.Errorf("%s is not on the allow-list, and the site federates only with allowed instances; "+
			"`tidings admin instance allow %s` first", in.Domain, in.Domain)
	}
	var n int
	// One transaction: the instance is alive again when its jobs become
	// available, or a worker could take one and give it up as dead.
	err = a.store.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.ReviveInstance(ctx, in.Domain, time.Now()); err != nil {
			return err
		}
		ids, err := tx.DeliveryJobIDs(ctx, in.Domain, time.Now().Add(-givenUpRetention), string(rivertype.JobStateRetryable),
			string(rivertype.JobStateDiscarded), string(rivertype.JobStateCancelled))
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := a.jobs.JobRetryTx(ctx, tx.PgxTx(), id); err != nil {
				return fmt.Errorf("retry delivery job %d: %w", id, err)
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return fmt.Errorf("retry %s: %w", in.Domain, err)
	}
	if in.Dead {
		fmt.Fprintf(sys.Stdout, "%s is no longer marked dead\n", in.Domain)
	}
	fmt.Fprintf(sys.Stdout, "%d deliver%s to %s queued again\n", n, map[bool]string{true: "y", false: "ies"}[n == 1], in.Domain)
	return nil
}
