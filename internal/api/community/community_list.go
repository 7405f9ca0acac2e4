package community

import (
	"cmp"
	"errors"
	"net/http"
	"slices"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

const (
	defaultLimit = 10
	maxLimit     = 50
)

// list answers the communities this instance knows. New and Old order
// them by age; every other sort by subscribers (Tidings keeps no hot rank
// for communities), busiest first.
func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	typ, sortName := qs.String("type_"), qs.String("sort")
	limit, page, showNSFW := qs.Int64("limit"), qs.Int64("page"), qs.Bool("show_nsfw")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if sortName != "" {
		if _, ok := model.PostSort(sortName); !ok {
			m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown sort "+sortName)), nil, nil)
			return
		}
	}
	u, loggedIn := apiutil.User(r)
	switch {
	case typ != "" && typ != "All" && typ != "Local" && typ != "Subscribed":
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown type_ "+typ)), nil, nil)
		return
	case typ == "Subscribed" && !loggedIn:
		m.d.Fail(w, r, apiutil.ErrNotLoggedIn, nil, nil)
		return
	case limit < 0 || limit > maxLimit || page < 0:
		m.d.Fail(w, r, apiutil.ErrTooManyItems.Because(errors.New("limit or page out of range")), nil, nil)
		return
	}
	limit, page = cmp.Or(limit, defaultLimit), max(page, 1)
	all, err := m.d.Store.ListCommunities(r.Context(), typ == "Local", false)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	follows := map[int64]string{}
	if loggedIn {
		if follows, err = m.d.Store.SubscribedCommunityIDs(r.Context(), u.ID); err != nil {
			m.d.Fail(w, r, err, nil, nil)
			return
		}
	}
	showNSFW = showNSFW || (loggedIn && u.ShowNSFW)
	all = slices.DeleteFunc(all, func(c store.Community) bool {
		return c.Removed || (c.NSFW && !showNSFW) || (typ == "Subscribed" && follows[c.ID] == "")
	})
	switch sortName {
	case "New":
		slices.SortStableFunc(all, func(a, b store.Community) int { return b.Published.Compare(a.Published) })
	case "Old":
		slices.SortStableFunc(all, func(a, b store.Community) int { return a.Published.Compare(b.Published) })
	default:
		slices.SortStableFunc(all, func(a, b store.Community) int {
			return cmp.Or(cmp.Compare(b.Subscribers, a.Subscribers), cmp.Compare(b.Posts, a.Posts), cmp.Compare(a.ID, b.ID))
		})
	}
	from := min(int((page-1)*limit), len(all))
	shown := all[from:min(from+int(limit), len(all))]
	out, err := apiutil.CommunityViews(r.Context(), m.d.Store, r, shown)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, ListCommunitiesResponse{Communities: out})
}
