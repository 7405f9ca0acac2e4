package runes_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/runes"
)

// A cut counts characters, not bytes, and never leaves half of one.
func TestCutCountsCharacters(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"harbour", 10, "harbour"},
		{"harbour", 7, "harbour"},
		{"harbour", 4, "harb"},
		{"Zürich Hafen", 3, "Zür"},
		{"日本語のニュース", 3, "日本語"},
		{"🌊🌊🌊", 2, "🌊🌊"},
		{"🌊🌊🌊", 3, "🌊🌊🌊"},
		{"tide", 0, ""},
		{"tide", -1, ""},
		{"", 5, ""},
		{"ab\xffcd", 3, "ab\xff"}, // a byte that is not UTF-8 is one character, as Go ranges it
	} {
		got := runes.Cut(tt.s, tt.n)
		if got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
		if utf8.ValidString(tt.s) && !utf8.ValidString(got) {
			t.Errorf("Cut(%q, %d) = %q splits a character", tt.s, tt.n, got)
		}
	}
	long := strings.Repeat("é", 5000)
	if got := runes.Cut(long, 4000); utf8.RuneCountInString(got) != 4000 || !utf8.ValidString(got) {
		t.Errorf("Cut of 5000 é to 4000: %d characters, valid %v", utf8.RuneCountInString(got), utf8.ValidString(got))
	}
}
