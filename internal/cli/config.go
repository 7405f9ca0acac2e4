package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/tidings/tidings/internal/config"
)

func runConfig(_ context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Print the effective configuration from the environment, with secrets redacted.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	cfg, err := loadConfig(sys)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VARIABLE\tVALUE\tSOURCE")
	for _, s := range config.Describe(sys.LookupEnv, cfg) {
		v := s.Value
		if v == "" {
			v = "(not set)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, v, s.Source)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if err := cfg.RequireHost(); err != nil {
		fmt.Fprintf(sys.Stderr, "note: %v (needed by serve and admin)\n", err)
	}
	return nil
}
