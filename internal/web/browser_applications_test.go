package web_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// TestBrowserApplication is a sign-up on a site that requires approval,
// in two browsers with JavaScript off: the applicant answers the site's
// question and is told it waits, an admin approves the application in
// /admin/applications, and the applicant logs in.
func TestBrowserApplication(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	mode, question := store.RegistrationRequireApproval, "Which river runs through your town?"
	if err := s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{RegistrationMode: &mode, ApplicationQuestion: &question}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.CreateUser(t.Context(), forum.NewUser{Name: "root", Password: browserPassword, Admin: true}); err != nil {
		t.Fatal(err)
	}
	br := s.Browser(t)

	ann := br.NewTab("applicant", false)
	ann.Open("/signup")
	if q := ann.Text(`label[for="answer"]`); q != question {
		t.Errorf("the sign-up form asks %q, want the site's question", q)
	}
	ann.Fill("#name", "ann")
	ann.Fill("#password", browserPassword)
	ann.Fill("#password_again", browserPassword)
	ann.Fill("#answer", "The Thames, by the old bridge.")
	if p := ann.Submit(`form[action="/signup"] button[type=submit]`); p != "/signup" {
		t.Fatalf("after signing up ann is at %s", p)
	}
	if note := ann.Text(`p.note[role=status]`); !strings.Contains(note, "Your application was sent to the admins of Tidings") {
		t.Errorf("after signing up ann reads %q", note)
	}
	// Logging in now answers 403 with how the application stands.
	browserLogIn(ann, "ann")
	ann.WaitVisible("section.application")
	if got := ann.Text("section.application h2"); got != "Your application waits for an admin" {
		t.Errorf("ann's log-in says %q", got)
	}
	if got := ann.Text("section.application blockquote"); got != "The Thames, by the old bridge." {
		t.Errorf("ann's log-in shows her answer as %q", got)
	}
	t.Logf("waiting: %s", ann.Screenshot("application-waits"))

	admin := br.NewTab("admin", false)
	admin.Open("/login")
	browserLogIn(admin, "root")
	admin.WaitVisible(`a.badge[href="/admin/applications"]`)
	if got := admin.Text(`a.badge[href="/admin/applications"]`); got != "1 application" {
		t.Errorf("the admin's header counts %q", got)
	}
	if p := admin.Submit(`a.badge[href="/admin/applications"]`); p != "/admin/applications" {
		t.Fatalf("the badge led to %s", p)
	}
	if got := admin.Text("#application-ann blockquote.answer"); got != "The Thames, by the old bridge." {
		t.Errorf("the queue shows ann's answer as %q", got)
	}
	t.Logf("queue: %s", admin.Screenshot("applications"))
	if p := admin.Submit(`#application-ann form.approve button[type=submit]`); p != "/admin/applications?approved=ann" {
		t.Fatalf("after approving the admin is at %s", p)
	}
	if got := admin.Text(`p.note[role=status]`); got != "The application of ann is approved: they can log in now." {
		t.Errorf("after approving the page says %q", got)
	}
	if got := admin.Text("p.empty"); got != "No applications wait." {
		t.Errorf("the queue after approving says %q", got)
	}

	ann.Open("/login")
	browserLogIn(ann, "ann")
	ann.WaitVisible(".nav-user a[href='/u/ann']")
	if p := ann.Path(); p != "/" {
		t.Errorf("after logging in ann is at %s", p)
	}
	t.Logf("in: %s", ann.Screenshot("application-approved"))
}

// browserLogIn fills in the log-in form shown and sends it, without
// waiting: the page it leads to may be a refusal.
func browserLogIn(tab *webtest.Tab, name string) {
	if !strings.HasPrefix(tab.Path(), "/login") {
		tab.Open("/login")
	}
	tab.Fill("#name", name)
	tab.Fill("#password", browserPassword)
	tab.Click(`form[action="/login"] button[type=submit]`)
}
