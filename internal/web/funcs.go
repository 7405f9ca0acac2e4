package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// funcs are the helpers templates may call. localHost tells local names
// (shown bare) from remote ones (shown as name@host, as Lemmy does).
func funcs(localHost string) template.FuncMap {
	n := names{localHost: localHost}
	return template.FuncMap{
		"icon":       icon,
		"iconsprite": iconSprite,
		"reltime":    relTime,
		"isotime":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"exacttime":  func(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 UTC") },
		"domain":     linkDomain,
		"language":   forum.LanguageName,
		"plural":     plural,
		// trusted marks HTML that was sanitized when it was stored.
		"trusted":       func(s string) template.HTML { return template.HTML(s) }, //nolint:gosec // sanitized on write
		"handle":        n.handle,
		"userpath":      n.userPath,
		"communitypath": n.communityPath,
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"add":      func(a, b int) int { return a + b },
		"int":      func(n int64) int { return int(n) },
		"list":     func(s ...string) []string { return s },
		"listings": func() []string { return []string{"all", "local", "subscribed"} },
		"sortname": func(s string) string {
			return strings.ToUpper(s[:1]) + strings.ReplaceAll(s[1:], "_", " ")
		},
	}
}

// relTime says how long ago, as Lemmy's pages do ("6 months ago").
func relTime(t time.Time) string {
	d := time.Since(t)
	if d < 0 {
		d = 0
	}
	unit := func(n int, name string) string {
		if n == 1 {
			return "1 " + name + " ago"
		}
		return fmt.Sprintf("%d %ss ago", n, name)
	}
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return unit(int(d/time.Minute), "minute")
	case d < 24*time.Hour:
		return unit(int(d/time.Hour), "hour")
	case d < 30*24*time.Hour:
		return unit(int(d/(24*time.Hour)), "day")
	case d < 365*24*time.Hour:
		return unit(int(d/(30*24*time.Hour)), "month")
	}
	return unit(int(d/(365*24*time.Hour)), "year")
}

// linkDomain is the host a link post points to, without "www.".
func linkDomain(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
