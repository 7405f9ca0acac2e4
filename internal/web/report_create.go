package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// reportFormPage is the form that reports a post or a comment, and, once
// sent, its thanks.
type reportFormPage struct {
	page
	What       string // "post" or "comment"
	Action     string
	Back       string // the reported post or comment, to go back to
	Excerpt    string // the post's title, or the start of the comment
	Author     string
	AuthorPath string
	Community  store.Community
	Reason     string
	Sent       bool
}

// The report routes of posts and of comments share their handlers.
func (h *Handler) reportPostForm(w http.ResponseWriter, r *http.Request) {
	h.reportForm(w, r, false)
}

func (h *Handler) reportCommentForm(w http.ResponseWriter, r *http.Request) {
	h.reportForm(w, r, true)
}

func (h *Handler) reportPostCreate(w http.ResponseWriter, r *http.Request) {
	h.reportCreate(w, r, false)
}

func (h *Handler) reportCommentCreate(w http.ResponseWriter, r *http.Request) {
	h.reportCreate(w, r, true)
}

// reportForm asks why the post or comment should be looked at; with
// ?sent=1, it thanks the person who just reported it.
func (h *Handler) reportForm(w http.ResponseWriter, r *http.Request, comment bool) {
	p, t, ok := h.reportTarget(w, r, comment)
	if !ok {
		return
	}
	if r.URL.Query().Get("sent") == "1" {
		p.Sent, p.Title = true, "Report sent"
		h.render(w, r, http.StatusOK, "report_form", p)
		return
	}
	if err := h.forum.Reportable(r.Context(), *p.User, t); err != nil {
		h.refuseForm(w, r, "Nothing to report", err)
		return
	}
	h.render(w, r, http.StatusOK, "report_form", p)
}

// reportCreate files the report and comes back to the form's thanks.
func (h *Handler) reportCreate(w http.ResponseWriter, r *http.Request, comment bool) {
	p, t, ok := h.reportTarget(w, r, comment)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Report not sent", errorText(err))
		return
	}
	if !h.limits.post.Allow("u" + strconv.FormatInt(p.User.ID, 10)) {
		h.message(w, r, http.StatusTooManyRequests, "Slow down", "You are sending too fast. Wait a few seconds and try again.")
		return
	}
	p.Reason = r.PostForm.Get("reason")
	var err error
	if comment {
		_, err = h.forum.ReportComment(r.Context(), *p.User, t.CommentID, p.Reason)
	} else {
		_, err = h.forum.ReportPost(r.Context(), *p.User, t.PostID, p.Reason)
	}
	if err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p.Error = errorText(err)
		h.render(w, r, statusFor(err), "report_form", p)
		return
	}
	http.Redirect(w, r, p.Action+"?sent=1", http.StatusSeeOther)
}

// reportTarget reads the post or comment in the URL and fills in what the
// form shows of it, answering 404 or 500 itself when it cannot.
func (h *Handler) reportTarget(w http.ResponseWriter, r *http.Request, comment bool) (reportFormPage, forum.Target, bool) {
	what := "post"
	if comment {
		what = "comment"
	}
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such "+what+".")
		return reportFormPage{}, forum.Target{}, false
	}
	t := forum.Target{PostID: id}
	var author, authorDomain, excerpt, back string
	if comment {
		c, err := h.forum.Comment(r.Context(), id)
		if err != nil {
			h.refuseForm(w, r, "Nothing to report", err)
			return reportFormPage{}, t, false
		}
		t = forum.Target{PostID: c.PostID, CommentID: id}
		author, authorDomain = c.CreatorName, c.CreatorDomain
		excerpt = h.forum.PlainText(c.Body, 200)
		back = "/post/" + strconv.FormatInt(c.PostID, 10) + "#c" + strconv.FormatInt(id, 10)
	}
	post, community, ok := h.threadFrame(w, r, t.PostID, what)
	if !ok {
		return reportFormPage{}, t, false
	}
	if !comment {
		author, authorDomain, excerpt = post.CreatorName, post.CreatorDomain, post.Title
		back = "/post/" + strconv.FormatInt(id, 10)
	}
	p := reportFormPage{page: h.newPage(r, "Report a "+what), What: what, Back: back, Excerpt: excerpt,
		Action: "/" + what + "/" + strconv.FormatInt(id, 10) + "/report", Community: community,
		Author: h.names.handle(author, authorDomain), AuthorPath: h.names.userPath(author, authorDomain)}
	p.Canonical = ""
	return p, t, true
}

// refuseForm answers a person's mistake with a page that says what it
// was, and anything else with a 500.
func (h *Handler) refuseForm(w http.ResponseWriter, r *http.Request, heading string, err error) {
	if !isInput(err) {
		h.serverError(w, r, err)
		return
	}
	h.message(w, r, statusFor(err), heading, errorText(err))
}
