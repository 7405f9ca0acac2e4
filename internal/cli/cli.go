// Package cli is the tidings command: its subcommands and the composition
// root that wires configuration, database, rules and server together.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// IO is the world a command runs in; tests give it buffers and a map.
type IO struct {
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
	LookupEnv func(string) (string, bool)
	ReadFile  func(string) ([]byte, error)
}

// Run is main: it runs the command line and exits with its status.
func Run(args []string) {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := Main(ctx, args, IO{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		LookupEnv: os.LookupEnv, ReadFile: os.ReadFile,
	})
	stop()
	os.Exit(code)
}

// Main runs one command line and returns the exit status: 0 on success,
// 1 when the command failed, 2 when the command line itself was wrong.
func Main(ctx context.Context, args []string, sys IO) int {
	root := commands()
	err := root.dispatch(ctx, &sys, args[1:], "tidings")
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(*usageError)):
		fmt.Fprintf(sys.Stderr, "tidings: %v\n", err)
		return 2
	default:
		fmt.Fprintf(sys.Stderr, "tidings: %v\n", err)
		return 1
	}
}

// command is a node of the command tree: a group with subcommands or a leaf.
type command struct {
	name    string
	summary string
	subs    []*command
	run     func(ctx context.Context, sys *IO, args []string, path string) error
}

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func (c *command) dispatch(ctx context.Context, sys *IO, args []string, path string) error {
	if c.run != nil {
		return c.run(ctx, sys, args, path)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		c.printHelp(sys.Stdout, path)
		if len(args) == 0 {
			return usagef("%s needs a subcommand; see the list above", path)
		}
		return nil
	}
	for _, s := range c.subs {
		if s.name == args[0] {
			return s.dispatch(ctx, sys, args[1:], path+" "+s.name)
		}
	}
	return usagef("unknown command %q for %s; run `%s --help` for the list", args[0], path, path)
}

func (c *command) printHelp(w io.Writer, path string) {
	if c.summary != "" {
		fmt.Fprintf(w, "%s\n\n", c.summary)
	}
	fmt.Fprintf(w, "Usage: %s COMMAND [ARGS]\n\nCommands:\n", path)
	width := 0
	for _, s := range c.subs {
		width = max(width, len(s.name))
	}
	for _, s := range c.subs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, s.name, s.summary)
	}
	fmt.Fprintf(w, "\nRun `%s COMMAND --help` for a command's options.\n", path)
}

func commands() *command {
	return &command{
		summary: "Tidings: a federated news-discussion server.",
		subs: []*command{
			{name: "serve", summary: "run the HTTP server", run: runServe},
			{name: "migrate", summary: "apply or revert database migrations", subs: []*command{
				{name: "up", summary: "apply every pending migration", run: runMigrateUp},
				{name: "down", summary: "revert the newest N migrations (or all)", run: runMigrateDown},
				{name: "status", summary: "show applied and pending migrations", run: runMigrateStatus},
			}},
			{name: "admin", summary: "manage users, communities, the site and federation", subs: []*command{
				{name: "user", summary: "manage local users", subs: []*command{
					{name: "create", summary: "create a user", run: runUserCreate},
					{name: "list", summary: "list local users", run: runUserList},
					{name: "applications", summary: "list sign-ups that wait for approval", run: runUserApplications},
					{name: "approve", summary: "approve a sign-up application", run: runUserApprove},
					{name: "deny", summary: "deny a sign-up application, with a reason", run: runUserDeny},
					{name: "promote", summary: "make a user an admin", run: runUserPromote},
					{name: "ban", summary: "ban a person, local or remote, from the site", run: runUserBan},
					{name: "unban", summary: "lift a person's site ban", run: runUserUnban},
					{name: "reset-password", summary: "set a new password for a user", run: runUserResetPassword},
				}},
				{name: "community", summary: "manage and moderate communities", subs: []*command{
					{name: "create", summary: "create a community", run: runCommunityCreate},
					{name: "list", summary: "list communities", run: runCommunityList},
					{name: "delete", summary: "delete a community (its content is kept, hidden)", run: runCommunityDelete},
					{name: "edit", summary: "change a community's title, sidebar, images or rules", run: runCommunityEdit},
					{name: "ban", summary: "ban a person from a community", run: runCommunityBan},
					{name: "unban", summary: "lift a person's ban from a community", run: runCommunityUnban},
					{name: "mod", summary: "appoint or remove a community's moderators", subs: []*command{
						{name: "add", summary: "make a person a moderator of a community", run: runCommunityModAdd},
						{name: "remove", summary: "take a person off a community's moderators", run: runCommunityModRemove},
					}},
					{name: "transfer", summary: "hand a community over to another of its moderators", run: runCommunityTransfer},
				}},
				{name: "post", summary: "moderate posts: remove, lock, pin, mark NSFW", subs: []*command{
					{name: "remove", summary: "remove a post", run: runPostRemove},
					{name: "restore", summary: "restore a removed post", run: runPostRestore},
					{name: "lock", summary: "lock a post: no more comments", run: runPostLock},
					{name: "unlock", summary: "unlock a post", run: runPostUnlock},
					{name: "feature", summary: "pin a post in its community or on the front page", run: runPostFeature},
					{name: "unfeature", summary: "unpin a post", run: runPostUnfeature},
					{name: "mark-nsfw", summary: "mark a post not safe for work", run: runPostMarkNSFW},
					{name: "unmark-nsfw", summary: "take a post's NSFW mark off", run: runPostUnmarkNSFW},
				}},
				{name: "comment", summary: "moderate comments: remove and restore", subs: []*command{
					{name: "remove", summary: "remove a comment", run: runCommentRemove},
					{name: "restore", summary: "restore a removed comment", run: runCommentRestore},
				}},
				{name: "site", summary: "show or change site settings", subs: []*command{
					{name: "show", summary: "show the site's settings", run: runSiteShow},
					{name: "set", summary: "change the site's name, description, legal text, registration or federation mode", run: runSiteSet},
				}},
				{name: "purge", summary: "delete a post, comment, person or community for good", subs: []*command{
					{name: "post", summary: "purge a post, with its comments", run: runPurgePost},
					{name: "comment", summary: "purge a comment, with the replies beneath it", run: runPurgeComment},
					{name: "person", summary: "purge a person, with their account and everything they wrote", run: runPurgePerson},
					{name: "community", summary: "purge a community, with everything in it", run: runPurgeCommunity},
				}},
				{name: "image", summary: "list and purge stored images, set the upload limits", subs: []*command{
					{name: "list", summary: "list the newest stored images", run: runImageList},
					{name: "purge", summary: "delete an uploaded image for good", run: runImagePurge},
					{name: "limits", summary: "show or change the size and pixel limits of uploads", run: runImageLimits},
				}},
				{name: "instance", summary: "block or allow other instances", subs: []*command{
					{name: "block", summary: "refuse an instance both ways", run: runInstanceBlock},
					{name: "unblock", summary: "lift an instance's block", run: runInstanceUnblock},
					{name: "allow", summary: "put an instance on the allow-list", run: runInstanceAllow},
					{name: "disallow", summary: "take an instance off the allow-list", run: runInstanceDisallow},
				}},
				{name: "federation", summary: "watch and retry deliveries to other instances", subs: []*command{
					{name: "status", summary: "show each instance's deliveries and state", run: runFederationStatus},
					{name: "retry", summary: "try an instance again now, with its given-up deliveries", run: runFederationRetry},
				}},
				{name: "report", summary: "see and resolve reports of posts and comments", subs: []*command{
					{name: "list", summary: "list open reports (or all) of every community", run: runReportList},
					{name: "resolve", summary: "resolve a report, perhaps removing what it reports, or reopen it",
						run: runReportResolve},
				}},
				{name: "resolve", summary: "fetch and store a remote community, person or object; print its URL here", run: runResolve},
				{name: "demo", summary: "load demonstration content (the seed thread and more)", run: runDemo},
			}},
			{name: "config", summary: "print the effective configuration, secrets redacted", run: runConfig},
			{name: "version", summary: "print the version", run: runVersion},
		},
	}
}

// flagSet makes a leaf command's flags; help goes to stdout, and usage
// errors come back as errors instead of exiting.
func flagSet(sys *IO, path, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	fs.SetOutput(sys.Stderr)
	fs.Usage = func() {
		w := sys.Stdout
		fmt.Fprintf(w, "%s\n\nUsage: %s %s\n", summary, path, args)
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(w, "\nOptions:")
			fs.SetOutput(w)
			fs.PrintDefaults()
			fs.SetOutput(sys.Stderr)
		}
	}
	return fs
}

// parse reads flags wherever they stand among the arguments (Go's flag
// package stops at the first argument), so `user create bob --admin` works,
// and checks the number of positional arguments.
func parse(fs *flag.FlagSet, args []string, want int, names string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) != want {
		if want == 0 {
			return nil, usagef("%s takes no arguments, got %q", fs.Name(), strings.Join(pos, " "))
		}
		return nil, usagef("%s needs %s", fs.Name(), names)
	}
	return pos, nil
}
