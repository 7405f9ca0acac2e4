// Command tidings is the whole server: the HTTP server, migrations and the
// admin CLI.
package main

import (
	"os"

	"github.com/tidings/tidings/internal/cli"
)

func main() {
	cli.Run(os.Args)
}
