// Package web holds the HTML templates and static files, embedded so that
// the binary is all a server needs.
package web

import "embed"

// Templates holds layout.html, the partials and one file per page.
//
//go:embed templates
var Templates embed.FS

// Static holds the stylesheet and other files served under /static/.
//
//go:embed static
var Static embed.FS
