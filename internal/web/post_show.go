package web

import (
	"errors"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type postPage struct {
	page
	Post        store.Post
	Picture     *img // the post's link when it is a picture, from our copy
	Preview     *img // the link's page's picture, as a thumbnail
	Community   store.Community
	Vote        voteView
	Comments    template.HTML // the rendered tree; see comment_html.go
	Hidden      int
	ShowAllURL  string
	CommentSort string
	Sorts       []string
	Mine        bool
	Rights      forum.Rights
	// ModPath is the community's moderation page, for those who moderate.
	ModPath string
	// SeeRemoved: the author and the moderators still read a removed
	// post, marked as removed.
	SeeRemoved bool
	Save       *saveButton // nil for a reader not logged in
	Blur       bool        // an NSFW post's picture and text wait for a click
	// AuthorBlocked: the reader blocks the post's author or their instance.
	AuthorBlocked bool
	// Draft is a comment that was refused, shown again in its form.
	Draft commentDraft
}

// commentDraft is what someone typed into a comment form that was
// refused, and why, so the thread can show both again beside the form
// rather than on a page of its own that loses the text.
type commentDraft struct {
	Parent int64 // 0 for the form under the post
	Body   string
	Error  string
	// VoteOn names the vote widget ("post-12", "comment-5") whose vote
	// was refused; the reason is then shown beside it, and no comment
	// form is involved.
	VoteOn string
	// Placed: a reply went back into its comment's form. A draft that
	// has no form to go to any more (the post was locked or the parent
	// removed since the page was loaded) is shown above the comments.
	Placed bool
	Orphan bool
}

func (h *Handler) postShow(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such post.")
		return
	}
	h.showThread(w, r, id, http.StatusOK, nil)
}

// showThread renders a post and its comments with status; draft, when not
// nil, is a refused comment to put back into its form.
func (h *Handler) showThread(w http.ResponseWriter, r *http.Request, id int64, status int, draft *commentDraft) {
	ctx := r.Context()
	post, community, ok := h.threadFrame(w, r, id, "post")
	if !ok {
		return
	}
	sortBy := commentSort(r)
	comments, err := h.threadComments(ctx, id)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := postPage{page: h.newPage(r, post.Title), Post: post, Community: community, CommentSort: sortBy, Sorts: commentSorts}
	pics := h.pictures(ctx, forum.RemoteImage{URL: post.URL, Purpose: store.ImagePost},
		forum.RemoteImage{URL: post.ThumbnailURL, Purpose: store.ImagePost})
	if post.IsImage() {
		p.Picture = whole(pics, post.URL, 640, 480, false)
	} else {
		p.Preview = whole(pics, post.ThumbnailURL, 320, 240, true)
	}
	if draft != nil {
		// Answering a form's POST: links and the vote forms' way back
		// must lead to the thread, not to the address the form went to.
		p.Draft = *draft
		p.Path = "/post/" + strconv.FormatInt(id, 10)
		p.Canonical = h.base + p.Path
	}
	votes := map[int64]int{}
	myVote := 0
	if err := h.moderatorView(r, &p); err != nil {
		h.serverError(w, r, err)
		return
	}
	var rd threadReader
	if p.User != nil {
		p.Mine = p.User.ID == post.CreatorID
		// Read for "hide read posts". A blocked author is kept out of the
		// reader's listings, not out of a page they opened on purpose,
		// which says that they block them.
		if err := h.store.MarkPostRead(ctx, p.User.ID, post.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
		mine, err := h.store.ReadThreadReader(ctx, p.User.ID, post.ID, p.User.HasBlocks)
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		myVote, votes = mine.PostVote, mine.CommentVotes
		p.Save = &saveButton{Saved: mine.PostSaved, Return: p.Path}
		p.AuthorBlocked = mine.Blocked[post.CreatorID]
		rd = newThreadReaderOf(*p.User, mine)
	}
	limit := maxShownComments
	if r.URL.Query().Get("all") == "1" {
		limit = math.MaxInt
	}
	p.Vote = newVote("post", post.ID, post.Score, post.Upvotes, post.Downvotes, myVote, p.Path)
	nodes, hidden := buildTree(comments, votes, sortBy, 0, limit)
	p.SeeRemoved = post.Removed && (p.Mine || p.Rights.Moderate)
	tc := h.newThreadContext(p.page, post, p.ModPath)
	tc.reader = rd
	tc.avatars = h.pictures(ctx, commentAvatars(comments)...)
	if draft != nil && (draft.Parent != 0 || draft.VoteOn != "") {
		tc.draft = draft
	}
	p.Comments, p.Hidden = treeHTML(tc.views(nodes)), hidden
	if draft != nil && draft.VoteOn == "" {
		p.Draft.Orphan = post.Deleted || post.Removed || post.Locked || (draft.Parent != 0 && !draft.Placed)
	}
	p.Vote.HideScore = !showScores(p.User)
	p.Blur = post.NSFW && blurNSFW(p.User)
	if p.Hidden > 0 {
		p.ShowAllURL = "/post/" + strconv.FormatInt(id, 10) + "?all=1&sort=" + sortBy
	}
	if !post.Deleted && !post.Removed {
		p.Description = h.forum.PlainText(post.Body, 300)
	}
	if pic, ok := pics[post.ThumbnailURL]; ok && !post.Deleted && !post.Removed {
		p.Image = pic.Thumb
	}
	h.render(w, r, status, "post", p)
}

// moderatorView tells the post and comment pages what the viewer may do
// as a moderator there.
func (h *Handler) moderatorView(r *http.Request, p *postPage) error {
	if p.User == nil {
		return nil
	}
	rights, err := h.forum.RightsIn(r.Context(), *p.User, p.Community.ID)
	if err != nil || !rights.Moderate {
		return err
	}
	p.Rights = rights
	p.ModPath = h.names.communityPath(p.Community.Name, p.Community.Domain) + "/moderation"
	return nil
}

// threadFrame loads a post and its community for the post and comment
// pages, answering 404 or 500 itself when it cannot: a post is hidden with
// its deleted community.
func (h *Handler) threadFrame(w http.ResponseWriter, r *http.Request, postID int64, what string) (store.Post, store.Community, bool) {
	post, err := h.forum.Post(r.Context(), postID)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no such "+what+". It may never have existed here.")
		return post, store.Community{}, false
	}
	if err != nil {
		h.serverError(w, r, err)
		return post, store.Community{}, false
	}
	community, err := h.store.CommunityByID(r.Context(), post.CommunityID)
	if err != nil {
		h.serverError(w, r, err)
		return post, community, false
	}
	if community.Deleted || community.Removed {
		h.notFoundMsg(w, r, "This "+what+" was in a community that has been deleted.")
		return post, community, false
	}
	return post, community, true
}

// commentSort is the thread's sort from the query, Hot by default.
func commentSort(r *http.Request) string {
	if s := r.URL.Query().Get("sort"); slices.Contains(commentSorts, s) {
		return s
	}
	return "hot"
}

// commentAvatars are the comments' authors' avatars, each once.
func commentAvatars(cs []store.Comment) []forum.RemoteImage {
	seen := map[string]bool{}
	var out []forum.RemoteImage
	for _, c := range cs {
		if c.CreatorAvatar != "" && !seen[c.CreatorAvatar] {
			seen[c.CreatorAvatar] = true
			out = append(out, forum.RemoteImage{URL: c.CreatorAvatar, Purpose: store.ImageAvatar})
		}
	}
	return out
}
