package web

import "testing"

func TestSafeReturnStaysOnSite(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/post/3#c4":                   "/post/3#c4",
		"/?sort=new&type=local":        "/?sort=new&type=local",
		"https://evil.example/x":       "/x",
		"//evil.example":               "/",
		"/./%5Cevil.com":               "/",
		`/a/../\evil.com`:              "/",
		`/\evil.com`:                   "/",
		"javascript:alert(1)":          "/",
		"evil.example":                 "/",
		"/ok\r\nSet-Cookie: x=1":       "/",
		"https://evil.example//evil.x": "/",
	} {
		if got := safeReturn(in, "/"); got != want {
			t.Errorf("safeReturn(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStorable(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"plain": true, "ünïcødé ✓": true, "nul\x00byte": false, "bad\xffutf8": false} {
		if got := storable(in); got != want {
			t.Errorf("storable(%q) = %v", in, got)
		}
	}
}
