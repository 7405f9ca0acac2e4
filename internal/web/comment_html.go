package web

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
)

// The comment tree is the one part of a page written by hand rather than
// by html/template: html/template calls an escaper by reflection for every
// value, which for a few hundred comments cost more than the rest of the
// request together. Every value written here is a plain string passed
// through esc, a number, or HTML that was sanitized when it was stored.

var esc = template.HTMLEscapeString

// renderTree writes comments and their replies as nested <li> elements,
// with the markup templates/post.html expects inside <ol class="comment-tree">.
func renderTree(buf *bytes.Buffer, cs []*commentView) {
	for _, c := range cs {
		renderComment(buf, c)
	}
}

// out writes pieces one after another, which spares the allocation of
// joining them first.
type out struct{ *bytes.Buffer }

func (o out) w(parts ...string) {
	for _, p := range parts {
		o.WriteString(p)
	}
}

func renderComment(buf *bytes.Buffer, c *commentView) {
	b := out{buf}
	id := strconv.FormatInt(c.ID, 10)
	if c.Unread != "" {
		renderUnread(b, c, id)
		return
	}
	// The byline sits outside <details>, so that it stays in view when
	// the comment is folded and its links are not inside the <summary>
	// (a control within a control, which screen readers cannot tell
	// apart); the summary is only the fold toggle.
	b.w(`<li class="comment" id="c`, id, `">`, "\n", `<p class="comment-head">`)
	if a := c.Avatar; a != nil {
		b.w(`<img class="avatar" src="`, esc(a.Src), `" width="`, strconv.Itoa(a.W), `" height="`, strconv.Itoa(a.H),
			`" alt="" loading="lazy" referrerpolicy="no-referrer">`)
	}
	b.w(`<a class="author" href="`, esc(c.AuthorPath), `">`, esc(c.Author), `</a>`)
	if c.Points != "" {
		b.w(`<span class="points-sep"> · </span><span class="points">`, esc(c.Points), `</span>`)
	}
	b.w(` · `)
	writeTime(b, c.Published)
	if c.Edited != nil {
		b.w(` · <span class="edited" title="edited `, esc(c.Edited.Exact), `">edited</span>`)
	}
	if c.Language != "" {
		b.w(` · <span class="lang">`, esc(c.Language), `</span>`)
	}
	b.w("</p>\n<details open><summary><span class=\"visually-hidden\">Comment by ", esc(c.Author),
		"</span></summary>\n<div class=\"comment-body\">")
	writeVote(b, c.Vote)
	b.w(`<div class="comment-main">`, "\n")
	if c.VoteError != "" {
		b.w(`<p class="field-error" role="alert">`, esc(c.VoteError), `</p>`)
	}
	switch {
	case c.Deleted:
		b.w(`<p class="gone">deleted by its author</p>`)
	case c.Removed && !c.SeeRemoved:
		b.w(`<p class="gone">removed by a moderator</p>`)
	case c.Removed:
		b.w(`<p class="gone">removed by a moderator; only its author and the moderators see it</p>`,
			`<div class="md removed">`, string(c.BodyHTML), `</div>`)
	default:
		b.w(`<div class="md">`)
		b.w(string(c.BodyHTML))
		b.w(`</div>`)
	}
	b.w("\n", `<div class="actions"><a href="/comment/`, id, `" title="permalink" class="share">`, iconSVG("share"), `link</a>`)
	if isWebURL(c.FediLink) {
		b.w(` <a href="`, esc(c.FediLink), `" rel="nofollow noopener" title="View on its home instance">`, iconSVG("fedilink"), `fedilink</a>`)
	}
	if c.CanReport {
		b.w(` <a href="/comment/`, id, `/report">`, iconSVG("report"), `report</a>`)
	}
	if c.Save != nil {
		writeSave(b, "comment", id, c.Save)
	}
	if c.Mine {
		if !c.Deleted {
			b.w(` <a href="/comment/`, id, `/edit">edit</a>`)
		}
		b.w("\n", `<form method="post" action="/comment/`, id, `/delete" class="inline">`)
		if c.Deleted {
			b.w(`<button type="submit" name="restore" value="1" class="link">restore</button>`)
		} else {
			b.w(`<button type="submit" class="link">delete</button>`)
		}
		b.w(`</form>`)
	}
	b.w("</div>\n")
	if c.ModPath != "" {
		renderCommentModeration(b, c, id)
	}
	if c.CanReply {
		pid := strconv.FormatInt(c.PostID, 10)
		open, body, problem, described := "", "", "", ""
		if d := c.Draft; d != nil {
			// A refused reply: the form open, the text kept, the reason
			// beside it and read out with the field.
			open, body = " open", esc(d.Body)
			problem = `<p class="field-error" id="reply-error-` + id + `">` + esc(d.Error) + `</p>`
			described = ` aria-describedby="reply-error-` + id + `" aria-invalid="true" autofocus`
		}
		b.w(`<details class="reply"`, open, `><summary>reply</summary>`, "\n",
			`<form method="post" action="/post/`, pid, `/comment" class="comment-form">`,
			`<input type="hidden" name="parent" value="`, id, `">`,
			`<label for="reply-`, id, `">`, esc(c.ReplyLabel), `</label>`, problem,
			`<textarea id="reply-`, id, `" name="body" rows="4" maxlength="10000" required`, described, `>`, body, `</textarea>`,
			`<button type="submit">Post comment</button></form></details>`, "\n")
	}
	b.w("</div></div>\n")
	if len(c.Children) > 0 {
		b.w(`<ol class="comment-tree">`)
		renderTree(b.Buffer, c.Children)
		b.w("</ol>\n")
	}
	if c.MoreText != "" {
		b.w(`<p class="more"><a href="/comment/`, id, `">`, esc(c.MoreText), "</a></p>\n")
	}
	b.w("</details></li>\n")
}

// renderUnread is a comment the reader does not read, collapsed to why,
// with its replies beneath it, still open.
func renderUnread(b out, c *commentView, id string) {
	summary, why := "blocked", `You block its author or their instance. <a href="/settings/blocks">Your blocks</a>`
	switch c.Unread {
	case "bot":
		summary, why = "hidden: a bot's comment", `You hide bot accounts. <a href="/settings/reading">Reading settings</a>`
	case "language":
		summary, why = "hidden: in "+esc(c.Language), `It is not in a language you read. <a href="/settings/reading">Reading settings</a>`
	}
	b.w(`<li class="comment unread" id="c`, id, `"><details>`, "\n<summary>", summary, "</summary>\n",
		`<p class="gone">`, why, "</p></details>\n")
	if len(c.Children) > 0 {
		b.w(`<ol class="comment-tree">`)
		renderTree(b.Buffer, c.Children)
		b.w("</ol>\n")
	}
	if c.MoreText != "" {
		b.w(`<p class="more"><a href="/comment/`, id, `">`, esc(c.MoreText), "</a></p>\n")
	}
	b.w("</li>\n")
}

// writeSave is templates/save_button.html for one comment.
func writeSave(b out, kind, id string, s *saveButton) {
	b.w("\n", `<form method="post" action="/`, kind, `/`, id, `/save" class="inline save">`,
		`<input type="hidden" name="return" value="`, esc(s.Return), `">`)
	if s.Saved {
		b.w(`<input type="hidden" name="undo" value="1"><button type="submit" class="link" aria-pressed="true">`, iconSVG("save"), `unsave</button>`)
	} else {
		b.w(`<button type="submit" class="link" aria-pressed="false">`, iconSVG("save"), `save</button>`)
	}
	b.w(`</form>`)
}

// renderCommentModeration is a moderator's removal (or restore) of the
// comment, with a reason, and the way to ban its author.
func renderCommentModeration(b out, c *commentView, id string) {
	verb, undo := "Remove", ""
	if c.Removed {
		verb, undo = "Restore", `<input type="hidden" name="undo" value="1">`
	}
	b.w(`<details class="mod"><summary>moderate</summary>`, "\n",
		`<form method="post" action="/comment/`, id, `/remove" class="mod-form">`, undo,
		`<label for="reason-`, id, `">Reason for the moderation log</label>`,
		`<input id="reason-`, id, `" name="reason" maxlength="10000">`,
		`<button type="submit">`, verb, ` comment</button></form>`, "\n",
		`<p><a href="`, esc(c.ModPath), `?ban=`, esc(urlQueryEscape(c.AuthorHandle)), `#ban">Ban `, esc(c.AuthorHandle),
		` from the community</a></p></details>`, "\n")
}

func writeTime(b out, w when) {
	b.w(`<time datetime="`, esc(w.ISO), `" title="`, esc(w.Exact), `">`, esc(w.Ago), `</time>`)
}

// writeVote is templates/vote.html for one comment.
func writeVote(b out, v voteView) {
	id := strconv.FormatInt(v.ID, 10)
	b.w(`<div class="vote" data-vote="`, esc(v.Kind), `-`, id, `">`,
		`<form method="post" action="/`, esc(v.Kind), `/`, id, `/vote">`,
		`<input type="hidden" name="return" value="`, esc(v.Return), `">`, "\n")
	b.w(`<button type="submit" name="score" value="`, strconv.Itoa(v.UpValue), `" class="up`, onClass(v.UpOn),
		`" aria-pressed="`, strconv.FormatBool(v.UpOn), `" aria-label="Upvote">`, iconSVG("up"), `</button>`, "\n")
	if v.HideScore {
		b.w(`<span class="score" hidden></span>`, "\n")
	} else {
		b.w(`<span class="score" title="`, esc(v.Tally), `">`, strconv.Itoa(v.Score), `</span>`, "\n")
	}
	b.w(`<button type="submit" name="score" value="`, strconv.Itoa(v.DownValue), `" class="down`, onClass(v.DownOn),
		`" aria-pressed="`, strconv.FormatBool(v.DownOn), `" aria-label="Downvote">`, iconSVG("down"), `</button>`, "\n</form></div>")
}

func onClass(on bool) string {
	if on {
		return " on"
	}
	return ""
}

// isWebURL keeps links to anything but http and https off our pages.
func isWebURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// treeHTML renders a whole tree for a page template to include.
func treeHTML(cs []*commentView) template.HTML {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer release(b)
	renderTree(b, cs)
	return template.HTML(b.String()) //nolint:gosec // every value escaped above
}
