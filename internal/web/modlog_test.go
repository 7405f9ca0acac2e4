package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

var modlogEntryRE = regexp.MustCompile(`<li class="modlog-entry" id="m(\d+)"`)

// modlogIDs lists the entries of a mod log page in page order.
func modlogIDs(body string) []int64 { return ids(modlogEntryRE, body) }

// logEntry is an entry of the mod log as a reader sees it: its text, one
// line, and where its links go.
type logEntry struct {
	Text  string
	Links []string
}

// modlogEntries reads a mod log page's entries by id.
func modlogEntries(t *testing.T, body string) map[int64]logEntry {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]logEntry{}
	var links func(n *xhtml.Node, e *logEntry)
	links = func(n *xhtml.Node, e *logEntry) {
		if n.Type == xhtml.ElementNode && n.Data == "a" {
			e.Links = append(e.Links, attrOf(n, "href"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			links(c, e)
		}
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "li" && attrOf(n, "class") == "modlog-entry" {
			e := logEntry{Text: strings.Join(strings.Fields(textOf(n)), " ")}
			links(n, &e)
			out[mustID(t, strings.TrimPrefix(attrOf(n, "id"), "m"))] = e
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// logAction writes an entry as moderators' actions write them, and returns
// its id.
func logAction(t *testing.T, w *world, a store.ModAction) int64 {
	t.Helper()
	if err := w.s.Store.LogModAction(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return int64(count(t, w.s, `SELECT max(id) FROM mod_actions`))
}

func (w *world) admin(t *testing.T, name string) (store.LocalUser, *webtest.Client) {
	t.Helper()
	u, err := w.s.Forum.CreateUser(context.Background(), forum.NewUser{Name: name, Password: password, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	return u, w.s.Login(name, password)
}

// The mod log lists every kind of entry newest first, each saying who did
// what to what, why, until when; it filters by community, by person (as
// moderator or as target) and by kind of action, and refuses what it
// cannot show with a message.
func TestModLogListsAndFilters(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	root, _ := w.admin(t, "root")
	bob, _ := w.user(t, "bob")
	carol, _ := w.user(t, "carol")
	erin, _ := w.user(t, "erin")
	dave, _ := w.user(t, "dave")
	other, err := w.s.Forum.CreateCommunity(ctx, forumCommunity("other", "Other Things"))
	if err != nil {
		t.Fatal(err)
	}
	p := w.post(t, w.alice, "A questionable post", "")
	q := createPost(t, w.s, w.alice, other.ID, "Relayed and disowned", "")
	c := w.comment(t, w.alice, p.ID, 0, "a rude comment")

	removal := logAction(t, w, store.ModAction{Action: "remove_post", ModeratorID: bob.ID, CommunityID: w.comm.ID,
		PostID: p.ID, Reason: "off topic " + xss})
	lock := logAction(t, w, store.ModAction{Action: "lock_post", ModeratorID: bob.ID, CommunityID: w.comm.ID, PostID: p.ID})
	commentRemoval := logAction(t, w, store.ModAction{Action: "remove_comment", ModeratorID: bob.ID,
		CommunityID: w.comm.ID, PostID: p.ID, CommentID: c.ID, Reason: "rude"})
	ends := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Minute)
	communityBan := logAction(t, w, store.ModAction{Action: "ban_from_community", ModeratorID: dave.ID,
		CommunityID: other.ID, TargetPersonID: carol.ID, Reason: "trolling", ExpiresAt: ends})
	check := logAction(t, w, store.ModAction{Action: "remove_post", Automatic: true, CommunityID: other.ID,
		PostID: q.ID, Reason: "its origin server says it is gone"})
	if _, err := w.s.Forum.BanFromSite(ctx, forum.AsUser(root), carol.ID, forum.SiteBan{Reason: "spam", Expires: ends}); err != nil {
		t.Fatal(err)
	}
	siteBan := int64(count(t, w.s, `SELECT max(id) FROM mod_actions`))
	if _, err := w.s.Forum.BanUser(ctx, "erin", ""); err != nil {
		t.Fatal(err)
	}
	cliBan := int64(count(t, w.s, `SELECT max(id) FROM mod_actions`))

	r := w.s.NewClient().Get("/modlog")
	wantStatus(t, r, http.StatusOK)
	wantSafe(t, r.Body)
	wantContains(t, r.Body, xssEscaped)
	// Newest first; the first entry is the log's own (alice's account has none).
	all := []int64{cliBan, siteBan, check, communityBan, commentRemoval, lock, removal}
	if got := modlogIDs(r.Body); !slices.Equal(got[:len(all)], all) {
		t.Errorf("entries in the order %v, want %v first", got, all)
	}
	entries := modlogEntries(t, r.Body)
	until := "until " + ends.Format("2 Jan 2006 15:04 UTC")
	for id, want := range map[int64]struct {
		text  []string
		links []string
	}{
		removal: {[]string{"bob removed the post A questionable post in !news", "Reason: off topic"},
			[]string{"/u/bob", "/post/" + id(p.ID), "/c/news"}},
		lock:           {[]string{"bob locked the post A questionable post in !news"}, nil},
		commentRemoval: {[]string{"bob removed the comment “a rude comment” on A questionable post", "Reason: rude"}, []string{"/comment/" + id(c.ID)}},
		communityBan:   {[]string{"dave banned carol from !other (" + until + ")", "Reason: trolling"}, []string{"/u/carol", "/c/other"}},
		check: {[]string{"An automatic check removed the post Relayed and disowned in !other",
			"Reason: its origin server says it is gone"}, nil},
		siteBan: {[]string{"root banned carol from the site (" + until + ")", "Reason: spam"}, []string{"/u/root", "/u/carol"}},
		cliBan:  {[]string{"An admin, at the command line banned erin from the site (permanent)"}, []string{"/u/" + erin.Name}},
	} {
		e := entries[id]
		for _, s := range want.text {
			if !strings.Contains(e.Text, s) {
				t.Errorf("entry %d reads %q, lacking %q", id, e.Text, s)
			}
		}
		for _, l := range want.links {
			if !slices.Contains(e.Links, l) {
				t.Errorf("entry %d links to %v, not %s", id, e.Links, l)
			}
		}
	}

	for query, want := range map[string][]int64{
		"community=news":                   {commentRemoval, lock, removal},
		"community=other":                  {check, communityBan},
		"person=bob":                       {commentRemoval, lock, removal}, // what bob did
		"person=carol":                     {siteBan, communityBan},         // what was done to carol
		"person=dave&community=other":      {communityBan},
		"type=ban_from_site":               {cliBan, siteBan},
		"type=remove_post&community=other": {check},
		"type=remove_comment":              {commentRemoval},
	} {
		r := w.s.NewClient().Get("/modlog?" + query)
		wantStatus(t, r, http.StatusOK)
		if got := modlogIDs(r.Body); !slices.Equal(got, want) {
			t.Errorf("/modlog?%s lists %v, want %v", query, got, want)
		}
	}
	empty := w.s.NewClient().Get("/modlog?type=purge")
	wantContains(t, empty.Body, "Nothing in the log for this choice.")

	for query, want := range map[string]struct {
		status int
		msg    string
	}{
		"type=everything":                {http.StatusUnprocessableEntity, `There is no kind of action called "everything" in the log`},
		"community=nowhere":              {http.StatusNotFound, `There is no community "nowhere" here`},
		"person=ghost@far.example":       {http.StatusNotFound, `Nobody called "ghost@far.example" is known here`},
		"after=yesterday":                {http.StatusBadRequest, "That page marker is not one this log made."},
		"person=" + url.QueryEscape(xss): {http.StatusNotFound, "Nobody here is called"},
	} {
		r := w.s.NewClient().Get("/modlog?" + query)
		wantError(t, r, want.status, want.msg)
	}
}

// A page of the log stays the same while new entries arrive: they go on
// the first page, and the next pages go on where the last one ended.
func TestModLogPagesStayStableAsEntriesArrive(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	edit := store.ModAction{Action: "update_community", ModeratorID: bob.ID, CommunityID: w.comm.ID}
	var logged []int64
	for range 120 {
		logged = append(logged, logAction(t, w, edit))
	}
	slices.Reverse(logged)
	reader := w.s.NewClient()
	first := reader.Get("/modlog?community=news")
	wantStatus(t, first, http.StatusOK)
	page1 := modlogIDs(first.Body)
	next := nextURL(first.Body)
	if len(page1) != 50 || next == "" {
		t.Fatalf("first page: %d entries, next %q", len(page1), next)
	}
	var arrived []int64
	for range 7 {
		arrived = append(arrived, logAction(t, w, edit))
	}
	second := reader.Get(next)
	page2 := modlogIDs(second.Body)
	third := reader.Get(nextURL(second.Body))
	page3 := modlogIDs(third.Body)
	if nextURL(third.Body) != "" {
		t.Error("the last page links to another")
	}
	seen := slices.Concat(page1, page2, page3)
	if !slices.Equal(seen, logged) {
		t.Errorf("the pages list %d entries, not the %d logged before, in order", len(seen), len(logged))
	}
	for _, id := range arrived {
		if slices.Contains(seen, id) {
			t.Errorf("entry %d, logged after the first page, showed up on a later one", id)
		}
	}
	if got := modlogIDs(reader.Get("/modlog?community=news").Body); got[0] != arrived[len(arrived)-1] {
		t.Errorf("the first page starts with %d, want the newest, %d", got[0], arrived[len(arrived)-1])
	}
	wantContains(t, second.Body, `href="/modlog?community=news"`) // back to the newest
}

// When the site hides moderators' names, readers see "a moderator" and
// "an admin", and a person's log shows only what was done to them; admins,
// and a community's moderators reading its log, still see who.
func TestModLogHidesModeratorsWhenTheSiteSaysSo(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	root, rootc := w.admin(t, "root")
	bob, bobc := w.user(t, "bob")
	carol, _ := w.user(t, "carol")
	if err := w.s.Store.AddModerator(ctx, w.comm.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	p := w.post(t, w.alice, "A post", "")
	removal := logAction(t, w, store.ModAction{Action: "remove_post", ModeratorID: bob.ID, CommunityID: w.comm.ID,
		PostID: p.ID, Reason: "off topic"})
	if _, err := w.s.Forum.BanFromSite(ctx, forum.AsUser(root), carol.ID, forum.SiteBan{Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	ban := int64(count(t, w.s, `SELECT max(id) FROM mod_actions`))
	wantRedirect(t, rootc.Post("/admin/site", form("modlog_names", "hidden")), "/admin/site?saved=1")
	wantContains(t, rootc.Get("/admin/site").Body, `value="hidden" checked`)
	wantError(t, rootc.Post("/admin/site", form("modlog_names", "sometimes")), http.StatusUnprocessableEntity,
		"Say whether the moderation log names moderators")

	for who, c := range map[string]*webtest.Client{"a visitor": w.s.NewClient(), "alice": w.c, "bob, without his community": bobc} {
		r := c.Get("/modlog")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r.Body, "This site does not say which moderator took each action.")
		e := modlogEntries(t, r.Body)
		if !strings.HasPrefix(e[removal].Text, "A moderator removed the post A post") || slices.Contains(e[removal].Links, "/u/bob") {
			t.Errorf("%s reads %q, linking %v", who, e[removal].Text, e[removal].Links)
		}
		if !strings.HasPrefix(e[ban].Text, "An admin banned carol") || slices.Contains(e[ban].Links, "/u/root") {
			t.Errorf("%s reads %q, linking %v", who, e[ban].Text, e[ban].Links)
		}
		// Asking for bob's log must not tell what bob did.
		if got := modlogIDs(c.Get("/modlog?person=bob").Body); len(got) != 0 {
			t.Errorf("%s's log of bob lists %v", who, got)
		}
	}
	if e := modlogEntries(t, bobc.Get("/modlog?community=news").Body); !strings.HasPrefix(e[removal].Text, "bob removed") {
		t.Errorf("bob, reading his community's log, reads %q", e[removal].Text)
	}
	r := rootc.Get("/modlog")
	wantNotContains(t, r.Body, "This site does not say")
	e := modlogEntries(t, r.Body)
	if !strings.HasPrefix(e[removal].Text, "bob removed") || !strings.HasPrefix(e[ban].Text, "root banned carol") {
		t.Errorf("the admin reads %q and %q", e[removal].Text, e[ban].Text)
	}
	if got := modlogIDs(rootc.Get("/modlog?person=bob").Body); !slices.Equal(got, []int64{removal}) {
		t.Errorf("the admin's log of bob lists %v, want %d", got, removal)
	}
}

// A purged target is gone, with the entries about it, but the purge's
// entry keeps its name; a purged moderator's entries keep theirs.
func TestModLogKeepsPurgedNames(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	root, _ := w.admin(t, "root")
	bob, _ := w.user(t, "bob")
	p := w.post(t, w.alice, "Doomed title", "")
	removal := logAction(t, w, store.ModAction{Action: "remove_post", ModeratorID: bob.ID, CommunityID: w.comm.ID, PostID: p.ID})
	edit := logAction(t, w, store.ModAction{Action: "update_community", ModeratorID: bob.ID, CommunityID: w.comm.ID})
	if _, err := w.s.Forum.Purge(ctx, forum.AsUser(root), forum.PurgePost, p.ID, "illegal"); err != nil {
		t.Fatal(err)
	}
	postPurge := int64(count(t, w.s, `SELECT max(id) FROM mod_actions`))
	if _, err := w.s.Forum.Purge(ctx, forum.AsUser(root), forum.PurgePerson, bob.ID, "spammer"); err != nil {
		t.Fatal(err)
	}
	personPurge := int64(count(t, w.s, `SELECT max(id) FROM mod_actions`))

	r := w.s.NewClient().Get("/modlog")
	wantStatus(t, r, http.StatusOK)
	got := modlogIDs(r.Body)
	if slices.Contains(got, removal) {
		t.Error("the entry about the purged post is still listed")
	}
	e := modlogEntries(t, r.Body)
	if want := "root purged the post “Doomed title” in !news"; !strings.HasPrefix(e[postPurge].Text, want) ||
		!strings.Contains(e[postPurge].Text, "Reason: illegal") {
		t.Errorf("the post's purge reads %q, want %q and its reason", e[postPurge].Text, want)
	}
	wantNotContains(t, r.Body, `href="/post/`+id(p.ID)+`"`)
	if want := "root purged bob"; !strings.HasPrefix(e[personPurge].Text, want) || slices.Contains(e[personPurge].Links, "/u/bob") {
		t.Errorf("the person's purge reads %q linking %v, want %q unlinked", e[personPurge].Text, e[personPurge].Links, want)
	}
	if want := "bob edited the community !news"; !strings.HasPrefix(e[edit].Text, want) || slices.Contains(e[edit].Links, "/u/bob") {
		t.Errorf("the purged moderator's entry reads %q linking %v, want %q unlinked", e[edit].Text, e[edit].Links, want)
	}
}
