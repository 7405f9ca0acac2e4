package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/forum"
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
	legal, err := a.forum.Legal(ctx)
	if err != nil {
		return err
	}
	modNames := "shown"
	if s.HideModlogModNames {
		modNames = "hidden but to admins"
	}
	legalSummary := "none"
	if legal != "" {
		legalSummary = fmt.Sprintf("%d characters (shown at /legal)", utf8.RuneCountInString(legal))
	}
	fmt.Fprintf(sys.Stdout, "name:         %s\nhost:         %s\nregistration: %s\nquestion:     %s\nfederation:   %s\n"+
		"legal:        %s\nmod log:      moderators' names %s\nimages:       %s (other servers' pictures)\ndescription:  %s\n",
		s.Name, s.Host, s.RegistrationMode, s.ApplicationQuestion, s.FederationMode, legalSummary, modNames, s.ImageMode, s.Description)
	return nil
}

func runSiteSet(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "[--name N] [--description D] [--legal-file F|-] [--registration open|closed|require_approval]\n"+
		"       [--application-question Q] [--federation open|allow_list] [--hide-modlog-names[=false]]\n"+
		"       [--image-mode store|proxy|link]",
		"Change the site's settings; those not given stay as they are.")
	name := fs.String("name", "", "the site's name")
	desc := fs.String("description", "", "the site's description, in markdown (beside the front page)")
	legalFile := fs.String("legal-file", "", "read the rules and legal text shown at /legal, in markdown, from `F` (- for standard input; an empty file removes them)")
	reg := fs.String("registration", "", "who may sign up: open, closed or require_approval")
	question := fs.String("application-question", "", "what applicants answer when registration needs approval")
	federation := fs.String("federation", "", "whom to federate with: open (all but blocked instances) or allow_list (only allowed ones)")
	hideNames := fs.Bool("hide-modlog-names", false, "name no moderator in the moderation log but to admins (=false names them again)")
	imageMode := fs.String("image-mode", "", "other servers' pictures: store (fetched once, served from here), proxy (fetched when first shown, served from here) or link (from their servers)")
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
	if set["legal-file"] {
		legal, err := readText(sys, *legalFile, forum.MaxSiteLegal)
		if err != nil {
			return err
		}
		u.Legal = &legal
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
	if set["image-mode"] {
		u.ImageMode = imageMode
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.forum.UpdateSite(ctx, forum.Operator, u); err != nil {
		return err
	}
	fmt.Fprintln(sys.Stdout, "site settings saved")
	return nil
}

// readText reads a text file ("-" for standard input) of at most max
// characters; a longer one is read far enough for the forum to refuse it.
func readText(sys *IO, file string, max int) (string, error) {
	var b []byte
	var err error
	if file == "-" {
		b, err = io.ReadAll(io.LimitReader(sys.Stdin, int64(4*max+4)))
	} else {
		b, err = sys.ReadFile(file)
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	if !utf8.Valid(b) || strings.ContainsRune(string(b), 0) {
		return "", fmt.Errorf("read %s: it is not UTF-8 text", file)
	}
	return string(b), nil
}
