package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// sessionCookie is the session cookie a response sets, or nil.
func sessionCookie(t *testing.T, r webtest.Response) *http.Cookie {
	t.Helper()
	for _, line := range r.Header.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			t.Fatalf("Set-Cookie %q: %v", line, err)
		}
		if c.Name == "tidings_session" {
			return c
		}
	}
	return nil
}

// wantSessionCookie checks that a fresh log-in cookie is set as it must be.
func wantSessionCookie(t *testing.T, r webtest.Response) *http.Cookie {
	t.Helper()
	c := sessionCookie(t, r)
	switch {
	case c == nil || c.Value == "":
		t.Fatalf("no session cookie set: %q", r.Header.Values("Set-Cookie"))
	case !c.HttpOnly:
		t.Errorf("session cookie is not HttpOnly: %s", c)
	case c.SameSite != http.SameSiteLaxMode:
		t.Errorf("session cookie is not SameSite=Lax: %s", c)
	case c.Path != "/":
		t.Errorf("session cookie path %q", c.Path)
	case c.MaxAge < 0:
		t.Errorf("session cookie expires at once: %s", c)
	}
	return c
}

// wantNoSession checks that a response starts no session.
func wantNoSession(t *testing.T, r webtest.Response) {
	t.Helper()
	if c := sessionCookie(t, r); c != nil && c.Value != "" {
		t.Errorf("a session cookie was set: %s", c)
	}
}

// withCookie is a new browser holding only the given session token.
func withCookie(t *testing.T, s *webtest.Server, token string) *webtest.Client {
	t.Helper()
	c := s.NewClient()
	u, _ := url.Parse(s.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "tidings_session", Value: token, Path: "/"}})
	return c
}

func TestSignup(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	c := s.NewClient()
	r := c.Post("/signup", form("name", "  newcomer ", "password", password, "password_again", password))
	wantRedirect(t, r, "/")
	wantSessionCookie(t, r)
	home := c.Get("/")
	wantContains(t, home.Body, `<a href="/u/newcomer">newcomer</a>`, `action="/logout"`)
	wantNotContains(t, home.Body, `href="/signup"`)
	u, err := s.Store.LocalUserByName(t.Context(), "newcomer")
	if err != nil {
		t.Fatal(err)
	}
	if !u.Accepted || u.Admin || u.PasswordHash == password || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Errorf("stored account: accepted %v admin %v hash %q", u.Accepted, u.Admin, u.PasswordHash)
	}
	wantStatus(t, s.NewClient().Get("/u/newcomer"), http.StatusOK)
}

// Each refused sign-up says why, shows the form again with the name, never
// echoes the password and creates nothing. Each case has its own server,
// since sign-ups are rate-limited per address.
func TestSignupRefused(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		user, pw, pw2 string
		status        int
		msg           string
	}{
		{"taken name", "alice", password, password, 422, `A user named "alice" already exists`},
		{"taken name in other case", "Alice", password, password, 422, `The user name "Alice" must be lower case`},
		{"taken name in upper case", "ALICE", password, password, 422, `must be lower case`},
		{"no name", "", password, password, 422, "The user name is missing"},
		{"short name", "ab", password, password, 422, `The user name "ab" must be 3 to 20 characters long`},
		{"long name", repeat("n", 21), password, password, 422, "must be 3 to 20 characters long"},
		{"space in name", "two words", password, password, 422, "may only contain a-z, 0-9 and _"},
		{"dash in name", "my-name", password, password, 422, "may only contain a-z, 0-9 and _"},
		{"accented name", "zoë_fan", password, password, 422, "may only contain a-z, 0-9 and _"},
		{"mismatched passwords", "newcomer", password, password + "!", 422, "The two passwords differ."},
		{"short password", "newcomer", "Qz9#x", "Qz9#x", 422, "The password is too short: use at least 10 characters"},
		{"long password", "newcomer", repeat("p", 61), repeat("p", 61), 422, "The password is too long: use at most 60 characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := webtest.Start(t)
			s.User("alice", password)
			before := snap(t, s)
			r := s.NewClient().Post("/signup", form("name", tc.user, "password", tc.pw, "password_again", tc.pw2))
			wantError(t, r, tc.status, tc.msg)
			wantNoSession(t, r)
			wantContains(t, r.Body, `<form method="post" action="/signup"`, `name="name" value="`+strings.TrimSpace(tc.user)+`"`)
			wantNotContains(t, r.Body, tc.pw)
			before.unchanged(t, s)
		})
	}
}

func TestSignupWhenClosed(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	closed := store.RegistrationClosed
	if err := s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{RegistrationMode: &closed}); err != nil {
		t.Fatal(err)
	}
	c := s.NewClient()
	r := c.Get("/signup")
	wantStatus(t, r, http.StatusForbidden)
	wantContains(t, r.Body, "Sign-ups are closed on Tidings.")
	wantNotContains(t, r.Body, `action="/signup"`)
	wantNotContains(t, c.Get("/login").Body, "No account?")

	before := snap(t, s)
	r = c.Post("/signup", form("name", "newcomer", "password", password, "password_again", password))
	if r.Status < 400 || r.Status > 499 {
		t.Errorf("status %d, want 4xx", r.Status)
	}
	wantContains(t, r.Body, "Sign-ups are closed on this site")
	wantNoSession(t, r)
	before.unchanged(t, s)
}

func TestSignupNeedsApproval(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	mode, question := store.RegistrationRequireApproval, "Which river runs through your town?"
	if err := s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{RegistrationMode: &mode, ApplicationQuestion: &question}); err != nil {
		t.Fatal(err)
	}
	c := s.NewClient()
	r := c.Get("/signup")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, question, `name="answer"`)

	before := snap(t, s)
	r = c.Post("/signup", form("name", "newcomer", "password", password, "password_again", password, "answer", "  "))
	wantError(t, r, http.StatusUnprocessableEntity, "This site asks new members to answer its question")
	wantNoSession(t, r)
	before.unchanged(t, s)

	r = c.Post("/signup", form("name", "newcomer", "password", password, "password_again", password, "answer", "The Thames"))
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "Thank you, newcomer.", "Your application was sent to the admins of Tidings; you can log in once they accept it.")
	wantNoSession(t, r)
	u, err := s.Store.LocalUserByName(t.Context(), "newcomer")
	if err != nil {
		t.Fatalf("the account was not created: %v", err)
	}
	if u.Accepted {
		t.Error("the account was accepted without approval")
	}
	if n := count(t, s, "SELECT count(*) FROM registration_applications WHERE person_id = $1 AND answer = 'The Thames'", u.ID); n != 1 {
		t.Errorf("%d applications stored, want 1", n)
	}
	// It cannot log in yet, and is told why, with its answer.
	r = c.Post("/login", form("name", "newcomer", "password", password))
	wantError(t, r, http.StatusForbidden, "Your application waits for an admin")
	wantContains(t, r.Body, `<blockquote class="text">The Thames</blockquote>`)
	wantNoSession(t, r)
	// A wrong password learns nothing of the application.
	r = c.Post("/login", form("name", "newcomer", "password", password+"!"))
	wantError(t, r, http.StatusUnauthorized, "Wrong name or password")
	wantNotContains(t, r.Body, "The Thames", "Your application")
	wantLoginRedirect(t, c.Get("/settings"), "/settings")
}

func TestLogin(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	s.User("alice", password)
	c := s.NewClient()
	wantContains(t, c.Get("/login").Body, `name="return" value="/"`)

	r := c.Post("/login", form("name", "alice", "password", password))
	wantRedirect(t, r, "/")
	wantSessionCookie(t, r)
	wantStatus(t, c.Get("/settings"), http.StatusOK)
	if n := count(t, s, "SELECT count(*) FROM sessions"); n != 1 {
		t.Errorf("%d sessions stored, want 1", n)
	}
	// Names are not case-sensitive when logging in, and the page asked for
	// comes back.
	c2 := s.NewClient()
	wantContains(t, c2.Get("/login?return=%2Fc%2Fnews%3Fsort%3Dnew").Body, `name="return" value="/c/news?sort=new"`)
	r = c2.Post("/login", form("name", " ALICE ", "password", password, "return", "/c/news?sort=new"))
	wantRedirect(t, r, "/c/news?sort=new")
	wantSessionCookie(t, r)
}

func TestLoginRefused(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	s.User("alice", password)
	for _, tc := range []struct{ name, user, pw string }{
		{"wrong password", "alice", "not the password"},
		{"unknown user", "nobody", password},
		{"empty password", "alice", ""},
		{"empty name", "", password},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := s.NewClient()
			r := c.Post("/login", form("name", tc.user, "password", tc.pw))
			wantError(t, r, http.StatusUnauthorized, "Wrong name or password")
			wantNoSession(t, r)
			wantContains(t, r.Body, `<form method="post" action="/login"`, `name="name" value="`+tc.user+`"`)
			if tc.pw != "" {
				wantNotContains(t, r.Body, tc.pw)
			}
			wantLoginRedirect(t, c.Get("/settings"), "/settings")
		})
	}
	if n := count(t, s, "SELECT count(*) FROM sessions"); n != 0 {
		t.Errorf("%d sessions stored, want 0", n)
	}
}

// A log-in never sends the browser to another site, whatever return says.
func TestLoginReturnStaysOnSite(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	// Log-ins are rate-limited per name, so the cases take turns.
	names := []string{"alice", "bob"}
	for _, n := range names {
		s.User(n, password)
	}
	for i, back := range []string{
		"https://evil.example", "https://evil.example/", "//evil.example", "//evil.example/path",
		`/\evil.example`, `\\evil.example`, "http:evil.example", "javascript:alert(1)", "evil.example",
		"/\t/evil.example", "///evil.example", "https://evil.example//evil.example",
	} {
		t.Run(back, func(t *testing.T) {
			c := s.NewClient()
			page := c.Get("/login?return=" + url.QueryEscape(back))
			wantStatus(t, page, http.StatusOK)
			r := c.Post("/login", form("name", names[i%len(names)], "password", password, "return", back))
			if r.Status != http.StatusSeeOther {
				t.Fatalf("status %d", r.Status)
			}
			switch back {
			case "https://evil.example", "https://evil.example/", "//evil.example", `/\evil.example`, "javascript:alert(1)":
				if r.Location != "/" {
					t.Errorf("return %q led to %q, want /", back, r.Location)
				}
			}
			for _, loc := range []string{r.Location, hiddenReturn(t, page.Body)} {
				u, err := url.Parse(loc)
				if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(loc, "/") ||
					strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) || strings.Contains(loc, "evil.example") {
					t.Errorf("return %q leads off the site, to %q", back, loc)
				}
			}
		})
	}
}

var hiddenReturnRE = regexp.MustCompile(`<input type="hidden" name="return" value="([^"]*)">`)

func hiddenReturn(t *testing.T, body string) string {
	t.Helper()
	m := hiddenReturnRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no return field\n%s", excerpt(body))
	}
	return html.UnescapeString(m[1])
}

func TestLogout(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	s.User("alice", password)
	c := s.NewClient()
	token := wantSessionCookie(t, c.Post("/login", form("name", "alice", "password", password))).Value

	r := c.Post("/logout", nil)
	wantRedirect(t, r, "/")
	if ck := sessionCookie(t, r); ck == nil || ck.MaxAge >= 0 || ck.Value != "" {
		t.Errorf("log-out does not clear the cookie: %v", ck)
	}
	wantLoginRedirect(t, c.Get("/settings"), "/settings")
	wantContains(t, c.Get("/").Body, `href="/signup"`)
	if n := count(t, s, "SELECT count(*) FROM sessions"); n != 0 {
		t.Errorf("%d sessions left after log-out", n)
	}
	// The old token is dead on the server, not just forgotten by the browser.
	stale := withCookie(t, s, token)
	r = stale.Get("/settings")
	wantLoginRedirect(t, r, "/settings")
	if ck := sessionCookie(t, r); ck == nil || ck.MaxAge >= 0 {
		t.Errorf("a dead session's cookie is not cleared: %v", ck)
	}
	// Logging out again, or without a session, is harmless.
	wantLoginRedirect(t, c.Post("/logout", nil), "/")
}

func TestBannedUser(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	p := w.post(t, w.alice, "A post", "")
	wantStatus(t, bobc.Get("/settings"), http.StatusOK)

	if _, err := w.s.Forum.BanUser(t.Context(), "bob", "spam"); err != nil {
		t.Fatal(err)
	}
	// The live session stops working at once.
	wantLoginRedirect(t, bobc.Get("/settings"), "/settings")
	before := snap(t, w.s)
	wantLoginRedirect(t, bobc.Post("/post/"+id(p.ID)+"/vote", form("score", "1")), "/")
	wantLoginRedirect(t, bobc.Post("/post/"+id(p.ID)+"/comment", form("body", "still here")), "/")
	before.unchanged(t, w.s)
	// And a new log-in is refused, saying why.
	r := w.s.NewClient().Post("/login", form("name", "bob", "password", password))
	wantError(t, r, http.StatusUnauthorized, "This account is banned: spam")
	wantNoSession(t, r)
	// The profile says so.
	wantContains(t, w.s.NewClient().Get("/u/bob").Body, `<span class="tag">Banned</span>`)
}

// A ban recorded without ending sessions (as a federated ban is) still
// stops a live session.
func TestBanEndsSessionEvenIfSessionsRemain(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	carol, carolc := w.user(t, "carol")
	if err := w.s.Store.SetPersonBanned(t.Context(), carol.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if n := count(t, w.s, "SELECT count(*) FROM sessions WHERE person_id = $1", carol.ID); n != 1 {
		t.Fatalf("%d sessions, want the one still there", n)
	}
	wantLoginRedirect(t, carolc.Get("/settings"), "/settings")
	wantNotContains(t, carolc.Get("/").Body, `href="/u/carol"`)
}

// Pages for members send visitors to log in and back.
func TestAnonymousIsSentToLogin(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "A post", "")
	c := w.comment(t, w.alice, p.ID, 0, "a comment")
	anon := w.s.NewClient()
	for _, path := range []string{"/create_post", "/create_post?community=news", "/settings", "/create_community",
		"/post/" + id(p.ID) + "/edit", "/comment/" + id(c.ID) + "/edit"} {
		wantLoginRedirect(t, anon.Get(path), path)
	}
	before := snap(t, w.s)
	posts := []struct {
		path string
		form url.Values
	}{
		{"/post/" + id(p.ID) + "/vote", form("score", "1")},
		{"/comment/" + id(c.ID) + "/vote", form("score", "-1")},
		{"/post/" + id(p.ID) + "/comment", form("body", "anonymous words")},
		{"/create_post", form("community", id(w.comm.ID), "title", "anonymous post")},
		{"/create_community", form("name", "anon", "title", "Anon")},
		{"/c/news/subscribe", nil},
		{"/post/" + id(p.ID) + "/delete", nil},
		{"/comment/" + id(c.ID) + "/edit", form("body", "defaced")},
		{"/settings", form("display_name", "x", "default_sort", "hot", "default_listing", "all")},
	}
	for _, tc := range posts {
		r := anon.Post(tc.path, tc.form)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login?return=") {
			t.Errorf("anonymous POST %s: %d to %q, want 303 to /login", tc.path, r.Status, r.Location)
		}
	}
	before.unchanged(t, w.s)
	// The page the form was on is where the log-in leads back to.
	r := anon.PostWithHeaders("/post/"+id(p.ID)+"/vote", form("score", "1"), http.Header{
		"Sec-Fetch-Site": {"same-origin"}, "Origin": {w.s.URL}, "Referer": {w.s.URL + "/post/" + id(p.ID) + "?sort=new"},
	})
	wantLoginRedirect(t, r, "/post/"+id(p.ID)+"?sort=new")
	// A foreign Referer is not a place to return to.
	r = anon.PostWithHeaders("/post/"+id(p.ID)+"/vote", form("score", "1"), http.Header{
		"Sec-Fetch-Site": {"same-origin"}, "Origin": {w.s.URL}, "Referer": {"https://evil.example//evil.example/x"},
	})
	wantLoginRedirect(t, r, "/")

	// Following the redirect and logging in comes back to the page.
	r = anon.Get("/create_post?community=news")
	back, err := url.Parse(r.Location)
	if err != nil {
		t.Fatal(err)
	}
	r = anon.Post("/login", form("name", "alice", "password", password, "return", back.Query().Get("return")))
	wantRedirect(t, r, "/create_post?community=news")
}

// Forms sent from another site are refused before they do anything.
func TestCrossSiteFormsRefused(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob := w.s.User("bob", password)
	p := w.post(t, bob, "Bob's post", "bob's body")
	c := w.comment(t, bob, p.ID, 0, "bob's comment")
	mine := w.post(t, w.alice, "Alice's post", "alice's body")
	pp, cp := "/post/"+id(p.ID), "/comment/"+id(c.ID)

	cases := []struct {
		name, path string
		form       url.Values
	}{
		{"create post", "/create_post", form("community", id(w.comm.ID), "title", "forged post")},
		{"comment", pp + "/comment", form("body", "forged comment")},
		{"reply", pp + "/comment", form("body", "forged reply", "parent", id(c.ID))},
		{"post vote", pp + "/vote", form("score", "-1")},
		{"comment vote", cp + "/vote", form("score", "-1")},
		{"settings", "/settings", form("display_name", "pwned", "bio", "pwned", "default_sort", "new", "default_listing", "local")},
		{"logout", "/logout", nil},
		{"subscribe", "/c/news/subscribe", nil},
		{"create community", "/create_community", form("name", "forged", "title", "Forged")},
		{"edit post", "/post/" + id(mine.ID) + "/edit", form("title", "forged title")},
		{"delete post", "/post/" + id(mine.ID) + "/delete", nil},
		{"login", "/login", form("name", "bob", "password", password)},
		{"signup", "/signup", form("name", "forged", "password", password, "password_again", password)},
	}
	headers := map[string]http.Header{
		"cross-site":  crossSite(),
		"same-site":   {"Sec-Fetch-Site": {"same-site"}, "Origin": {"https://sub.evil.example"}},
		"origin only": {"Origin": {"https://evil.example"}},
	}
	for _, tc := range cases {
		for hname, h := range headers {
			t.Run(tc.name+"/"+hname, func(t *testing.T) {
				before := snap(t, w.s)
				sessions := count(t, w.s, "SELECT count(*) FROM sessions")
				r := w.c.PostWithHeaders(tc.path, tc.form, h)
				wantStatus(t, r, http.StatusForbidden)
				wantNoSession(t, r)
				before.unchanged(t, w.s)
				if n := count(t, w.s, "SELECT count(*) FROM sessions"); n != sessions {
					t.Errorf("sessions %d → %d", sessions, n)
				}
			})
		}
	}
	// Alice is still logged in and nothing of hers changed.
	wantStatus(t, w.c.Get("/settings"), http.StatusOK)
	u, err := w.s.Store.LocalUserByID(t.Context(), w.alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u.DisplayName != "" || u.Bio != "" || u.DefaultSort != "hot" {
		t.Errorf("settings changed: %q %q %q", u.DisplayName, u.Bio, u.DefaultSort)
	}
	if got := getPost(t, w.s, mine.ID); got.Title != "Alice's post" || got.Deleted {
		t.Errorf("post changed: %+v", got)
	}
	if got := getPost(t, w.s, p.ID); got.Score != 1 {
		t.Errorf("bob's post score %d, want 1", got.Score)
	}
	// The same forms from our own pages work.
	wantRedirect(t, w.c.Post(pp+"/vote", form("score", "-1")), "/#p"+id(p.ID))
}
