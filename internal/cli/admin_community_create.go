package cli

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runCommunityCreate(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "NAME --title T [--description D] [--moderator USER] [--nsfw] [--restricted]",
		"Create a local community.")
	title := fs.String("title", "", "the community's title (required)")
	desc := fs.String("description", "", "the sidebar, in markdown")
	mod := fs.String("moderator", "", "local `USER` who becomes its first moderator")
	nsfw := fs.Bool("nsfw", false, "mark it not safe for work")
	restricted := fs.Bool("restricted", false, "only moderators may post")
	pos, err := parse(fs, args, 1, "the community's NAME")
	if err != nil {
		return err
	}
	if *title == "" {
		return usagef("%s needs --title", path)
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.forum.CreateCommunity(ctx, forum.NewCommunity{
		Name: pos[0], Title: *title, Description: *desc, Moderator: *mod, NSFW: *nsfw, Restricted: *restricted,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "created community %s (%s)\n", c.Name, c.APID)
	return nil
}
