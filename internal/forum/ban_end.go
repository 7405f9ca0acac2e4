package forum

import (
	"strconv"
	"strings"
	"time"
)

// ParseBanEnd reads when a ban ends as a person writes it: nothing for a
// ban until lifted; a time from now (72h, 30d); a date, the ban ending as
// that day begins (UTC); a date and time as a browser's datetime-local
// field sends it (UTC); or an RFC 3339 time. Whether the end is still to
// come is Moderate's to check.
func ParseBanEnd(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n > 0 && n <= 36500 {
			return now.Add(time.Duration(n) * 24 * time.Hour), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(d), nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01-02T15:04", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, inputErr("expires",
		"%q is not a time: give a date (2030-01-31), a date and time (2030-01-31T18:00, UTC), or a span from now (72h, 30d)", s)
}
