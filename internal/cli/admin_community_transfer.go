package cli

import (
	"context"
	"fmt"
)

func runCommunityTransfer(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "COMMUNITY PERSON [--as ADMIN]",
		"Hand a local community over to another of its moderators, who becomes its first moderator.")
	as := asFlag(fs)
	pos, err := parse(fs, args, 2, "the COMMUNITY and the PERSON")
	if err != nil {
		return err
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
	if err := a.forum.TransferCommunity(ctx, u, c.ID, p.ID); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is handed over to %s\n", pos[0], pos[1])
	return nil
}
