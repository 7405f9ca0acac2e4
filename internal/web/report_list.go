package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// reportsPage is the moderators' queue of reports.
type reportsPage struct {
	page
	Reports []store.Report
	All     bool             // resolved reports shown too
	Only    *store.Community // the one community shown, when one is asked for
	OpenURL string
	AllURL  string
	Next    string // the next page, when there is one
}

// reportList is /reports: the open reports of every community for an
// admin, of the communities they moderate for a moderator, newest first,
// a page at a time; ?all=1 shows resolved ones too, ?community=NAME one
// community's.
func (h *Handler) reportList(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	qs := r.URL.Query()
	p := reportsPage{page: h.newPage(r, "Reports"), All: qs.Get("all") == "1"}
	p.Canonical = ""
	q := forum.ReportQuery{All: p.All}
	if s := qs.Get("before"); s != "" {
		before, ok := idParam(s)
		if !ok {
			h.message(w, r, http.StatusBadRequest, "No such page", "That is not a page of the reports queue. Start from the first page.")
			return
		}
		q.Before = before
	}
	keep := url.Values{}
	if name := qs.Get("community"); name != "" {
		c, err := h.communityByName(r, name)
		if errors.Is(err, forum.ErrNotFound) {
			h.notFoundMsg(w, r, "There is no community "+name+" here.")
			return
		}
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		p.Only, q.CommunityID = &c, c.ID
		keep.Set("community", name)
	}
	reports, more, err := h.forum.Reports(r.Context(), u, q)
	if err != nil {
		h.refuseForm(w, r, "Not yours to see", err)
		return
	}
	p.Reports = reports
	p.OpenURL = "/reports" + query(keep)
	all := url.Values{"all": {"1"}}
	for k, v := range keep {
		all[k] = v
	}
	p.AllURL = "/reports" + query(all)
	if more {
		next := url.Values{"before": {strconv.FormatInt(reports[len(reports)-1].ID, 10)}}
		for k, v := range keep {
			next[k] = v
		}
		if p.All {
			next.Set("all", "1")
		}
		p.Next = "/reports" + query(next)
	}
	h.render(w, r, http.StatusOK, "reports", p)
}

func query(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}
