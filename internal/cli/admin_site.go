package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

func runSiteShow(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Show the site's settings.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	s, err := a.forum.Site(ctx)
	if err != nil {
		return err
	}
	modNames := "shown"
	if s.HideModlogModNames {
		modNames = "hidden but to admins"
	}
	fmt.Fprintf(sys.Stdout, "name:         %s\nhost:         %s\nregistration: %s\nfederation:   %s\n",
		s.Name, s.Host, s.RegistrationMode, s.FederationMode)
	fmt.Fprintf(sys.Stdout, "mod log:      moderators' names %s\ndescription:  %s\n", modNames, s.Description)
	return nil
}

func runSiteSet(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--name N] [--description D] [--registration open|closed|require_approval] [--federation open|allow_list]\n"+
		"    [--hide-modlog-names[=false]]", "Change the site's settings; those not given stay as they are.")
	name := fs.String("name", "", "the site's name")
	desc := fs.String("description", "", "the site's description, in markdown")
	reg := fs.String("registration", "", "who may sign up: open, closed or require_approval")
	question := fs.String("application-question", "", "what applicants answer when registration needs approval")
	federation := fs.String("federation", "", "whom to federate with: open (all but blocked instances) or allow_list (only allowed ones)")
	hideNames := fs.Bool("hide-modlog-names", false, "name no moderator in the moderation log but to admins (=false names them again)")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	var u store.SiteSettings
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(set) == 0 {
		return usagef("%s: give at least one setting to change", path)
	}
	if set["name"] {
		u.Name = name
	}
	if set["description"] {
		u.Description = desc
	}
	if set["registration"] {
		u.RegistrationMode = reg
	}
	if set["application-question"] {
		u.ApplicationQuestion = question
	}
	if set["federation"] {
		u.FederationMode = federation
	}
	if set["hide-modlog-names"] {
		u.HideModlogModNames = hideNames
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.forum.UpdateSite(ctx, u); err != nil {
		return err
	}
	fmt.Fprintln(sys.Stdout, "site settings saved")
	return nil
}
