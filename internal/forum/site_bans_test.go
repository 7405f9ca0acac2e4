package forum_test

import (
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// A ban's end is read as admins write it: a length from now, or a date
// and time in UTC unless it says otherwise; anything else is refused with
// a message that shows how.
func TestParseBanEnd(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"":                          {},
		"7d":                        now.AddDate(0, 0, 7),
		" 12h ":                     now.Add(12 * time.Hour),
		"1h30m":                     now.Add(90 * time.Minute),
		"2025-06-01":                time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		"2025-06-01 18:30":          time.Date(2025, 6, 1, 18, 30, 0, 0, time.UTC),
		"2025-06-01T18:30":          time.Date(2025, 6, 1, 18, 30, 0, 0, time.UTC),
		"2025-06-01T18:30:00+02:00": time.Date(2025, 6, 1, 16, 30, 0, 0, time.UTC),
	} {
		got, err := forum.ParseBanEnd(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseBanEnd(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"soon", "7 days", "2025-13-01", "99999999d", "d"} {
		if _, err := forum.ParseBanEnd(in, now); !forum.IsInputError(err) {
			t.Errorf("ParseBanEnd(%q): %v, want a message for the person", in, err)
		}
	}
}
