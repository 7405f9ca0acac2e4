package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type applicationsPage struct {
	page
	Applications []store.Application
	All          bool   // every application, not only those that wait
	Done         string // what the last form did
	// The deny form that was refused, to show again as it was typed.
	DenyName, DenyReason string
	NextURL, FirstURL    string
}

func (h *Handler) applicationList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := applicationsPage{page: h.newPage(r, "Applications"), All: q.Get("all") == "1"}
	// The names come back from our own redirect; one that is no name is
	// not echoed, so a crafted link cannot put words on this page.
	if name := q.Get("approved"); forum.CheckName("user", name) == nil {
		p.Done = "The application of " + name + " is approved: they can log in now."
	}
	if name := q.Get("denied"); forum.CheckName("user", name) == nil {
		p.Done = "The application of " + name + " is denied. They read your reason when they try to log in."
	}
	var after int64
	if s := q.Get("after"); s != "" {
		var ok bool
		if after, ok = idParam(s); !ok {
			h.message(w, r, http.StatusBadRequest, "No such page", "That page marker is not one this site made.")
			return
		}
	}
	h.renderApplications(w, r, http.StatusOK, p, after)
}

// renderApplications fills in a page of applications and shows it.
func (h *Handler) renderApplications(w http.ResponseWriter, r *http.Request, status int, p applicationsPage, after int64) {
	u, _ := currentUser(r)
	pg, err := h.forum.Applications(r.Context(), forum.AsUser(u), p.All, after)
	if err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Not allowed", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	p.Applications = pg.Applications
	base := url.Values{}
	if p.All {
		base.Set("all", "1")
	}
	if pg.Next != 0 {
		next := url.Values{"after": {strconv.FormatInt(pg.Next, 10)}}
		if p.All {
			next.Set("all", "1")
		}
		p.NextURL = "/admin/applications?" + next.Encode()
	}
	if after != 0 {
		p.FirstURL = "/admin/applications"
		if p.All {
			p.FirstURL += "?" + base.Encode()
		}
	}
	h.render(w, r, status, "applications", p)
}

func (h *Handler) applicationApprove(w http.ResponseWriter, r *http.Request) {
	h.applicationDecide(w, r, true)
}

func (h *Handler) applicationDeny(w http.ResponseWriter, r *http.Request) {
	h.applicationDecide(w, r, false)
}

func (h *Handler) applicationDecide(w http.ResponseWriter, r *http.Request, approve bool) {
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing decided", errorText(err))
		return
	}
	u, _ := currentUser(r)
	f := r.PostForm
	name, reason, all := f.Get("name"), f.Get("reason"), f.Get("all") == "1"
	var a store.Application
	var err error
	if approve {
		a, err = h.forum.ApproveApplication(r.Context(), forum.AsUser(u), name)
	} else {
		a, err = h.forum.DenyApplication(r.Context(), forum.AsUser(u), name, reason)
	}
	if err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p := applicationsPage{page: h.newPage(r, "Applications"), All: all}
		p.Error = errorText(err)
		if !approve {
			p.DenyName, p.DenyReason = name, reason
		}
		h.renderApplications(w, r, statusFor(err), p, 0)
		return
	}
	done := url.Values{"approved": {a.Name}}
	if !approve {
		done = url.Values{"denied": {a.Name}}
	}
	if all {
		done.Set("all", "1")
	}
	http.Redirect(w, r, "/admin/applications?"+done.Encode(), http.StatusSeeOther)
}
