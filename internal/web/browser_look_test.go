package web_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// lookViewports are a small phone (320 CSS pixels, the narrowest WCAG's
// reflow criterion asks for), a common phone (390) and a laptop (1280).
var lookViewports = []struct{ w, h int }{{320, 640}, {390, 844}, {1280, 900}}

// lookPage is a main page, seen logged out or as alice.
type lookPage struct {
	name, path string
	loggedIn   bool
}

// lookSite seeds what the main pages show (a community with a long name,
// posts, a thread with a reply, a moderator's action) and lists them.
func lookSite(t *testing.T, s *webtest.Server) []lookPage {
	t.Helper()
	ctx := context.Background()
	th := seedBrowserThread(t, s)
	alice := s.User("averylongname_bridge", browserPassword)
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "harbourbridgeferries",
		Title: "Harbour bridge repairs and ferry timetables", Moderator: alice.Name,
		Description: "Everything about the **bridge**: closures, detours, https://www.example.com/a/very/long/link/that/has/no/spaces/at/all/in/it"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID,
			Title: fmt.Sprintf("Ferry timetable for week %d, with the late sailings and the holiday changes", i+1),
			Body:  "Sailings every *twenty* minutes.\n\n`an_unbroken_identifier_that_is_quite_long_indeed_and_keeps_going`"}); err != nil {
			t.Fatal(err)
		}
	}
	lookPictures(t, s, c.ID, alice)
	post := "/post/" + strconv.FormatInt(th.post.ID, 10)
	return []lookPage{
		{"front", "/", false},
		{"community", "/c/" + c.Name, false},
		{"thread", post, false},
		{"thread-in", post, true},
		{"comment", "/comment/" + strconv.FormatInt(th.reply.ID, 10), false},
		{"profile", "/u/" + alice.Name, false},
		{"communities", "/communities", false},
		{"search", "/search?q=ferry", false},
		{"login", "/login", false},
		{"signup", "/signup", false},
		{"modlog", "/modlog", false},
		{"front-in", "/", true},
		{"settings", "/settings", true},
		{"inbox", "/inbox", true},
		{"messages", "/inbox/messages", true},
		{"saved", "/saved", true},
		{"create_post", "/create_post", true},
	}
}

// lookPictures gives the pages their pictures: avatars beside the
// thread's names and on the profile, the community's icon and banner, a
// post's thumbnail in the listings.
func lookPictures(t *testing.T, s *webtest.Server, communityID int64, moderator store.LocalUser) {
	t.Helper()
	ctx := context.Background()
	for i, name := range []string{"alice", "dave", moderator.Name} {
		u, err := s.Store.LocalUserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Forum.SetPersonImage(ctx, u, store.ImageAvatar, bytes.NewReader(mediatest.JPEG(300+i, 300))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Forum.SetPersonImage(ctx, moderator, store.ImageBanner, bytes.NewReader(mediatest.JPEG(1500, 500))); err != nil {
		t.Fatal(err)
	}
	for purpose, pic := range map[string][]byte{store.ImageCommunityIcon: mediatest.PNG(256, 256, false),
		store.ImageCommunityBanner: mediatest.JPEG(1200, 300)} {
		if _, err := s.Forum.SetCommunityImage(ctx, moderator, communityID, purpose, bytes.NewReader(pic)); err != nil {
			t.Fatal(err)
		}
	}
	up, err := s.Forum.UploadImage(ctx, moderator, store.ImagePost, bytes.NewReader(mediatest.Photo(1200, 800)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.CreatePost(ctx, moderator, forum.PostInput{CommunityID: communityID,
		Title: "The ferry at the harbour bridge, from the pier", Image: &up}); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserLook loads every main page at 320, 390 and 1280 pixels wide, in
// the light and the dark scheme, and checks what a reader would notice: no
// page scrolls sideways, and every control is big enough to tap (the rule
// is lookScript's). Each page is saved as a screenshot.
func TestBrowserLook(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	pages := lookSite(t, s)
	br := s.Browser(t)
	out := br.NewTab("visitor", true)
	in := br.NewTab("alice", true)
	lookLogIn(t, in, "alice")
	for _, vp := range lookViewports {
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
				what := fmt.Sprintf("%s at %d px, %s", p.name, vp.w, scheme)
				r := webtest.Eval[lookReport](tab, lookScript)
				if r.ScrollWidth > r.InnerWidth {
					t.Errorf("%s scrolls sideways: %d px wide in %d; too wide:\n  %s",
						what, r.ScrollWidth, r.InnerWidth, strings.Join(r.Wide, "\n  "))
				}
				if len(r.Small) > 0 {
					t.Errorf("%s has %d controls too small to tap:\n  %s", what, len(r.Small), strings.Join(r.Small, "\n  "))
				}
				if r.Targets == 0 {
					t.Errorf("%s: no controls found: the check saw nothing", what)
				}
				tab.Screenshot(fmt.Sprintf("%d-%s-%s", vp.w, scheme, p.name))
			}
		}
	}
}

// lookLogIn logs a seeded account in and waits for the front page.
func lookLogIn(t *testing.T, tab *webtest.Tab, name string) {
	t.Helper()
	tab.Open("/login")
	tab.Fill("#name", name)
	tab.Fill("#password", browserPassword)
	if p := tab.Submit(`form[action="/login"] button[type=submit]`); p != "/" {
		t.Fatalf("after logging in %s is at %s", name, p)
	}
}

type lookReport struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Wide        []string `json:"wide"`
	Small       []string `json:"small"`
	Targets     int      `json:"targets"`
}

// lookScript measures the page. The tap-size rule is WCAG 2.2's 2.5.8
// (Target Size, Minimum, AA): every visible a, button, input, select and
// summary is at least 24×24 CSS pixels, except
//   - inline: a target laid out inline inside a block that also holds
//     text of its own (a letter or digit outside any target), that is, a
//     link within a sentence, whose height the line's text sets;
//   - spacing: an undersized target whose 24-pixel circle, centred on it,
//     touches no other target and no other undersized target's circle.
//
// Visually hidden elements (1 pixel or less, or off the left edge, like
// the skip link until focused) are not targets a finger can hit.
const lookScript = `(() => {
	const vw = window.innerWidth;
	const describe = (el) => {
		const r = el.getBoundingClientRect();
		let s = el.tagName.toLowerCase();
		if (el.id) s += "#" + el.id;
		if (el.className && typeof el.className === "string") s += "." + el.className.trim().split(/\s+/).join(".");
		const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40);
		return s + " " + JSON.stringify(text) + " " + Math.round(r.width) + "×" + Math.round(r.height);
	};
	const report = {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide: [], small: [], targets: 0};
	if (report.scrollWidth > vw) {
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			// The innermost elements that stick out say most.
			if (r.right > vw + 0.5 && el.checkVisibility() &&
				![...el.children].some(c => c.getBoundingClientRect().right > vw + 0.5)) {
				report.wide.push(describe(el) + " right edge at " + Math.round(r.right));
				if (report.wide.length >= 10) break;
			}
		}
	}
	const targetSel = "a[href], button, input:not([type=hidden]), select, summary";
	const targets = [...document.querySelectorAll(targetSel)].map(el => ({el, r: el.getBoundingClientRect()}))
		.filter(({el, r}) => el.checkVisibility() && r.width > 1 && r.height > 1 && r.right > 0);
	report.targets = targets.length;
	const isTarget = (node) => node.parentElement && node.parentElement.closest(targetSel);
	const block = (el) => {
		let b = el.parentElement;
		while (b && getComputedStyle(b).display.startsWith("inline")) b = b.parentElement;
		return b;
	};
	const inSentence = (el) => {
		if (!getComputedStyle(el).display.startsWith("inline") || getComputedStyle(el).display === "inline-block") return false;
		const b = block(el);
		if (!b) return false;
		const walk = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!isTarget(n) && /[\p{L}\p{N}]/u.test(n.textContent)) return true;
		}
		return false;
	};
	const centre = (r) => ({x: r.left + r.width / 2, y: r.top + r.height / 2});
	const distToRect = (p, r) => Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom));
	const small = targets.filter(({r}) => r.width < 23.5 || r.height < 23.5);
	const isSmall = new Set(small.map(s => s.el));
	for (const {el, r} of small) {
		if (inSentence(el)) continue;
		const c = centre(r);
		const crowded = targets.some(o => o.el !== el && !o.el.contains(el) && !el.contains(o.el) &&
			(distToRect(c, o.r) < 12 || (isSmall.has(o.el) && Math.hypot(c.x - centre(o.r).x, c.y - centre(o.r).y) < 24)));
		if (crowded) report.small.push(describe(el));
	}
	return report;
})()`

// TestBrowserFocusVisible tabs through the front page's first controls,
// light and dark, and wants each to show a focus ring a keyboard user
// can see: an outline at least 2 px wide in a colour other than the
// background.
func TestBrowserFocusVisible(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	lookSite(t, s)
	tab := s.Browser(t).NewTab("keyboard", true)
	for _, dark := range []bool{false, true} {
		tab.Emulate(1280, 900, dark)
		tab.Open("/")
		for i := range 6 {
			tab.Do("press Tab", chromedp.KeyEvent("\t"))
			ring := webtest.Eval[string](tab, `(() => {
				const el = document.activeElement, cs = getComputedStyle(el);
				const bg = getComputedStyle(document.body).backgroundColor;
				const ok = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2 && cs.outlineColor !== bg;
				return ok ? "" : el.tagName + " " + JSON.stringify(el.textContent.trim().slice(0, 30)) +
					" outline " + cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor;
			})()`)
			if ring != "" {
				t.Errorf("dark=%v, Tab %d: the focused control shows no ring: %s", dark, i+1, ring)
			}
		}
	}
}

// TestBrowserSortMenu picks a sort from the menu as a reader would: without
// script, with the Show button; with it, the choice alone loads the page.
func TestBrowserSortMenu(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	lookSite(t, s)
	br := s.Browser(t)

	plain := br.NewTab("no-script", false)
	plain.Open("/?type=local")
	plain.Choose("#sort", "new")
	if p := plain.Submit("form.sort-form button[type=submit]"); p != "/?sort=new&type=local" {
		t.Errorf("the Show button led to %s, want /?sort=new&type=local", p)
	}
	if got := webtest.Eval[string](plain, `document.querySelector("#sort").value`); got != "new" {
		t.Errorf("after choosing New the menu shows %q", got)
	}

	js := br.NewTab("script", true)
	js.Open("/")
	if js.Visible("form.sort-form button[type=submit]") {
		t.Error("with script the Show button is still shown")
	}
	ctx, cancel := context.WithTimeout(js.Ctx(), webtest.StepTimeout)
	defer cancel()
	// Typing a letter on the focused menu chooses "Old" and fires change.
	resp, err := chromedp.RunResponse(ctx, chromedp.Focus(chromedp.CSS("#sort")), chromedp.KeyEvent("o"))
	if err != nil || resp == nil || resp.Status != 200 {
		t.Fatalf("choosing a sort with the keyboard loaded no page: %v %v", resp, err)
	}
	if p := js.Path(); p != "/?sort=old&type=all" {
		t.Errorf("choosing Old led to %s, want /?sort=old&type=all", p)
	}
}
