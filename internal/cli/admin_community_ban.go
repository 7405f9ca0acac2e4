package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

func runCommunityBan(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "COMMUNITY PERSON [--reason R] [--expires WHEN] [--remove-content] [--as ADMIN]",
		"Ban a person from a community: they may no longer post, comment or vote there.\n"+
			"COMMUNITY and PERSON are a name here, or name@host on another server.")
	reason := fs.String("reason", "", "why, for the moderation log")
	expires := fs.String("expires", "", "when the ban ends: a date (2030-01-31), a UTC time (2030-01-31T18:00),\n"+
		"or a span from now (72h, 30d); none for a ban until lifted")
	remove := fs.Bool("remove-content", false, "also remove what they wrote in the community")
	as := asFlag(fs)
	pos, err := parse(fs, args, 2, "the COMMUNITY and the PERSON")
	if err != nil {
		return err
	}
	until, err := forum.ParseBanEnd(*expires, time.Now())
	if err != nil {
		return usagef("--expires: %v", err)
	}
	a, u, err := openAs(ctx, sys, *as)
	if err != nil {
		return err
	}
	defer a.Close()
	c, p, err := communityAndPerson(ctx, a, pos[0], pos[1])
	if err != nil {
		return err
	}
	if err := a.forum.Moderate(ctx, u, forum.Moderation{Kind: forum.ModBan, CommunityID: c.ID, PersonID: p.ID,
		Reason: *reason, Expires: until, RemoveData: *remove}); err != nil {
		return err
	}
	end := "until the ban is lifted"
	if !until.IsZero() {
		end = "until " + until.UTC().Format("2 Jan 2006 15:04 UTC")
	}
	fmt.Fprintf(sys.Stdout, "%s is banned from %s %s\n", pos[1], pos[0], end)
	return nil
}
