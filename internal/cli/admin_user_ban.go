package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

func runUserBan(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME|NAME@HOST [--reason R] [--expires WHEN] [--remove-content]",
		"Ban a person from the site: a local user is logged out everywhere and the ban is sent to every instance\n"+
			"we know; a remote person's activities are refused here.")
	reason := fs.String("reason", "", "why, for the moderation log")
	expires := fs.String("expires", "", "when the ban ends: 7d, 12h, 2025-06-01 or 2025-06-01 18:00 (UTC); never when not given")
	remove := fs.Bool("remove-content", false, "also remove every post and comment of theirs here")
	pos, err := parse(fs, args, 1, "the person's NAME (or NAME@HOST)")
	if err != nil {
		return err
	}
	end, err := forum.ParseBanEnd(*expires, time.Now())
	if err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.forum.FindPerson(ctx, pos[0])
	if err != nil {
		return err
	}
	p, err = a.forum.BanFromSite(ctx, forum.Operator, p.ID, forum.SiteBan{Reason: *reason, Expires: end, RemoveContent: *remove})
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
