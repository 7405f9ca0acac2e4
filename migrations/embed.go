// Package migrations holds the SQL that builds Tidings' schema, one
// golang-migrate pair per change, embedded so the binary migrates itself.
package migrations

import "embed"

// FS holds every NNNNNN_name.up.sql and .down.sql file.
//
//go:embed *.sql
var FS embed.FS
