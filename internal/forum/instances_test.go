package forum_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

func TestInstanceHost(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"lemmy.example.org": "lemmy.example.org", "Lemmy.Example.ORG": "lemmy.example.org",
		" mbin.example ": "mbin.example", "127.0.0.1:8536": "127.0.0.1:8536", "localhost": "localhost",
		"[::1]:8080": "[::1]:8080", "[fd00::5]": "[fd00::5]", "xn--bcher-kva.example": "xn--bcher-kva.example",
	} {
		if got, err := forum.InstanceHost(in); err != nil || got != want {
			t.Errorf("InstanceHost(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, says := range map[string]string{
		"":                      "empty",
		"https://lemmy.example": "without scheme",
		"lemmy.example/c/x":     "without scheme",
		"bob@lemmy.example":     "without scheme",
		"lemmy.example:0":       "port",
		"lemmy.example:99999":   "port",
		"lemmy.example:http":    "port",
		"-bad.example":          "a-z, 0-9 and -",
		"bad..example":          "a-z, 0-9 and -",
		"under_score.example":   "a-z, 0-9 and -",
		"::1":                   "brackets",
		strings.Repeat("a", 64): "a-z, 0-9 and -",
		"ex ample.org":          "without scheme",
		"lemmy.example:8536:1":  "more than one colon",
	} {
		_, err := forum.InstanceHost(in)
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("InstanceHost(%q) = %v, want an error saying %q", in, err, says)
		}
	}
}
