package activitypub_test

import (
	"errors"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// Every spelling of one server names one instance.
func TestDomainSpellings(t *testing.T) {
	t.Parallel()
	for want, spellings := range map[string][]string{
		"lemmy.example": {"https://lemmy.example/u/a", "https://LEMMY.Example/u/a", "HTTPS://lemmy.example./u/a",
			"https://lemmy.example:443/u/a", "https://lemmy.example:0443/u/a", "http://lemmy.example:80/u/a",
			"https://bob@lemmy.example/u/a"},
		"lemmy.example:8536": {"http://lemmy.example:8536/c/x", "http://Lemmy.Example.:08536/c/x"},
		"lemmy.example:443":  {"http://lemmy.example:443/"},
		"xn--bcher-kva.example": {"https://bücher.example/u/a", "https://BÜCHER.example/u/a",
			"https://xn--bcher-kva.example/u/a", "https://XN--BCHER-KVA.example./u/a"},
		"example.org": {"https://ｅｘａｍｐｌｅ.org/", "https://example。org/"},
		"127.0.0.5": {"http://127.0.0.5/u/a", "http://[::ffff:127.0.0.5]/u/a", "http://[::FFFF:7f00:5]/u/a",
			"http://127.5/u/a", "http://0x7f.0.0.5/u/a", "http://0177.0.0.05/u/a", "http://2130706437/u/a",
			"http://127.0.0.5./u/a", "http://１２７.０.０.５/u/a"},
		"127.0.0.5:8080":      {"http://[::ffff:127.0.0.5]:8080/u/a", "http://127.0.0.5:8080/u/a", "http://127.0.5:8080/"},
		"[2001:db8::1]":       {"https://[2001:DB8::1]/", "https://[2001:0db8:0000:0000:0000:0000:0000:0001]:443/"},
		"[::1]:8536":          {"http://[::1]:8536/", "http://[0:0::1]:8536/"},
		"under_score.example": {"http://Under_Score.example/"},
	} {
		for _, s := range spellings {
			if got := ap.Domain(s); got != want {
				t.Errorf("Domain(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "/u/a", "not a url", "https:///u/a", "http://exa mple/", "http://256.0.0.1/",
		"http://1.2.3.4.5/", "http://example.123/", "http://0x1g.1/", "http://lemmy.example:99999/",
		"http://[127.0.0.1]/", "http://xn--bcher_kva.exämple/"} {
		if got := ap.Domain(s); got != "" {
			t.Errorf("Domain(%q) = %q, want none", s, got)
		}
	}
}

func TestCanonicalHost(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Lemmy.Example.":          "lemmy.example",
		" lemmy.example:443 ":     "lemmy.example",
		"lemmy.example:80":        "lemmy.example",
		"lemmy.example:08536":     "lemmy.example:8536",
		"BÜCHER.example":          "xn--bcher-kva.example",
		"[::FFFF:127.0.0.5]:8080": "127.0.0.5:8080",
		"[::ffff:127.0.0.5]":      "127.0.0.5",
		"127.5":                   "127.0.0.5",
		"[2001:DB8:0::1]":         "[2001:db8::1]",
		"[fd00::5]:8536":          "[fd00::5]:8536",
	} {
		if got, err := ap.CanonicalHost(in); err != nil || got != want {
			t.Errorf("CanonicalHost(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, says := range map[string]string{
		"":                     "empty",
		"::1":                  "brackets",
		"lemmy.example:":       "no port",
		"lemmy.example:0":      "port",
		"lemmy.example:http":   "port",
		"lemmy.example:8536:1": "more than one colon",
		"[lemmy.example]":      "only an IPv6 address",
		"999.0.0.1":            "not an IPv4 address",
	} {
		_, err := ap.CanonicalHost(in)
		if !errors.Is(err, ap.ErrBadHost) || !strings.Contains(err.Error(), says) {
			t.Errorf("CanonicalHost(%q) = %v, want ErrBadHost saying %q", in, err, says)
		}
	}
}

// Two spellings of one server are one origin, so that an actor at one and
// its activity at the other are not refused; schemes still differ.
func TestSameOriginAcrossSpellings(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"http://[::ffff:127.0.0.5]:8080/u/a", "http://127.0.0.5:8080/activities/1", true},
		{"https://bücher.example/u/a", "https://xn--bcher-kva.example/post/1", true},
		{"https://lemmy.example./u/a", "https://lemmy.example/post/1", true},
		{"http://[::ffff:127.0.0.5]:8080/u/a", "https://127.0.0.5:8080/u/a", false},
		{"http://127.0.0.5/u/a", "http://127.0.0.6/u/a", false},
		{"http://256.0.0.1/u/a", "http://256.0.0.1/u/a", false},
	} {
		if got := ap.SameOrigin(tt.a, tt.b); got != tt.want {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCanonicalURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://BÜCHER.example:443/inbox":     "https://xn--bcher-kva.example/inbox",
		"http://[::ffff:127.0.0.5]:8080/inbox": "http://127.0.0.5:8080/inbox",
		"https://lemmy.example/inbox?x=1":      "https://lemmy.example/inbox?x=1",
		"not a url":                            "not a url",
	} {
		if got := ap.CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}
