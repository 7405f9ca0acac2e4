package web_test

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// requireApproval puts the site in require_approval mode with a question.
func (w *adminWorld) requireApproval(t *testing.T) {
	t.Helper()
	mode, question := store.RegistrationRequireApproval, "Which river runs through your town?"
	if err := w.s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{RegistrationMode: &mode, ApplicationQuestion: &question}); err != nil {
		t.Fatal(err)
	}
}

// apply signs name up as the sign-up form does (without its rate limit).
func (w *adminWorld) apply(t *testing.T, name, answer string) {
	t.Helper()
	if _, err := w.s.Forum.Register(t.Context(), forum.SignUp{Name: name, Password: password, Answer: answer}); err != nil {
		t.Fatalf("sign up %s: %v", name, err)
	}
}

// applicationStates is every application as the database holds it, to
// tell that a refusal changed nothing.
func applicationStates(t *testing.T, w *adminWorld) string {
	t.Helper()
	rows, err := w.s.Pool.Query(t.Context(), `SELECT p.name, u.accepted, coalesce(a.deny_reason, ''), a.decided_at IS NOT NULL
		FROM registration_applications a JOIN local_users u USING (person_id) JOIN people p ON p.id = a.person_id ORDER BY a.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var name, reason string
		var accepted, decided bool
		if err := rows.Scan(&name, &accepted, &reason, &decided); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s accepted=%v decided=%v reason=%q\n", name, accepted, decided, reason)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var applicationNameRE = regexp.MustCompile(`<li class="application" id="application-([a-z0-9_]+)">`)

func applicationNames(body string) []string {
	var out []string
	for _, m := range applicationNameRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestApplicationsApproveAndDeny(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	w.requireApproval(t)
	w.apply(t, "alice", "The Thames.\nI row on it every morning.")
	w.apply(t, "mallory", xss)
	w.apply(t, "carol", "The Avon")

	// The admin's header counts them, on every page; nobody else's does.
	wantContains(t, w.ac.Get("/").Body, `<a class="badge" href="/admin/applications" title="Sign-ups that wait for an admin">3 applications</a>`)
	wantNotContains(t, w.bc.Get("/").Body, "applications</a>")

	r := w.ac.Get("/admin/applications")
	wantStatus(t, r, http.StatusOK)
	wantSafe(t, r.Body)
	if got := applicationNames(r.Body); strings.Join(got, ",") != "alice,mallory,carol" {
		t.Errorf("the queue lists %v, want the oldest first", got)
	}
	wantContains(t, r.Body, `<blockquote class="text answer">The Thames.
I row on it every morning.</blockquote>`, xssEscaped, "Waiting (3)", `action="/admin/applications/approve"`,
		`<input type="hidden" name="name" value="alice">`, `<label for="reason-alice">`)
	if !regexp.MustCompile(`Applied <time datetime="\d{4}-\d\d-\d\dT[^"]+Z" title="[^"]+">just now</time>`).MatchString(r.Body) {
		t.Errorf("the application's date is missing\n%s", excerpt(r.Body))
	}

	r = w.ac.Post("/admin/applications/approve", form("name", "alice"))
	wantRedirect(t, r, "/admin/applications?approved=alice")
	r = w.ac.Get(r.Location)
	wantContains(t, r.Body, "The application of alice is approved: they can log in now.", "Waiting (2)")
	wantNotContains(t, r.Body, `id="application-alice"`)

	const reason = "Your answer was a script, not an answer."
	r = w.ac.Post("/admin/applications/deny", form("name", "mallory", "reason", reason))
	wantRedirect(t, r, "/admin/applications?denied=mallory")
	wantContains(t, w.ac.Get(r.Location).Body, "The application of mallory is denied.", "Waiting (1)",
		`<a class="badge" href="/admin/applications" title="Sign-ups that wait for an admin">1 application</a>`)

	// The applicants learn the outcome when they next log in.
	alice := w.s.NewClient()
	r = alice.Post("/login", form("name", "alice", "password", password))
	wantRedirect(t, r, "/")
	wantSessionCookie(t, r)
	wantContains(t, alice.Get("/").Body, `<a href="/u/alice">alice</a>`)

	r = w.s.NewClient().Post("/login", form("name", "mallory", "password", password))
	wantError(t, r, http.StatusForbidden, "Your application was denied")
	wantContains(t, r.Body, `<blockquote class="text">`+reason+`</blockquote>`)
	wantNoSession(t, r)

	r = w.s.NewClient().Post("/login", form("name", "carol", "password", password))
	wantError(t, r, http.StatusForbidden, "Your application waits for an admin")
	wantContains(t, r.Body, `<blockquote class="text">The Avon</blockquote>`)

	// The record shows every decision, newest application first, and a
	// denied one may still be approved.
	r = w.ac.Get("/admin/applications?all=1")
	wantStatus(t, r, http.StatusOK)
	if got := applicationNames(r.Body); strings.Join(got, ",") != "carol,mallory,alice" {
		t.Errorf("the record lists %v, want the newest first", got)
	}
	wantContains(t, r.Body, "Approved by root just now.", "Denied by root just now:", `<blockquote class="text reason">`+reason)
	r = w.ac.Post("/admin/applications/approve", form("name", "mallory", "all", "1"))
	wantRedirect(t, r, "/admin/applications?all=1&approved=mallory")
	wantStatus(t, w.s.NewClient().Post("/login", form("name", "mallory", "password", password)), http.StatusSeeOther)
}

// Every refused decision says why, and changes nothing.
func TestApplicationRefusals(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	w.requireApproval(t)
	w.apply(t, "alice", "Hello")
	w.apply(t, "dave", "Hi")
	w.apply(t, "erin", "Hey")
	if _, err := w.s.Forum.ApproveApplication(t.Context(), forum.Operator, "dave"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Forum.DenyApplication(t.Context(), forum.Operator, "erin", "No."); err != nil {
		t.Fatal(err)
	}
	before, states := snap(t, w.s), applicationStates(t, w)

	for _, tc := range []struct {
		name   string
		path   string
		form   []string
		status int
		msg    string
	}{
		{"deny without a reason", "/admin/applications/deny", []string{"name", "alice", "reason", "  "}, 422,
			"Give a reason for the denial: the applicant reads it when they try to log in"},
		{"deny with a long reason", "/admin/applications/deny", []string{"name", "alice", "reason", repeat("r", 1001)}, 422,
			"The reason is too long: use at most 1000 characters"},
		{"approve an unknown name", "/admin/applications/approve", []string{"name", "ghost"}, 404, `No local user is named "ghost"`},
		{"approve no name", "/admin/applications/approve", nil, 404, `No local user is named ""`},
		{"approve an approved one", "/admin/applications/approve", []string{"name", "dave"}, 422, `The application of "dave" is already approved`},
		{"deny an approved one", "/admin/applications/deny", []string{"name", "dave", "reason", "x"}, 422, `The application of "dave" is already approved`},
		{"deny a denied one", "/admin/applications/deny", []string{"name", "erin", "reason", "again"}, 422, `The application of "erin" is already denied`},
		{"approve an account made without one", "/admin/applications/approve", []string{"name", "bob"}, 422, `"bob" has no application to decide`},
	} {
		r := w.ac.Post(tc.path, form(tc.form...))
		wantError(t, r, tc.status, tc.msg)
		wantContains(t, r.Body, "<h1>Applications</h1>")
	}
	// A refused denial comes back as it was typed.
	r := w.ac.Post("/admin/applications/deny", form("name", "alice", "reason", repeat("r", 1001)))
	wantContains(t, r.Body, `value="`+repeat("r", 1001)+`"`)

	// Someone who is not an admin is refused, and told why.
	for _, path := range []string{"/admin/applications/approve", "/admin/applications/deny"} {
		wantError(t, w.bc.Post(path, form("name", "alice", "reason", "x")), http.StatusForbidden,
			"These pages are for the site's admins, and bob is not one of them.")
		wantLoginRedirect(t, w.anon.Post(path, form("name", "alice", "reason", "x")), "/")
		wantError(t, w.ac.PostWithHeaders(path, form("name", "alice", "reason", "x"), crossSite()), http.StatusForbidden,
			"This form was sent from another site")
	}
	wantError(t, w.bc.Get("/admin/applications"), http.StatusForbidden, "bob is not one of them")
	wantNotContains(t, w.bc.Get("/admin/applications").Body, "Hello")
	wantError(t, w.ac.Get("/admin/applications?after=x"), http.StatusBadRequest, "That page marker is not one this site made.")
	// A crafted link cannot make the page say what it did not do.
	wantNotContains(t, w.ac.Get("/admin/applications?approved=Not+a+name").Body, "is approved")

	before.unchanged(t, w.s)
	if after := applicationStates(t, w); after != states {
		t.Errorf("refusals changed the applications:\nbefore:\n%s\nafter:\n%s", states, after)
	}
}

// The forum checks the right itself, whoever calls it: a page is not the
// only way in.
func TestApplicationDecisionsNeedAnAdmin(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	w.requireApproval(t)
	w.apply(t, "alice", "Hello")
	states := applicationStates(t, w)
	if _, err := w.s.Forum.ApproveApplication(t.Context(), forum.AsUser(w.bob), "alice"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("bob approved: %v", err)
	}
	if _, err := w.s.Forum.DenyApplication(t.Context(), forum.AsUser(w.bob), "alice", "no"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("bob denied: %v", err)
	}
	if _, err := w.s.Forum.Applications(t.Context(), forum.AsUser(w.bob), false, 0); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("bob read the applications: %v", err)
	}
	// An admin whose right was withdrawn after the page was read acts no more.
	if err := w.s.Store.SetAdmin(t.Context(), w.admin.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Forum.ApproveApplication(t.Context(), forum.AsUser(w.admin), "alice"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("a former admin approved: %v", err)
	}
	wantError(t, w.ac.Post("/admin/applications/approve", form("name", "alice")), http.StatusForbidden, "root is not one of them")
	if after := applicationStates(t, w); after != states {
		t.Errorf("refusals changed the applications:\n%s", after)
	}
}

func TestApplicationPages(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	w.requireApproval(t)
	var want []string
	for i := range forum.ApplicationPageSize + 5 {
		name := fmt.Sprintf("applicant%02d", i)
		w.apply(t, name, "Hello")
		want = append(want, name)
	}
	first := w.ac.Get("/admin/applications")
	wantContains(t, first.Body, fmt.Sprintf("Waiting (%d)", len(want)))
	next := nextURL(first.Body)
	if next == "" {
		t.Fatalf("no next page\n%s", excerpt(first.Body))
	}
	second := w.ac.Get(next)
	wantStatus(t, second, http.StatusOK)
	wantContains(t, second.Body, `href="/admin/applications">« First page</a>`)
	if nextURL(second.Body) != "" {
		t.Error("the last page links to another")
	}
	got := append(applicationNames(first.Body), applicationNames(second.Body)...)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("two pages list\n%v\nwant\n%v", got, want)
	}
	// Deciding on the first page does not skip anyone on the next.
	if _, err := w.s.Forum.ApproveApplication(t.Context(), forum.Operator, "applicant00"); err != nil {
		t.Fatal(err)
	}
	if got := applicationNames(w.ac.Get(next).Body); len(got) != 5 || got[0] != "applicant25" {
		t.Errorf("the second page after a decision lists %v", got)
	}
	all := w.ac.Get("/admin/applications?all=1")
	if got := applicationNames(all.Body); len(got) != forum.ApplicationPageSize || got[0] != "applicant29" {
		t.Errorf("the record's first page lists %v", got)
	}
	if got := applicationNames(w.ac.Get(nextURL(all.Body)).Body); strings.Join(got, ",") != "applicant04,applicant03,applicant02,applicant01,applicant00" {
		t.Errorf("the record's second page lists %v", got)
	}
}
