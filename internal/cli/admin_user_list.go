package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/tidings/tidings/internal/store"
)

func runUserList(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "List local users, oldest first.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, sys)
	if err != nil {
		return err
	}
	defer a.Close()
	users, err := a.forum.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tADMIN\tBANNED\tSTATE\tCREATED")
	for _, u := range users {
		banned := "no"
		if u.Banned {
			banned = "yes"
			if u.BanReason != "" {
				banned += " (" + u.BanReason + ")"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, yesNo(u.Admin), banned, accountState(u),
			u.Published.UTC().Format("2006-01-02 15:04"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	fmt.Fprintf(sys.Stdout, "%d user(s)\n", len(users))
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// accountState says whether an account may log in, or how its sign-up
// application stands.
func accountState(u store.Account) string {
	switch {
	case u.Accepted:
		return "active"
	case u.DenyReason != "":
		return "denied (" + oneLine(u.DenyReason) + ")"
	}
	return "pending approval"
}
