package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

func runUserBan(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME|NAME@HOST [--reason R] [--expires WHEN] [--remove-content] [--as ADMIN]",
		"Ban a person from the site: a local user is logged out everywhere and the ban is sent to every instance\n"+
			"we know; a remote person's activities are refused here.")
	reason := fs.String("reason", "", "why, for the moderation log")
	expires := fs.String("expires", "", "when the ban ends: a date (2030-01-31), a UTC time (2030-01-31T18:00),\n"+
		"or a span from now (72h, 30d); none for a ban until lifted")
	remove := fs.Bool("remove-content", false, "also remove every post and comment of theirs here")
	as := siteAsFlag(fs)
	pos, err := parse(fs, args, 1, "the person's NAME (or NAME@HOST)")
	if err != nil {
		return err
	}
	end, err := forum.ParseBanEnd(*expires, time.Now())
	if err != nil {
		return err
	}
	a, by, err := openSiteAs(ctx, sys, *as)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.forum.PersonByHandle(ctx, pos[0])
	if err != nil {
		return err
	}
	p, err = a.forum.BanFromSite(ctx, by, p.ID, forum.SiteBan{Reason: *reason, Expires: end, RemoveContent: *remove})
	if err != nil {
		return err
	}
	until := "until lifted"
	if p.BanExpiresAt != nil {
		until = "until " + p.BanExpiresAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	fmt.Fprintf(sys.Stdout, "%s is banned %s\n", pos[0], until)
	return nil
}

// siteAsFlag is a site ban's --as: an admin to name in the moderation log
// and to sign the ban other servers are sent. Without it the operator
// acts, named by nobody, and the site's oldest admin signs, as Lemmy takes
// a ban only from a person.
func siteAsFlag(fs *flag.FlagSet) *string {
	return fs.String("as", "", "the `ADMIN` who acts, named in the moderation log (default: none is named)")
}

// openSiteAs opens the instance, and finds the admin --as names.
func openSiteAs(ctx context.Context, sys *IO, as string) (*app, forum.Acting, error) {
	a, err := openApp(ctx, sys)
	if err != nil || as == "" {
		return a, forum.Operator, err
	}
	u, err := a.forum.ActingAdmin(ctx, as)
	if err != nil {
		a.Close()
		return nil, forum.Operator, err
	}
	return a, forum.AsUser(u), nil
}
