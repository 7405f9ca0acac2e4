package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X .../internal/cli.version=...".
var version = ""

func versionString() string {
	v := version
	if v == "" {
		v = "dev"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += "+" + s.Value[:12]
				}
			}
		}
	}
	return v
}

func runVersion(_ context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Print the version of this binary.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "tidings %s (%s)\n", versionString(), runtime.Version())
	return nil
}
