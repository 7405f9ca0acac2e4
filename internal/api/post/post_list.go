package post

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// Lemmy's limits on a page: 10 posts unless asked, at most 50.
const (
	defaultLimit = 10
	maxLimit     = 50
	// maxPage bounds how far page numbers reach: Tidings pages by cursor,
	// so page n is found by walking n-1 pages; apps that go further use
	// page_cursor, as Lemmy 0.19's own do.
	maxPage = 20
)

// list answers a listing as the front page and community pages read
// theirs, by the same store call and cursor.
func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	q, page, err := m.listQuery(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	first := q.After.IsZero() && page == 1 && q.SkipPinned
	var posts []store.Post
	var next store.Cursor
	for i := int64(1); ; i++ {
		pg, err := m.d.Store.ListPosts(r.Context(), q)
		if errors.Is(err, store.ErrInvalid) {
			m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(err), nil, nil)
			return
		}
		if err != nil {
			m.d.Fail(w, r, err, nil, nil)
			return
		}
		posts, next = pg.Posts, pg.Next
		if i >= page || next.IsZero() {
			if i < page {
				posts, next = nil, store.Cursor{} // past the end: nothing, as Lemmy answers
			}
			break
		}
		q.After = next
	}
	if first {
		pinned, err := m.d.Store.PinnedPosts(r.Context(), q.CommunityID, q.ShowNSFW, q.Reader)
		if err != nil {
			m.d.Fail(w, r, err, nil, nil)
			return
		}
		posts = append(pinned, posts...)
	}
	views, err := apiutil.PostViews(r.Context(), m.d.Store, r, posts)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	resp := GetPostsResponse{Posts: views}
	if !next.IsZero() {
		s := next.String()
		resp.NextPage = &s
	}
	apiutil.WriteJSON(w, http.StatusOK, resp)
}

// listQuery reads GetPosts. An unknown sort or type is refused with
// invalid_query.
func (m *Module) listQuery(r *http.Request) (store.PostQuery, int64, error) {
	qs := apiutil.NewQuery(r.URL.Query())
	u, loggedIn := apiutil.User(r)
	// The web front page's defaults, and like it the pinned posts head the
	// first page rather than appear again in their place.
	q := store.PostQuery{Sort: store.SortHot, Listing: store.ListingAll, Limit: defaultLimit, SkipPinned: true}
	if loggedIn {
		q.Sort, q.Listing, q.PersonID, q.ShowNSFW = u.DefaultSort, u.DefaultListing, u.ID, u.ShowNSFW
		q.Reader = store.ReaderFilterFor(u)
	}
	if s := qs.String("sort"); s != "" {
		sort, ok := model.PostSort(s)
		if !ok {
			return q, 0, apiutil.ErrInvalidQuery.Because(errors.New("unknown sort " + s))
		}
		q.Sort = sort
	}
	if t := qs.String("type_"); t != "" {
		l, ok := model.ListingType(t)
		if !ok {
			return q, 0, apiutil.ErrInvalidQuery.Because(errors.New("unknown type_ " + t))
		}
		q.Listing = l
	}
	if q.Listing == store.ListingSubscribed && !loggedIn {
		return q, 0, apiutil.ErrNotLoggedIn
	}
	limit, page := qs.Int64("limit"), qs.Int64("page")
	communityID, communityName := qs.Int64("community_id"), qs.String("community_name")
	savedOnly, likedOnly, dislikedOnly := qs.Bool("saved_only"), qs.Bool("liked_only"), qs.Bool("disliked_only")
	if r.URL.Query().Has("show_nsfw") {
		q.ShowNSFW = qs.Bool("show_nsfw")
	}
	if r.URL.Query().Has("show_read") && loggedIn {
		// The app's own switch for this listing, over the account's.
		q.Reader.HideRead = !qs.Bool("show_read")
	}
	cursor := qs.String("page_cursor")
	if err := qs.Err(); err != nil {
		return q, 0, err
	}
	switch {
	case limit < 0 || limit > maxLimit:
		return q, 0, apiutil.ErrGetPosts.Because(errors.New("limit out of range"))
	case limit > 0:
		q.Limit = int(limit)
	}
	switch {
	case page < 0 || page > maxPage:
		return q, 0, apiutil.ErrGetPosts.Because(errors.New("page out of range"))
	case page == 0:
		page = 1
	}
	if savedOnly {
		if !loggedIn {
			return q, 0, apiutil.ErrNotLoggedIn
		}
		q.Saved, q.SkipPinned = true, false
	}
	switch {
	case likedOnly && dislikedOnly:
		return q, 0, apiutil.NewError("contradicting_filters", http.StatusBadRequest)
	case (likedOnly || dislikedOnly) && !loggedIn:
		return q, 0, apiutil.ErrNotLoggedIn
	case likedOnly:
		q.Vote, q.SkipPinned = 1, false
	case dislikedOnly:
		q.Vote, q.SkipPinned = -1, false
	}
	if cursor != "" {
		c, err := store.ParseCursor(cursor)
		if err != nil {
			return q, 0, apiutil.ErrInvalidQuery.Because(err)
		}
		q.After, page = c, 1
	}
	if communityID != 0 || communityName != "" {
		c, err := apiutil.FindCommunity(r, m.d, communityID, communityName)
		if err != nil {
			return q, 0, err
		}
		q.CommunityID, q.Listing = c.ID, store.ListingAll
	}
	return q, page, nil
}
