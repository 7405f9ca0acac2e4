package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// The thread page renders hundreds of comments. text/template finds a
// field of an embedded struct, or calls a function, by reflection that
// allocates each time; so each comment is turned once into a flat view
// whose fields the templates read directly.

// voteView is one vote widget.
type voteView struct {
	Kind      string // "post" or "comment"
	ID        int64
	Score     int
	Tally     string // "3 up, 1 down"
	Return    string
	UpOn      bool
	DownOn    bool
	UpValue   int // what pressing ▲ sends: 0 takes an upvote back
	DownValue int
	HideScore bool // the reader chose not to see scores
}

func newVote(kind string, id int64, score, up, down, my int, back string) voteView {
	v := voteView{Kind: kind, ID: id, Score: score, Tally: strconv.Itoa(up) + " up, " + strconv.Itoa(down) + " down",
		Return: back, UpOn: my == 1, DownOn: my == -1, UpValue: 1, DownValue: -1}
	if v.UpOn {
		v.UpValue = 0
	}
	if v.DownOn {
		v.DownValue = 0
	}
	return v
}

// when is a time as the pages show it: relative, with the exact time on hover.
type when struct {
	ISO, Exact, Ago string
}

func newWhen(t time.Time) when {
	return when{ISO: t.UTC().Format(time.RFC3339), Exact: t.UTC().Format("2 Jan 2006 15:04 UTC"), Ago: relTime(t)}
}

// names turns people and communities into what pages show and link to.
type names struct{ localHost string }

func (n names) handle(name, domain string) string {
	if domain == n.localHost {
		return name
	}
	return name + "@" + domain
}

func (n names) userPath(name, domain string) string {
	if domain == n.localHost {
		return "/u/" + url.PathEscape(name)
	}
	return "/u/" + url.PathEscape(name) + "@" + domain
}

func (n names) communityPath(name, domain string) string {
	if domain == n.localHost {
		return "/c/" + url.PathEscape(name)
	}
	return "/c/" + url.PathEscape(name) + "@" + domain
}

func plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// commentView is a comment ready to render, with its replies.
type commentView struct {
	ID         int64
	PostID     int64
	Author     string
	AuthorPath string
	Points     string
	Published  when
	Edited     *when
	Language   string // "" when undetermined
	Deleted    bool
	Removed    bool
	// SeeRemoved: the viewer, its author or a moderator, still reads a
	// removed comment's text, marked as removed.
	SeeRemoved bool
	BodyHTML   template.HTML
	FediLink   string // the origin of a remote comment
	Mine       bool
	CanReply   bool
	CanReport  bool
	ReplyLabel string
	Vote       voteView
	Children   []*commentView
	MoreText   string // "Continue this thread (3 more replies)", when replies are cut
	// ModPath is the community's moderation page, when the viewer
	// moderates: the comment then offers removal and a ban of its author.
	ModPath      string
	AuthorHandle string      // as the ban form takes it
	Save         *saveButton // nil for a reader not logged in
	// Unread is why the reader does not read this comment ("blocked",
	// "bot", "language"): it shows collapsed, its replies beneath it.
	Unread string
	// Avatar is its author's, small beside the name; nil for none.
	Avatar *img
	// Draft is a refused reply to this comment, shown in its open form.
	Draft *commentDraft
	// VoteError is why the reader's vote on it was refused.
	VoteError string
}

// threadContext is what every comment of a page shares.
type threadContext struct {
	names
	viewer     int64 // 0 when nobody is logged in
	path       string
	postClosed bool // deleted, removed or locked: no replies
	// modPath is the community's moderation page when the viewer may
	// moderate it, "" otherwise.
	modPath string
	reader  threadReader
	draft   *commentDraft // a refused reply, put back under its comment
	avatars map[string]forum.Picture
}

func (tc threadContext) views(nodes []*commentNode) []*commentView {
	out := make([]*commentView, 0, len(nodes))
	for _, n := range nodes {
		c := n.Comment
		children := tc.views(n.Children)
		unread := tc.reader.unread(c)
		if unread != "" && unread != "blocked" && len(children) == 0 && n.Hidden == 0 {
			// A bot's or another language's comment without replies
			// leaves the thread; a blocked person's shows as blocked.
			continue
		}
		v := &commentView{
			ID: c.ID, PostID: c.PostID, Author: tc.handle(c.CreatorName, c.CreatorDomain),
			AuthorPath: tc.userPath(c.CreatorName, c.CreatorDomain), Points: plural(c.Score, "point", "points"),
			Published: newWhen(c.Published), Deleted: c.Deleted, Removed: c.Removed,
			BodyHTML: template.HTML(c.BodyHTML), //nolint:gosec // sanitized when stored
			Mine:     tc.viewer != 0 && tc.viewer == c.CreatorID, ModPath: tc.modPath,
			Vote: newVote("comment", c.ID, c.Score, c.Upvotes, c.Downvotes, n.MyVote,
				tc.path+"#c"+strconv.FormatInt(c.ID, 10)),
		}
		v.CanReport = tc.viewer != 0 && !v.Mine && !c.Deleted && !c.Removed
		v.SeeRemoved = c.Removed && (v.Mine || tc.modPath != "")
		if tc.modPath != "" {
			v.AuthorHandle = tc.handle(c.CreatorName, c.CreatorDomain)
		}
		v.CanReply = tc.viewer != 0 && !c.Deleted && !c.Removed && !tc.postClosed && len(c.Path) < store.MaxCommentDepth
		if v.CanReply {
			v.ReplyLabel = "Reply to " + c.CreatorName
		}
		if tc.draft != nil && tc.draft.VoteOn == "comment-"+strconv.FormatInt(c.ID, 10) {
			v.VoteError = tc.draft.Error
		}
		if v.CanReply && tc.draft != nil && tc.draft.VoteOn == "" && tc.draft.Parent == c.ID {
			v.Draft = tc.draft
			tc.draft.Placed = true
		}
		if c.Updated != nil {
			w := newWhen(*c.Updated)
			v.Edited = &w
		}
		if c.Language != "und" {
			v.Language = forum.LanguageName(c.Language)
		}
		if !c.Local {
			v.FediLink = c.APID
		}
		if n.Hidden > 0 {
			v.MoreText = "Continue this thread (" + plural(n.Hidden, "more reply", "more replies") + ")"
		}
		if tc.viewer != 0 {
			v.Save = &saveButton{Saved: tc.reader.saved[c.ID], Return: v.Vote.Return}
		}
		if tc.reader.hideScores {
			v.Vote.HideScore, v.Points = true, ""
		}
		v.Unread = unread
		v.Avatar = square(tc.avatars, c.CreatorAvatar, commentAvatarBox)
		v.Children = children
		out = append(out, v)
	}
	return out
}

// newThreadContext prepares the shared facts of a thread page; modPath
// is the community's moderation page when the viewer moderates it.
func (h *Handler) newThreadContext(p page, post store.Post, modPath string) threadContext {
	tc := threadContext{names: h.names, path: p.Path, postClosed: post.Deleted || post.Removed || post.Locked,
		modPath: modPath}
	if p.User != nil {
		tc.viewer = p.User.ID
	}
	return tc
}
