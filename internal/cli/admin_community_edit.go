package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/tidings/tidings/internal/forum"
)

func runCommunityEdit(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "COMMUNITY [--title T] [--description D] [--icon URL] [--banner URL] [--nsfw=BOOL] "+
		"[--restricted=BOOL] [--as ADMIN]", "Change a community's title, sidebar, images or rules; what is not given stays.")
	title := fs.String("title", "", "the title")
	desc := fs.String("description", "", "the sidebar, in markdown")
	icon := fs.String("icon", "", "the icon's `URL` (\"\" for none)")
	banner := fs.String("banner", "", "the banner's `URL` (\"\" for none)")
	nsfw := fs.Bool("nsfw", false, "not safe for work")
	restricted := fs.Bool("restricted", false, "only moderators may post")
	as := asFlag(fs)
	pos, err := parse(fs, args, 1, "the COMMUNITY")
	if err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if len(given) == 0 || (len(given) == 1 && given["as"]) {
		return usagef("%s: say what to change (--title, --description, --icon, --banner, --nsfw, --restricted)", path)
	}
	a, u, err := openAs(ctx, sys, *as)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.forum.CommunityByHandle(ctx, pos[0])
	if err != nil {
		return err
	}
	in := forum.CommunityEdit{Title: c.Title, Description: c.Description, IconURL: c.IconURL, BannerURL: c.BannerURL,
		NSFW: c.NSFW, Restricted: c.PostingRestrictedToMods}
	for name, set := range map[string]func(){
		"title": func() { in.Title = *title }, "description": func() { in.Description = *desc },
		"icon": func() { in.IconURL = *icon }, "banner": func() { in.BannerURL = *banner },
		"nsfw": func() { in.NSFW = *nsfw }, "restricted": func() { in.Restricted = *restricted },
	} {
		if given[name] {
			set()
		}
	}
	if err := a.forum.EditCommunity(ctx, u, c.ID, in); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s is changed\n", pos[0])
	return nil
}
