package comment

import (
	"cmp"
	"errors"
	"net/http"
	"slices"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// Lemmy's limits: 10 comments a page unless asked; a tree of at most 300.
const (
	defaultLimit = 10
	maxLimit     = 300
	maxPage      = 1000
)

// commentSorts order siblings, as Lemmy's CommentSortType names them.
var commentSorts = map[string]func(a, b store.Comment) int{
	"Hot":           func(a, b store.Comment) int { return cmp.Compare(b.HotRank, a.HotRank) },
	"Top":           func(a, b store.Comment) int { return cmp.Compare(b.Score, a.Score) },
	"New":           func(a, b store.Comment) int { return b.Published.Compare(a.Published) },
	"Old":           func(a, b store.Comment) int { return a.Published.Compare(b.Published) },
	"Controversial": func(a, b store.Comment) int { return cmp.Compare(b.Controversy, a.Controversy) },
}

// list answers a post's comments, or a comment and the replies under it
// (parent_id), to max_depth levels, as a tree in path order: each
// comment after its parent, siblings in the sort's order. A page is
// limit top-level threads (or replies of the parent) with all that is
// under them, so paging never cuts a thread in two.
//
// Listing comments across the site or a community (no post_id or
// parent_id) is not served yet, but for saved_only, the reader's saved
// comments newest saved first: it answers couldnt_get_comments.
// liked_only, disliked_only and saved_only keep the reader's up- or
// downvoted or saved ones.
func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	postID, parentID := qs.Int64("post_id"), qs.Int64("parent_id")
	maxDepth, limit, page := qs.Int64("max_depth"), qs.Int64("limit"), qs.Int64("page")
	sortName, typ := qs.String("sort"), qs.String("type_")
	saved, liked, disliked := qs.Bool("saved_only"), qs.Bool("liked_only"), qs.Bool("disliked_only")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if sortName == "" {
		sortName = "Hot"
	}
	byOrder, ok := commentSorts[sortName]
	if !ok {
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown sort "+sortName)), nil, nil)
		return
	}
	switch typ {
	case "", "All", "Local", "Subscribed":
		// Within one post the listing type changes nothing.
	default:
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown type_ "+typ)), nil, nil)
		return
	}
	switch {
	case limit < 0 || limit > maxLimit, page < 0 || page > maxPage, maxDepth < 0:
		m.d.Fail(w, r, apiutil.ErrGetComments.Because(errors.New("limit, page or max_depth out of range")), nil, nil)
		return
	case liked && disliked:
		m.d.Fail(w, r, apiutil.NewError("contradicting_filters", http.StatusBadRequest), nil, nil)
		return
	case saved && postID == 0 && parentID == 0:
		m.savedList(w, r, limit, max(page, 1))
		return
	case postID == 0 && parentID == 0:
		m.d.Fail(w, r, apiutil.ErrGetComments.Because(errors.New("only a post's comments are served yet")), nil, nil)
		return
	}
	// A tree (max_depth without a limit) is asked for whole, as Lemmy's
	// tree mode does, and like it and the thread page it stops at 300
	// comments: a huge thread's rest is a parent_id away.
	wholeTree := limit == 0 && maxDepth > 0
	if limit == 0 {
		limit = defaultLimit
		if wholeTree {
			limit = maxLimit
		}
	}
	page = max(page, 1)

	var root []int64 // the parent's path: the listing is it and what is under it
	if parentID != 0 {
		parent, err := m.d.Forum.Comment(r.Context(), parentID)
		if err != nil {
			m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
			return
		}
		postID, root = parent.PostID, parent.Path
	}
	p, err := m.d.Forum.Post(r.Context(), postID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	tree, err := m.d.Store.CommentsOfPost(r.Context(), postID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if parentID != 0 {
		tree = slices.DeleteFunc(tree, func(c store.Comment) bool { return !under(c.Path, root) })
	}
	top := max(len(root), 1) // the length of the listing's top-level paths
	depth := int(maxDepth)
	if parentID != 0 && depth > 0 {
		depth++ // below a parent, Lemmy counts max_depth from its replies
	}
	shown := arrange(tree, top, depth, byOrder)
	if liked || disliked || saved {
		if liked || disliked {
			shown, err = m.votedOnly(r, shown, liked)
		}
		if err == nil && saved {
			shown, err = m.savedOnly(r, shown)
		}
		if err != nil {
			m.d.Fail(w, r, err, nil, nil)
			return
		}
		// What is left is no tree: a page is limit comments, as Lemmy's.
		from := min(int((page-1)*limit), len(shown))
		shown = shown[from:min(from+int(limit), len(shown))]
	} else {
		shown = pageOf(shown, top, int(limit), int(page))
		if wholeTree {
			shown = shown[:min(len(shown), maxLimit)]
		}
	}
	views, err := m.views(r.Context(), r, p, shown, tree)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetCommentsResponse{Comments: views})
}

// votedOnly keeps the comments the reader voted up (or down).
func (m *Module) votedOnly(r *http.Request, list []store.Comment, up bool) ([]store.Comment, error) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	votes, err := m.d.Store.CommentVotes(r.Context(), u.ID, ids)
	if err != nil {
		return nil, err
	}
	want := -1
	if up {
		want = 1
	}
	return slices.DeleteFunc(list, func(c store.Comment) bool { return votes[c.ID] != want }), nil
}

// under reports whether path is root's or lies below it.
func under(path, root []int64) bool {
	return len(path) >= len(root) && slices.Equal(path[:len(root)], root)
}

// arrange orders a tree (parents before children) depth first, siblings
// by order. Its top level is the comments whose paths are top long; with
// maxDepth (0: no limit) it keeps that many levels, as Lemmy's max_depth
// counts them: 1 is the top level alone.
func arrange(tree []store.Comment, top, maxDepth int, order func(a, b store.Comment) int) []store.Comment {
	kids := map[int64][]store.Comment{} // parent id (0 for the top) → children
	for _, c := range tree {
		if maxDepth > 0 && len(c.Path)-top >= maxDepth {
			continue
		}
		var parent int64
		if len(c.Path) > top {
			parent = c.Path[len(c.Path)-2]
		}
		kids[parent] = append(kids[parent], c)
	}
	out := make([]store.Comment, 0, len(tree))
	var walk func(id int64)
	walk = func(id int64) {
		list := kids[id]
		slices.SortStableFunc(list, order)
		for _, c := range list {
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk(0)
	return out
}

// pageOf keeps the page-th run of limit top-level comments (paths top
// long) with everything under them.
func pageOf(list []store.Comment, top, limit, page int) []store.Comment {
	start, end, tops := -1, len(list), 0
	for i, c := range list {
		if len(c.Path) != top {
			continue
		}
		if tops == (page-1)*limit {
			start = i
		}
		if tops == page*limit {
			end = i
			break
		}
		tops++
	}
	if start < 0 {
		return []store.Comment{}
	}
	return list[start:end]
}
