package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

var errPersonNotFound = apiutil.NewError("couldnt_find_person", http.StatusBadRequest)

// maxDetails is how many posts and comments a profile lists, as the web's
// profile page does; Lemmy's sort, page and community_id filters of a
// profile are not served yet and the newest come first.
const maxDetails = 20

// get answers a person's profile: by person_id or username (name or
// name@host), with their latest posts and comments and the communities
// they moderate; with saved_only, the reader's own saved posts and
// comments in their place, as Lemmy's saved view asks for them.
func (m *Module) get(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	id, name := qs.Int64("person_id"), qs.String("username")
	limit, savedOnly := qs.Int64("limit"), qs.Bool("saved_only")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	switch {
	case id == 0 && name == "":
		m.d.Fail(w, r, apiutil.NewError("no_id_given", http.StatusBadRequest), nil, nil)
		return
	case limit < 0 || limit > 50:
		m.d.Fail(w, r, apiutil.ErrTooManyItems, nil, nil)
		return
	}
	limit = min(max(limit, 0), maxDetails)
	if limit == 0 {
		limit = maxDetails
	}
	var p store.Person
	var err error
	if id != 0 {
		p, err = m.d.Store.PersonByID(r.Context(), id)
	} else {
		p, err = m.d.Forum.PersonByHandle(r.Context(), name)
	}
	if err != nil {
		m.d.Fail(w, r, err, errPersonNotFound, errPersonNotFound)
		return
	}
	var posts []store.Post
	var comments []store.Comment
	if savedOnly {
		posts, comments, err = m.saved(r, int(limit))
	} else {
		posts, comments, err = m.written(r, p.ID, int(limit))
	}
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	resp := GetPersonDetailsResponse{Moderates: []model.CommunityModeratorView{}}
	if resp.Posts, err = apiutil.PostViews(r.Context(), m.d.Store, r, posts); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if resp.Comments, err = apiutil.CommentViews(r.Context(), m.d.Store, r, comments); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if resp.PersonView, err = apiutil.PersonView(r.Context(), m.d.Store, p); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	moderated, err := m.d.Store.ModeratedCommunityIDs(r.Context(), p.ID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	comms, err := m.d.Store.CommunitiesByIDsUncounted(r.Context(), moderated)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	me := model.NewPerson(p)
	for _, cid := range moderated {
		if c, ok := comms[cid]; ok {
			resp.Moderates = append(resp.Moderates, model.CommunityModeratorView{Community: model.NewCommunity(c), Moderator: me})
		}
	}
	apiutil.WriteJSON(w, http.StatusOK, resp)
}

// written is a person's latest posts and comments.
func (m *Module) written(r *http.Request, personID int64, limit int) ([]store.Post, []store.Comment, error) {
	u, loggedIn := apiutil.User(r)
	posts, err := m.d.Store.PersonPosts(r.Context(), personID, limit, loggedIn && u.ShowNSFW)
	if err != nil {
		return nil, nil, err
	}
	withPost, err := m.d.Store.PersonComments(r.Context(), personID, limit)
	if err != nil {
		return nil, nil, err
	}
	comments := make([]store.Comment, len(withPost))
	for i, c := range withPost {
		comments[i] = c.Comment
	}
	return posts, comments, nil
}

// saved is the reader's latest saved posts and comments.
func (m *Module) saved(r *http.Request, limit int) ([]store.Post, []store.Comment, error) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		return nil, nil, err
	}
	pg, err := m.d.Store.ListPosts(r.Context(), store.PostQuery{Sort: store.SortNew, Listing: store.ListingAll,
		PersonID: u.ID, Saved: true, ShowNSFW: u.ShowNSFW, Limit: limit})
	if err != nil {
		return nil, nil, err
	}
	comments, err := m.d.Store.SavedCommentsOf(r.Context(), u.ID, limit, 0)
	return pg.Posts, comments, err
}
