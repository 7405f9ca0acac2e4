package forum

import (
	"regexp"
	"strings"
)

// Lemmy's rule for local user and community names, so that our names are
// valid everywhere Lemmy's are.
var nameRE = regexp.MustCompile(`^[a-z0-9_]{3,20}$`)

// CheckName says what is wrong with a new local name, if anything.
func CheckName(kind, name string) error {
	if nameRE.MatchString(name) {
		return nil
	}
	field := kind + " name"
	switch {
	case name == "":
		return inputErr("name", "the %s is missing", field)
	case len(name) < 3 || len(name) > 20:
		return inputErr("name", "the %s %q must be 3 to 20 characters long", field, name)
	case strings.ToLower(name) != name && nameRE.MatchString(strings.ToLower(name)):
		return inputErr("name", "the %s %q must be lower case", field, name)
	}
	return inputErr("name", "the %s %q may only contain a-z, 0-9 and _", field, name)
}
