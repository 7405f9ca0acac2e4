package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// The moderation commands act as an admin, who is named in the moderation
// log and signs what other servers are sent of the action: the one named
// by --as, or the site's oldest admin. Each command takes the same rules
// as the pages, in forum.

func asFlag(fs *flag.FlagSet) *string {
	return fs.String("as", "", "the `ADMIN` who acts, named in the moderation log (default: the site's oldest admin)")
}

// openAs opens the instance and finds the admin who acts.
func openAs(ctx context.Context, sys *IO, as string) (*app, store.LocalUser, error) {
	a, err := openApp(ctx, sys)
	if err != nil {
		return nil, store.LocalUser{}, err
	}
	u, err := a.forum.ActingAdmin(ctx, as)
	if err != nil {
		a.Close()
		return nil, u, err
	}
	return a, u, nil
}

// contentAction is a moderation command about one post or comment, by id.
type contentAction struct {
	comment bool // a comment's id, not a post's
	kind    string
	undo    bool
	summary string
	done    string // what the target now is: "removed", "locked" ...
	reason  bool   // takes --reason
	// frontPage takes --front-page, for the pins: on the front page
	// rather than in the community.
	frontPage bool
}

func (c contentAction) run(ctx context.Context, sys *IO, args []string, path string) error {
	what := "post"
	if c.comment {
		what = "comment"
	}
	usage := "ID"
	if c.reason {
		usage += " [--reason R]"
	}
	if c.frontPage {
		usage += " [--front-page]"
	}
	fs := flagSet(sys, path, usage+" [--as ADMIN]", c.summary)
	var reason *string
	if c.reason {
		reason = fs.String("reason", "", "why, for the moderation log")
	}
	var front *bool
	if c.frontPage {
		front = fs.Bool("front-page", false, "on the site's front page (admins' pins), not in the post's community")
	}
	as := asFlag(fs)
	pos, err := parse(fs, args, 1, "the "+what+"'s ID")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("%q is not a %s's ID (a positive number, as in /%s/ID)", pos[0], what, what)
	}
	m := forum.Moderation{Kind: c.kind, Undo: c.undo, Target: forum.Target{PostID: id}}
	if c.comment {
		m.Target = forum.Target{CommentID: id}
	}
	if reason != nil {
		m.Reason = *reason
	}
	if front != nil && *front {
		m.Kind = forum.ModFeatureLocal
	}
	a, u, err := openAs(ctx, sys, *as)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.forum.Moderate(ctx, u, m); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s %d is %s\n", what, id, c.done)
	return nil
}

// communityAndPerson finds the community and the person a command names,
// each by name (here) or name@host (another server's).
func communityAndPerson(ctx context.Context, a *app, community, person string) (store.Community, store.Person, error) {
	c, err := a.forum.CommunityByHandle(ctx, community)
	if err != nil {
		return c, store.Person{}, err
	}
	p, err := a.forum.PersonByHandle(ctx, person)
	return c, p, err
}

// personAction is a moderation command about a person in a community.
type personAction struct {
	kind    string
	undo    bool
	summary string
	done    string // "is banned from", "moderates" ...
}

func (c personAction) run(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "COMMUNITY PERSON [--reason R] [--as ADMIN]", c.summary+
		"\nCOMMUNITY and PERSON are a name here, or name@host on another server.")
	reason := fs.String("reason", "", "why, for the moderation log")
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
	cm, p, err := communityAndPerson(ctx, a, pos[0], pos[1])
	if err != nil {
		return err
	}
	m := forum.Moderation{Kind: c.kind, Undo: c.undo, CommunityID: cm.ID, PersonID: p.ID, Reason: *reason}
	if err := a.forum.Moderate(ctx, u, m); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "%s %s %s\n", pos[1], c.done, pos[0])
	return nil
}
