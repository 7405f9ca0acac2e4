package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func runDemo(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "",
		"Load demonstration content: a real Lemmy thread as federated data (worldnews@lemmy.world), three\n"+
			"remote and four local communities, six local users, remote people on other instances, and about\n"+
			"120 posts with comments and votes spread over the last 400 days, so that every page and sort\n"+
			"shows something. It is meant for a fresh instance; running it again changes nothing.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	base := a.forum.IRI().Base()
	already := func(id int64) error {
		fmt.Fprintf(sys.Stdout, "the demonstration content is already loaded; nothing changed\nseed thread: %s/post/%d\n", base, id)
		return nil
	}
	if p, err := a.store.PostByAPID(ctx, demoSeedPostAPID); err == nil {
		return already(p.ID)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}

	prog := newDemoProgress(sys.Stderr)
	var sum demoSummary
	var loadedBefore int64
	// One transaction: a failure leaves nothing behind. The service opened
	// on it locks the site row, so a second run at the same time waits here
	// and then finds the first one's seed post.
	err = a.store.InTx(ctx, func(tx *store.Store) error {
		f, err := forum.Open(ctx, tx, a.cfg.Scheme, a.cfg.Host)
		if err != nil {
			return err
		}
		if p, err := tx.PostByAPID(ctx, demoSeedPostAPID); err == nil {
			loadedBefore = p.ID
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := demoCheckNames(ctx, tx); err != nil {
			return err
		}
		sum, err = newDemoLoader(tx, f, prog).load(ctx)
		return err
	})
	prog.done()
	if err != nil {
		return fmt.Errorf("load demonstration content (nothing was loaded): %w", err)
	}
	if loadedBefore != 0 {
		return already(loadedBefore)
	}
	fmt.Fprintf(sys.Stdout, "loaded the demonstration content: %d communities (%d local), %d local users, "+
		"%d people on %d other instances, %d posts, %d comments, %d votes, %d subscriptions\n",
		sum.communities, sum.localCommunities, sum.users, sum.remotePeople, sum.instances, sum.posts,
		sum.comments, sum.votes, sum.follows)
	fmt.Fprintf(sys.Stdout, "seed thread: %s/post/%d\n", base, sum.seedPostID)
	fmt.Fprintf(sys.Stdout, "The local users %s have random passwords that are not shown; "+
		"`tidings admin user reset-password NAME` gives one a password.\n", strings.Join(sum.userNames, ", "))
	return nil
}

// demoCheckNames refuses an instance that already has one of the demo's
// local names, rather than mixing the demo into real accounts.
func demoCheckNames(ctx context.Context, tx *store.Store) error {
	for _, u := range demoUsers {
		if _, err := tx.LocalPersonByName(ctx, u.name); err == nil {
			return fmt.Errorf("a local user named %q already exists; the demonstration content is meant for a fresh instance", u.name)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	for _, c := range demoCommunities {
		if c.domain != "" {
			continue
		}
		if _, err := tx.LocalCommunityByName(ctx, c.name); err == nil {
			return fmt.Errorf("a local community named %q already exists; the demonstration content is meant for a fresh instance", c.name)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	return nil
}

// demoSummary counts what was loaded.
type demoSummary struct {
	communities, localCommunities, users, remotePeople, instances int
	posts, comments, votes, follows                               int
	seedPostID                                                    int64
	userNames                                                     []string
}

// demoProgress rewrites one status line on a terminal and says nothing
// anywhere else (a log file, a pipe, a test's buffer).
type demoProgress struct {
	w     io.Writer
	shown bool
}

func newDemoProgress(w io.Writer) *demoProgress {
	f, ok := w.(*os.File)
	if !ok {
		return &demoProgress{}
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &demoProgress{}
	}
	return &demoProgress{w: w}
}

func (p *demoProgress) step(what string, n, total int) {
	if p.w == nil {
		return
	}
	if total > 0 {
		fmt.Fprintf(p.w, "\rdemo: %s %d/%d\033[K", what, n, total)
	} else {
		fmt.Fprintf(p.w, "\rdemo: %s\033[K", what)
	}
	p.shown = true
}

func (p *demoProgress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
