package web_test

import (
	"context"
	"errors"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// reportWorld is a community with a moderator (mod), a member who writes
// (alice), one who reports (bob), and an admin.
type reportWorld struct {
	*world
	mod, bob, admin    store.LocalUser
	modC, bobC, adminC *webtest.Client
	spam               store.Post
	spamComment        store.Comment
}

func newReportWorld(t *testing.T) *reportWorld {
	t.Helper()
	w := &reportWorld{world: newWorld(t)}
	w.mod, w.modC = w.user(t, "mod")
	w.bob, w.bobC = w.user(t, "bob")
	admin, err := w.s.Forum.CreateUser(context.Background(), forum.NewUser{Name: "root", Password: password, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	w.admin, w.adminC = admin, w.s.Login("root", password)
	if err := w.s.Store.AddModerator(context.Background(), w.comm.ID, w.mod.ID); err != nil {
		t.Fatal(err)
	}
	w.spam = w.post(t, w.alice, "Cheap pills here", "Buy **now** at the link.")
	w.spamComment = w.comment(t, w.alice, w.spam.ID, 0, "First!! visit my shop")
	return w
}

// report sends the report form as a browser does and follows it to its
// thanks.
func report(t *testing.T, c *webtest.Client, what string, id int64, reason string) {
	t.Helper()
	form := c.Get("/" + what + "/" + idStr(id) + "/report")
	wantStatus(t, form, http.StatusOK)
	wantContains(t, form.Body, `<textarea id="reason" name="reason"`)
	r := c.Post("/"+what+"/"+idStr(id)+"/report", url.Values{"reason": {reason}})
	wantRedirect(t, r, "/"+what+"/"+idStr(id)+"/report?sent=1")
	thanks := c.Get(r.Location)
	wantStatus(t, thanks, http.StatusOK)
	wantContains(t, thanks.Body, "Report sent", "The moderators of", "World News")
}

func idStr(n int64) string { return id(n) }

var reportsLinkRE = regexp.MustCompile(`<a href="/reports" class="reports-link"><svg[^>]*><use href="#i-report"/></svg><span><span class="nav-label">Reports</span> \((\d+)\)</span></a>`)

// headerCount is the open reports the header shows, or -1 without the link.
func headerCount(t *testing.T, c *webtest.Client) int {
	t.Helper()
	page := c.Get("/")
	wantStatus(t, page, http.StatusOK)
	m := reportsLinkRE.FindStringSubmatch(page.Body)
	if m == nil {
		return -1
	}
	return int(mustID(t, m[1]))
}

var reportRowRE = regexp.MustCompile(`<li class="report( resolved)?" id="r(\d+)">`)

// queue lists the report ids a page of /reports shows.
func queue(body string) []int64 {
	var out []int64
	for _, m := range reportRowRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(m[2], 10, 64)
		out = append(out, n)
	}
	return out
}

// reportOf is the queue's entry for report id.
func reportOf(t *testing.T, body string, id int64) string {
	t.Helper()
	start := strings.Index(body, `id="r`+idStr(id)+`"`)
	if start < 0 {
		t.Fatalf("report %d is not in the queue\n%s", id, excerpt(body))
	}
	rest := body[start:]
	if end := strings.Index(rest, "</li>"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

func TestReportsReachTheModeratorsQueue(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)

	// Everyone logged in but the author sees a report link on the post and
	// its comment; nobody logged out does.
	thread := w.bobC.Get("/post/" + idStr(w.spam.ID))
	wantContains(t, thread.Body, `href="/post/`+idStr(w.spam.ID)+`/report"`, `href="/comment/`+idStr(w.spamComment.ID)+`/report"`)
	mine := w.c.Get("/post/" + idStr(w.spam.ID))
	wantNotContains(t, mine.Body, "/report\"")
	anon := w.s.NewClient().Get("/post/" + idStr(w.spam.ID))
	wantNotContains(t, anon.Body, "/report\"")

	// Before any report: moderators and admins see the link with 0;
	// others no link at all.
	if n := headerCount(t, w.modC); n != 0 {
		t.Errorf("the moderator's header shows %d reports, want 0", n)
	}
	if n := headerCount(t, w.bobC); n != -1 {
		t.Errorf("a member who moderates nothing sees a reports link (%d)", n)
	}

	report(t, w.bobC, "post", w.spam.ID, "Spam: "+xss)
	report(t, w.bobC, "comment", w.spamComment.ID, "Advertising in the comments")
	for who, c := range map[string]*webtest.Client{"moderator": w.modC, "admin": w.adminC} {
		if n := headerCount(t, c); n != 2 {
			t.Errorf("the %s's header shows %d open reports, want 2", who, n)
		}
	}

	// The author edits the post after it was reported: the queue shows
	// what was reported.
	if _, err := w.s.Forum.EditPost(context.Background(), w.alice, w.spam.ID, forum.PostInput{
		Title: "Nice holiday photos", Body: "Nothing to see."}); err != nil {
		t.Fatal(err)
	}

	page := w.modC.Get("/reports")
	wantStatus(t, page, http.StatusOK)
	wantSafe(t, page.Body)
	ids := queue(page.Body)
	if len(ids) != 2 {
		t.Fatalf("the queue shows %v, want 2 reports\n%s", ids, excerpt(page.Body))
	}
	// Newest first: the comment's report, then the post's.
	commentReport, postReport := ids[0], ids[1]
	pr := reportOf(t, page.Body, postReport)
	wantContains(t, pr, "of a post in", "World News", `href="/u/bob"`, "Spam: "+xssEscaped,
		"Cheap pills here", "Buy **now** at the link.", `<time datetime="`, `<span class="tag">open</span>`,
		`href="/post/`+idStr(w.spam.ID)+`"`)
	wantNotContains(t, pr, "Nice holiday photos")
	cr := reportOf(t, page.Body, commentReport)
	wantContains(t, cr, "of a comment in", "Advertising in the comments", "First!! visit my shop",
		`href="/comment/`+idStr(w.spamComment.ID)+`"`, "Resolve and remove the comment")

	// Members see no queue: a 403 that says why.
	wantError(t, w.bobC.Get("/reports"), http.StatusForbidden, "Only moderators and admins see reports")
	wantLoginRedirect(t, w.s.NewClient().Get("/reports"), "/reports")
}

func TestModeratorsResolveAndReopenReports(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	ctx := context.Background()
	rid, err := w.s.Forum.ReportPost(ctx, w.bob, w.spam.ID, "spam")
	if err != nil {
		t.Fatal(err)
	}

	// A member, or a moderator of another community, may not resolve it.
	other, err := w.s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "other", Title: "Other"})
	if err != nil {
		t.Fatal(err)
	}
	carol, carolC := w.user(t, "carol")
	if err := w.s.Store.AddModerator(ctx, other.ID, carol.ID); err != nil {
		t.Fatal(err)
	}
	for who, c := range map[string]*webtest.Client{"a member": w.bobC, "another community's moderator": carolC} {
		r := c.Post("/reports/"+idStr(rid)+"/resolve", url.Values{})
		wantError(t, r, http.StatusForbidden, "Only the moderators of World News and the site's admins may do this")
		if t.Failed() {
			t.Fatalf("%s resolving", who)
		}
	}
	// carol's own queue does not show it.
	if ids := queue(carolC.Get("/reports").Body); len(ids) != 0 {
		t.Errorf("another community's moderator sees reports %v", ids)
	}
	// A form from another site is refused.
	cross := w.modC.PostWithHeaders("/reports/"+idStr(rid)+"/resolve", url.Values{},
		http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}})
	wantError(t, cross, http.StatusForbidden, "This form was sent from another site")
	if n := headerCount(t, w.modC); n != 1 {
		t.Fatalf("refused resolutions changed the count: %d, want 1", n)
	}

	// The moderator resolves it from the queue and comes back to it.
	r := w.modC.Post("/reports/"+idStr(rid)+"/resolve", url.Values{"return": {"/reports"}})
	wantRedirect(t, r, "/reports#r"+idStr(rid))
	if n := headerCount(t, w.modC); n != 0 {
		t.Errorf("after resolving, the header shows %d open reports", n)
	}
	open := w.modC.Get("/reports")
	if ids := queue(open.Body); len(ids) != 0 {
		t.Errorf("the open queue still shows %v", ids)
	}
	wantContains(t, open.Body, "No open reports")
	all := w.modC.Get("/reports?all=1")
	entry := reportOf(t, all.Body, rid)
	wantContains(t, entry, `<span class="tag">resolved</span> by <a href="/u/mod">mod</a>`, ">Reopen</button>")
	// The post stays as it was: resolving alone removes nothing.
	if p, _ := w.s.Store.PostByID(ctx, w.spam.ID); p.Removed {
		t.Error("resolving without removal removed the post")
	}
	wantError(t, w.modC.Post("/reports/"+idStr(rid)+"/resolve", url.Values{}), http.StatusUnprocessableEntity,
		"was resolved already")

	// An admin takes the resolution back.
	r = w.adminC.Post("/reports/"+idStr(rid)+"/resolve", url.Values{"reopen": {"1"}, "return": {"/reports?all=1"}})
	wantRedirect(t, r, "/reports?all=1#r"+idStr(rid))
	if n := headerCount(t, w.modC); n != 1 {
		t.Errorf("after reopening, the header shows %d open reports, want 1", n)
	}
	wantContains(t, reportOf(t, w.modC.Get("/reports").Body, rid), `<span class="tag">open</span>`)

	wantStatus(t, w.modC.Post("/reports/999999/resolve", url.Values{}), http.StatusNotFound)
	wantStatus(t, w.modC.Post("/reports/abc/resolve", url.Values{}), http.StatusNotFound)
}

func TestBadReportsAreRefusedAndStoreNothing(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	ctx := context.Background()
	path := "/post/" + idStr(w.spam.ID) + "/report"

	for _, tc := range []struct {
		name, reason, msg string
	}{
		{"empty", "  ", "Say why you are reporting this"},
		{"too long", strings.Repeat("é", forum.MaxReportReasonLen+1), "The reason is too long: 1001 characters, at most 1000"},
	} {
		r := w.bobC.Post(path, url.Values{"reason": {tc.reason}})
		wantError(t, r, http.StatusUnprocessableEntity, tc.msg)
		// The form comes back with what was typed.
		wantContains(t, r.Body, `<textarea id="reason" name="reason"`)
	}
	report(t, w.bobC, "post", w.spam.ID, "spam")
	wantError(t, w.bobC.Post(path, url.Values{"reason": {"spam, again"}}), http.StatusUnprocessableEntity,
		"This post was reported by you already")
	// Someone else may still report it.
	report(t, w.modC, "post", w.spam.ID, "looks like spam to me too")

	deleted := w.post(t, w.alice, "Deleted soon", "")
	inDeleted := w.comment(t, w.alice, deleted.ID, 0, "a reply in a thread that goes away")
	if err := w.s.Forum.DeletePost(ctx, w.alice, deleted.ID, true); err != nil {
		t.Fatal(err)
	}
	removed := w.comment(t, w.alice, w.spam.ID, 0, "to be removed")
	on := true
	if err := w.s.Store.SetCommentFlags(ctx, removed.ID, nil, &on); err != nil {
		t.Fatal(err)
	}
	wantError(t, w.bobC.Get("/post/"+idStr(deleted.ID)+"/report"), http.StatusUnprocessableEntity,
		"This post was deleted by its author; there is nothing left to report")
	wantError(t, w.bobC.Post("/post/"+idStr(deleted.ID)+"/report", url.Values{"reason": {"spam"}}),
		http.StatusUnprocessableEntity, "This post was deleted by its author")
	wantError(t, w.bobC.Post("/comment/"+idStr(removed.ID)+"/report", url.Values{"reason": {"spam"}}),
		http.StatusUnprocessableEntity, "This comment was removed by a moderator already")
	wantError(t, w.bobC.Post("/comment/"+idStr(inDeleted.ID)+"/report", url.Values{"reason": {"spam"}}),
		http.StatusUnprocessableEntity, "The post this comment answers was deleted by its author")
	wantStatus(t, w.bobC.Get("/post/999999/report"), http.StatusNotFound)
	wantStatus(t, w.bobC.Post("/comment/999999/report", url.Values{"reason": {"spam"}}), http.StatusNotFound)

	// Banned from the community, or from the site: refused.
	dave, daveC := w.user(t, "dave")
	if err := w.s.Store.BanFromCommunity(ctx, w.comm.ID, dave.ID, "trolling"); err != nil {
		t.Fatal(err)
	}
	wantError(t, daveC.Post(path, url.Values{"reason": {"spam"}}), http.StatusForbidden, "You are banned from World News")
	wantError(t, daveC.Get(path), http.StatusForbidden, "You are banned from World News")
	eve := w.s.User("eve", password)
	if eve, err := w.s.Forum.BanUser(ctx, eve.Name, "spam"); err != nil {
		t.Fatal(err)
	} else if _, err := w.s.Forum.ReportPost(ctx, eve, w.spam.ID, "spam"); !errors.Is(err, forum.ErrForbidden) ||
		!strings.Contains(err.Error(), "you are banned from this site") {
		t.Errorf("a banned account's report: %v", err)
	}

	// Two reports are stored, bob's and the moderator's: nothing else.
	var n int
	if err := w.s.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM post_reports) + (SELECT count(*) FROM comment_reports)`).
		Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d reports stored, want 2", n)
	}
	if c := headerCount(t, w.modC); c != 2 {
		t.Errorf("the moderator's header shows %d, want 2", c)
	}
}

func TestAdminsSeeEveryCommunitysReportsAPageAtATime(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	ctx := context.Background()
	other, err := w.s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "other", Title: "Elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := createPost(t, w.s, w.alice, other.ID, "In another community", "")
	elsewhereReport, err := w.s.Forum.ReportPost(ctx, w.bob, elsewhere.ID, "off topic")
	if err != nil {
		t.Fatal(err)
	}
	const n = forum.ReportPageSize + 4
	var want []int64
	for i := range n {
		p := w.post(t, w.alice, "Post "+idStr(int64(i)), "")
		id, err := w.s.Forum.ReportPost(ctx, w.bob, p.ID, "spam "+idStr(int64(i)))
		if err != nil {
			t.Fatal(err)
		}
		want = append([]int64{id}, want...)
	}
	if c := headerCount(t, w.adminC); c != n+1 {
		t.Errorf("the admin's header shows %d, want %d", c, n+1)
	}
	if c := headerCount(t, w.modC); c != n {
		t.Errorf("the moderator's header shows %d, want %d (not the other community's)", c, n)
	}

	// The moderator's pages hold this community's reports, newest first.
	first := w.modC.Get("/reports")
	got := queue(first.Body)
	next := regexp.MustCompile(`<a href="([^"]+)">Older reports</a>`).FindStringSubmatch(first.Body)
	if next == nil {
		t.Fatalf("no link to the next page\n%s", excerpt(first.Body))
	}
	second := w.modC.Get(html.UnescapeString(next[1]))
	got = append(got, queue(second.Body)...)
	if len(got) != n || !equalIDs(got, want) {
		t.Errorf("the moderator's pages show %v, want %v", got, want)
	}
	wantNotContains(t, second.Body, "Older reports", "In another community")

	// The admin's include the other community's; one community's alone
	// when asked.
	if page := w.adminC.Get("/reports?community=other"); !equalIDs(queue(page.Body), []int64{elsewhereReport}) {
		t.Errorf("the admin's queue of one community shows %v\n%s", queue(page.Body), excerpt(page.Body))
	} else {
		wantContains(t, page.Body, "Reports in Elsewhere", "In another community", "off topic")
	}
	wantError(t, w.modC.Get("/reports?community=other"), http.StatusForbidden, "You do not moderate this community")
	wantStatus(t, w.adminC.Get("/reports?community=nothere"), http.StatusNotFound)
	wantError(t, w.adminC.Get("/reports?before=abc"), http.StatusBadRequest, "That is not a page of the reports queue")
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Resolving with a removal removes what was reported, as the moderator's
// own removal: others see it removed, the moderation log keeps the reason,
// and the report leaves the queue.
func TestResolvingWithRemovalRemovesTheContent(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	ctx := context.Background()
	postReport, err := w.s.Forum.ReportPost(ctx, w.bob, w.spam.ID, "spam")
	if err != nil {
		t.Fatal(err)
	}
	commentReport, err := w.s.Forum.ReportComment(ctx, w.bob, w.spamComment.ID, "spam too")
	if err != nil {
		t.Fatal(err)
	}

	r := w.modC.Post("/reports/"+idStr(commentReport)+"/resolve", url.Values{"remove": {"1"},
		"reason": {"Advertising"}, "return": {"/reports"}})
	wantRedirect(t, r, "/reports#r"+idStr(commentReport))
	thread := w.bobC.Get("/post/" + idStr(w.spam.ID))
	wantContains(t, thread.Body, "removed by a moderator")
	wantNotContains(t, thread.Body, "First!! visit my shop")
	if n := headerCount(t, w.modC); n != 1 {
		t.Errorf("after resolving one of two, the header shows %d", n)
	}

	// An admin resolves the post's report with its removal.
	r = w.adminC.Post("/reports/"+idStr(postReport)+"/resolve", url.Values{"remove": {"1"}, "reason": {"Spam " + xss}})
	wantRedirect(t, r, "/reports#r"+idStr(postReport))
	wantContains(t, w.bobC.Get("/post/"+idStr(w.spam.ID)).Body, "This post was removed by a moderator.")
	all := w.modC.Get("/reports?all=1")
	wantSafe(t, all.Body)
	for _, id := range []int64{postReport, commentReport} {
		entry := reportOf(t, all.Body, id)
		// What was removed is resolved, says so, and offers no removal.
		wantContains(t, entry, `<span class="tag">resolved</span>`, "removed by a moderator", ">Reopen</button>")
		wantNotContains(t, entry, "Resolve and remove")
	}

	var log []string
	rows, err := w.s.Pool.Query(ctx, `SELECT action || ': ' || coalesce(reason, '') FROM mod_actions
		WHERE action LIKE 'remove_%' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		log = append(log, s)
	}
	if want := []string{"remove_comment: Advertising", "remove_post: Spam " + xss}; strings.Join(log, "\n") != strings.Join(want, "\n") {
		t.Errorf("the moderation log holds %q, want %q", log, want)
	}

	// Reopening leaves the removal as it is: restoring is a moderator's own
	// action.
	wantStatus(t, w.modC.Post("/reports/"+idStr(postReport)+"/resolve", url.Values{"reopen": {"1"}}), http.StatusSeeOther)
	if p, _ := w.s.Store.PostByID(ctx, w.spam.ID); !p.Removed {
		t.Error("reopening the report restored the post")
	}
	// Resolving it again with a removal of what is removed already only
	// resolves it.
	wantStatus(t, w.modC.Post("/reports/"+idStr(postReport)+"/resolve", url.Values{"remove": {"1"}}), http.StatusSeeOther)
	if n := headerCount(t, w.modC); n != 0 {
		t.Errorf("the header shows %d open reports, want 0", n)
	}
	wantError(t, w.modC.Post("/reports/"+idStr(postReport)+"/resolve", url.Values{"remove": {"1"}, "reopen": {"1"}}),
		http.StatusUnprocessableEntity, "either resolved")
}

// A moderator who removes a post or comment from its thread has dealt
// with every open report of it, as in Lemmy 0.19: the reports are
// resolved by them, and leave the queue and the header's count. Reports
// of other things stay open, and a restore reopens nothing.
func TestRemovalResolvesTheReportsOfWhatItRemoves(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	ctx := context.Background()
	carl, _ := w.user(t, "carl")
	var postReports []int64
	for _, u := range []store.LocalUser{w.bob, carl} {
		id, err := w.s.Forum.ReportPost(ctx, u, w.spam.ID, "spam")
		if err != nil {
			t.Fatal(err)
		}
		postReports = append(postReports, id)
	}
	commentReport, err := w.s.Forum.ReportComment(ctx, w.bob, w.spamComment.ID, "spam too")
	if err != nil {
		t.Fatal(err)
	}
	if n := headerCount(t, w.modC); n != 3 {
		t.Fatalf("the header shows %d open reports, want 3", n)
	}

	wantStatus(t, w.modC.Post("/post/"+idStr(w.spam.ID)+"/remove", url.Values{"reason": {"spam"}}), http.StatusSeeOther)
	for _, id := range postReports {
		r, err := w.s.Store.ReportByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Resolved || r.ResolverID != w.mod.ID {
			t.Errorf("report %d of the removed post: resolved %v by %d, want resolved by the moderator %d",
				id, r.Resolved, r.ResolverID, w.mod.ID)
		}
	}
	if r, _ := w.s.Store.ReportByID(ctx, commentReport); r.Resolved {
		t.Error("the removal of the post resolved the report of a comment in it")
	}
	if n := headerCount(t, w.modC); n != 1 {
		t.Errorf("after the removal the header shows %d open reports, want 1", n)
	}

	wantStatus(t, w.modC.Post("/comment/"+idStr(w.spamComment.ID)+"/remove", nil), http.StatusSeeOther)
	if n := headerCount(t, w.modC); n != 0 {
		t.Errorf("after both removals the header shows %d open reports, want 0", n)
	}
	wantStatus(t, w.modC.Post("/post/"+idStr(w.spam.ID)+"/remove", url.Values{"undo": {"1"}}), http.StatusSeeOther)
	if n := headerCount(t, w.modC); n != 0 {
		t.Errorf("after the restore the header shows %d open reports, want 0", n)
	}
}

func TestBannedModeratorSeesNoReports(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	report(t, w.bobC, "post", w.spam.ID, "spam")
	if c := headerCount(t, w.modC); c != 1 {
		t.Fatalf("the moderator's header shows %d, want 1", c)
	}
	if err := w.s.Store.BanFromCommunity(context.Background(), w.comm.ID, w.mod.ID, "abuse of the tools"); err != nil {
		t.Fatal(err)
	}
	if c := headerCount(t, w.modC); c != 0 {
		t.Errorf("a banned moderator's header shows %d reports, want 0", c)
	}
	if ids := queue(w.modC.Get("/reports").Body); len(ids) != 0 {
		t.Errorf("a banned moderator's queue lists %v, want nothing", ids)
	}
	if c := headerCount(t, w.adminC); c != 1 {
		t.Errorf("the admin's header shows %d, want 1", c)
	}
}
