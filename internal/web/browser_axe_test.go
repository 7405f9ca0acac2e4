package web_test

import (
	"testing"

	"github.com/tidings/tidings/internal/web/webtest"
)

// TestBrowserAxe runs axe-core on every main page, light and dark, on a
// phone and a laptop, and wants no violation at all.
func TestBrowserAxe(t *testing.T) {
	t.Parallel()
	axe := webtest.AxeScript(t)
	s := webtest.Start(t)
	pages := lookSite(t, s)
	br := s.Browser(t)
	out := br.NewTab("visitor", true)
	in := br.NewTab("alice", true)
	lookLogIn(t, in, "alice")
	for _, vp := range []struct{ w, h int }{{390, 844}, {1280, 900}} {
		for _, dark := range []bool{false, true} {
			scheme := map[bool]string{false: "light", true: "dark"}[dark]
			out.Emulate(vp.w, vp.h, dark)
			in.Emulate(vp.w, vp.h, dark)
			for _, p := range pages {
				tab := out
				if p.loggedIn {
					tab = in
				}
				tab.Open(p.path)
				for _, v := range tab.Axe(axe) {
					t.Errorf("%s at %d px, %s: %s", p.name, vp.w, scheme, v)
				}
			}
		}
	}
}
