package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/tidings/tidings/internal/store"
)

// Sorts offered above a listing, in Lemmy's order.
var listingSorts = []string{
	store.SortHot, store.SortActive, store.SortScaled, store.SortControversial, store.SortNew, store.SortOld,
	store.SortMostComments, store.SortTopDay, store.SortTopWeek, store.SortTopMonth, store.SortTopYear, store.SortTopAll,
}

// postRow is a post in a listing with the reader's vote.
type postRow struct {
	Post store.Post
	Vote voteView
	// Pinned: the post heads the listing, pinned by the community's
	// moderators (or, on the front page, by the admins).
	Pinned bool
	Save   *saveButton // nil for a reader not logged in
	Blur   bool        // an NSFW thumbnail waits for a click
	Thumb  *img        // the picture beside it; nil for none
}

func newPostRow(p store.Post, my int) postRow {
	return postRow{Post: p, Vote: newVote("post", p.ID, p.Score, p.Upvotes, p.Downvotes, my, "")}
}

// listing is a page of posts and how to get the next one.
type listing struct {
	Rows     []postRow
	RowsHTML template.HTML // the rows rendered, see rowsHTML
	Sort     string
	Listing  string
	Sorts    []string
	NextURL  string
	PrevURL  string
	FirstURL string
	BaseURL  string // path the sort and listing links start from
}

// keptCursors is how many earlier pages' markers a listing URL carries
// (as repeated "prev" parameters), so that "Previous page" works on keyset
// pages, which can only be read forwards. Deeper than that, the oldest are
// dropped and "Previous page" eventually leads to the first page.
const keptCursors = 20

// readListing reads the sort, listing and cursor from the query, falling
// back to the user's defaults, and fetches one page.
func (h *Handler) readListing(r *http.Request, q store.PostQuery, path string) (listing, bool, error) {
	u, loggedIn := currentUser(r)
	qs := r.URL.Query()
	l := listing{Sort: qs.Get("sort"), Listing: qs.Get("type"), Sorts: listingSorts, BaseURL: path}
	if l.Sort == "" {
		l.Sort = store.SortHot
		if loggedIn {
			l.Sort = u.DefaultSort
		}
	}
	if l.Listing == "" {
		l.Listing = store.ListingAll
		if loggedIn && q.CommunityID == 0 {
			l.Listing = u.DefaultListing
		}
	}
	if !store.ValidSort(l.Sort) {
		return l, false, nil
	}
	switch l.Listing {
	case store.ListingAll, store.ListingLocal:
	case store.ListingSubscribed:
		if !loggedIn {
			l.Listing = store.ListingAll
		}
	default:
		return l, false, nil
	}
	after, err := store.ParseCursor(qs.Get("after"))
	if err != nil {
		return l, false, nil
	}
	q.Sort, q.Listing, q.After, q.Limit, q.SkipPinned = l.Sort, l.Listing, after, 25, true
	if loggedIn {
		q.PersonID = u.ID
		q.ShowNSFW = u.ShowNSFW
		q.Reader = store.ReaderFilterFor(u)
	}
	pg, err := h.store.ListPosts(r.Context(), q)
	if errors.Is(err, store.ErrInvalid) {
		return l, false, nil // a page marker that does not fit the sort
	}
	if err != nil {
		return l, true, err
	}
	var pinned []store.Post
	if after.IsZero() {
		if pinned, err = h.store.PinnedPosts(r.Context(), q.CommunityID, q.ShowNSFW, q.Reader); err != nil {
			return l, true, err
		}
	}
	posts := append(pinned, pg.Posts...)
	var reader *store.LocalUser
	if loggedIn {
		reader = &u
	}
	if l.Rows, err = h.postRows(r.Context(), reader, r.URL.RequestURI(), posts); err != nil {
		return l, true, err
	}
	for i := range pinned {
		l.Rows[i].Pinned = true
	}
	// Any page that declares post_row.html renders it the same.
	if l.RowsHTML, err = h.rowsHTML("home", l.Rows); err != nil {
		return l, true, err
	}
	l.pageLinks(path, after, pg.Next, qs["prev"])
	return l, true, nil
}

// pageLinks sets the next, previous and first page's URLs. prev are the
// markers of the pages before this one, oldest first; one that does not
// parse is dropped, costing a step back, not the page.
func (l *listing) pageLinks(path string, after, next store.Cursor, prev []string) {
	var kept []string
	for _, p := range prev {
		if c, err := store.ParseCursor(p); err == nil && !c.IsZero() {
			kept = append(kept, p)
		}
	}
	link := func(at string, before []string) string {
		v := url.Values{"sort": {l.Sort}, "type": {l.Listing}}
		if at != "" {
			v.Set("after", at)
		}
		if len(before) > 0 {
			v["prev"] = before
		}
		return path + "?" + v.Encode()
	}
	if !next.IsZero() {
		trail := kept
		if !after.IsZero() {
			trail = append(trail[:len(trail):len(trail)], after.String())
		}
		if len(trail) > keptCursors {
			trail = trail[len(trail)-keptCursors:]
		}
		l.NextURL = link(next.String(), trail)
	}
	if after.IsZero() {
		return
	}
	l.FirstURL = link("", nil)
	if n := len(kept); n > 0 {
		l.PrevURL = link(kept[n-1], kept[:n-1])
	} else {
		l.PrevURL = l.FirstURL
	}
}

type frontPage struct {
	page
	listing
	SiteHTML    template.HTML     // the site's description
	Communities []store.Community // the site's own, busiest first
	More        bool              // there are more than these
	Usage       *store.Usage      // people, posts and comments here; nil if not counted
}

// sidebarCommunities is how many of the site's communities the front
// page's sidebar names.
const sidebarCommunities = 10

func (h *Handler) frontPage(w http.ResponseWriter, r *http.Request) {
	l, ok, err := h.readListing(r, store.PostQuery{}, "/")
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if !ok {
		h.message(w, r, http.StatusBadRequest, "Unknown sort", "That sort, listing or page marker is not one this site knows.")
		return
	}
	p := frontPage{page: h.newPage(r, ""), listing: l}
	p.Title = p.Site.Name
	p.Description = h.forum.PlainText(p.Site.Description, 150)
	if p.SiteHTML, err = h.siteHTML.render(h.forum, p.Site.Description); err != nil {
		h.serverError(w, r, err)
		return
	}
	if p.Communities, err = h.store.TopLocalCommunities(r.Context(), sidebarCommunities+1); err != nil {
		h.serverError(w, r, err)
		return
	}
	if u, ok := h.siteUsage(r.Context()); ok {
		p.Usage = &u
	}
	if len(p.Communities) > sidebarCommunities {
		p.Communities, p.More = p.Communities[:sidebarCommunities], true
	}
	h.render(w, r, http.StatusOK, "home", p)
}
