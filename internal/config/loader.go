package config

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// loader collects every problem instead of stopping at the first, so one
// run of `tidings config` shows all that needs fixing.
type loader struct {
	env      Env
	readFile ReadFile
	errs     []error
}

func (l *loader) fail(name, msg string) {
	l.errs = append(l.errs, fmt.Errorf("%s %s", name, msg))
}

func defaultOf(name string) string {
	for _, v := range Variables {
		if v.Name == name {
			return v.Default
		}
	}
	return ""
}

func (l *loader) str(name string) string {
	if v, ok := l.env(name); ok && v != "" {
		return strings.TrimSpace(v)
	}
	return defaultOf(name)
}

// secret reads NAME or, for container secrets, the file named by NAME_FILE.
func (l *loader) secret(name string) string {
	file, hasFile := l.env(name + "_FILE")
	direct, hasDirect := l.env(name)
	switch {
	case hasFile && hasDirect && direct != "":
		l.fail(name, "and "+name+"_FILE are both set; set only one")
		return ""
	case hasFile:
		b, err := l.readFile(file)
		if err != nil {
			l.fail(name+"_FILE", fmt.Sprintf("names %q, which cannot be read: %v", file, err))
			return ""
		}
		return strings.TrimSpace(string(b))
	}
	return l.str(name)
}

func (l *loader) boolean(name string) bool {
	s := l.str(name)
	b, err := strconv.ParseBool(s)
	if err != nil {
		l.fail(name, fmt.Sprintf("%q must be true or false", s))
	}
	return b
}

func (l *loader) level(name string) slog.Level {
	s := l.str(name)
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(s)); err != nil {
		l.fail(name, fmt.Sprintf("%q must be debug, info, warn or error", s))
	}
	return lv
}

// duration reads a Go duration such as 1m or 250ms, which must lie
// within [lo, hi].
func (l *loader) duration(name string, lo, hi time.Duration) time.Duration {
	s := l.str(name)
	d, err := time.ParseDuration(s)
	if err != nil {
		l.fail(name, fmt.Sprintf("%q must be a duration such as 1m or 250ms", s))
		return 0
	}
	if d < lo || d > hi {
		l.fail(name, fmt.Sprintf("%q must be between %s and %s", s, lo, hi))
	}
	return d
}
