package search

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// maxResults is how many of each kind a search answers, as the web's
// search page shows; there is no second page.
const maxResults = 20

// search finds what the web's search finds. Lemmy's type_ Url searches
// posts as Posts does; sort, listing_type and post_title_only are
// accepted and change nothing; community_id and creator_id narrow the
// posts and comments found. Looking up something on another server is
// resolve_object's, not served yet.
func (m *Module) search(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	q, typ := strings.TrimSpace(qs.String("q")), qs.String("type_")
	communityID, creatorID, page, limit := qs.Int64("community_id"), qs.Int64("creator_id"), qs.Int64("page"), qs.Int64("limit")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if sort := qs.String("sort"); sort != "" {
		if _, ok := model.PostSort(sort); !ok {
			m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown sort "+sort)), nil, nil)
			return
		}
	}
	if typ == "" {
		typ = "All"
	}
	switch {
	case !slices.Contains([]string{"All", "Comments", "Posts", "Communities", "Users", "Url"}, typ):
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown type_ "+typ)), nil, nil)
		return
	case !utf8.ValidString(q) || strings.ContainsRune(q, 0) || utf8.RuneCountInString(q) > 200:
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("search for at most 200 characters of text")), nil, nil)
		return
	case page < 0 || limit < 0 || limit > 50:
		m.d.Fail(w, r, apiutil.ErrTooManyItems, nil, nil)
		return
	}
	resp := SearchResponse{Type: typ, Comments: []model.CommentView{}, Posts: []model.PostView{},
		Communities: []model.CommunityView{}, Users: []model.PersonView{}}
	n := maxResults
	if limit > 0 {
		n = int(limit)
	}
	if q == "" || page > 1 {
		apiutil.WriteJSON(w, http.StatusOK, resp)
		return
	}
	if err := m.fill(r, &resp, q, typ, n, communityID, creatorID); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, resp)
}

func (m *Module) fill(r *http.Request, resp *SearchResponse, q, typ string, n int, communityID, creatorID int64) error {
	ctx := r.Context()
	st := m.d.Store
	u, loggedIn := apiutil.User(r)
	var reader store.ReaderFilter
	if loggedIn {
		reader = store.ReaderFilterFor(u)
	}
	if typ == "All" || typ == "Posts" || typ == "Url" {
		posts, err := st.SearchPosts(ctx, q, n, loggedIn && u.ShowNSFW, reader)
		if err != nil {
			return err
		}
		posts = slices.DeleteFunc(posts, func(p store.Post) bool {
			return (communityID != 0 && p.CommunityID != communityID) || (creatorID != 0 && p.CreatorID != creatorID)
		})
		if resp.Posts, err = apiutil.PostViews(ctx, st, r, posts); err != nil {
			return err
		}
	}
	if typ == "All" || typ == "Comments" {
		found, err := st.SearchComments(ctx, q, n, reader)
		if err != nil {
			return err
		}
		comments := make([]store.Comment, 0, len(found))
		for _, c := range found {
			if creatorID == 0 || c.CreatorID == creatorID {
				comments = append(comments, c.Comment)
			}
		}
		views, err := apiutil.CommentViews(ctx, st, r, comments)
		if err != nil {
			return err
		}
		resp.Comments = slices.DeleteFunc(views, func(v model.CommentView) bool {
			return communityID != 0 && v.Community.ID != communityID
		})
	}
	if (typ == "All" || typ == "Communities") && communityID == 0 && creatorID == 0 {
		comms, err := st.SearchCommunities(ctx, q, n)
		if err != nil {
			return err
		}
		if resp.Communities, err = apiutil.CommunityViews(ctx, st, r, comms); err != nil {
			return err
		}
	}
	if (typ == "All" || typ == "Users") && communityID == 0 && creatorID == 0 {
		people, err := st.SearchPeople(ctx, q, n)
		if err != nil {
			return err
		}
		ids := make([]int64, len(people))
		for i, p := range people {
			ids[i] = p.ID
		}
		counts, err := st.CountPersonContent(ctx, ids)
		if err != nil {
			return err
		}
		facts, err := st.ReadMemberFacts(ctx, nil, ids)
		if err != nil {
			return err
		}
		for _, p := range people {
			resp.Users = append(resp.Users, model.NewPersonView(p, counts[p.ID], facts.Admin[p.ID]))
		}
	}
	return nil
}
