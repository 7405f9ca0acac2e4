package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/tidings/tidings/internal/forum"
)

// readPassword takes the password from a file ("-" for standard input), or
// generates one when no file is given; generated says to print it once.
func readPassword(sys *IO, file string) (pw string, generated bool, err error) {
	if file == "" {
		pw, err = forum.GeneratePassword()
		return pw, true, err
	}
	var b []byte
	if file == "-" {
		b, err = io.ReadAll(io.LimitReader(sys.Stdin, 4096))
	} else {
		b, err = sys.ReadFile(file)
	}
	if err != nil {
		return "", false, fmt.Errorf("read password file %s: %w", file, err)
	}
	// Only the line ending an editor or echo adds is dropped; other spaces count.
	return strings.TrimRight(string(b), "\r\n"), false, nil
}

func printPassword(sys *IO, name, pw string) {
	fmt.Fprintf(sys.Stdout, "password for %s: %s\n", name, pw)
	fmt.Fprintln(sys.Stdout, "It is shown only this once; store it now.")
}
