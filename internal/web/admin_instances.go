package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type instanceAdminPage struct {
	page
	forum.InstanceLists
	Host string // what was typed into a refused form, to show again
	Done string
}

// instanceDone says what each action did, after the instance's host.
var instanceDone = map[string]string{
	"block":    "is blocked: nothing is sent to it, and nothing it sends is taken.",
	"unblock":  "is no longer blocked.",
	"allow":    "is on the allow-list.",
	"disallow": "is off the allow-list.",
}

func (h *Handler) instanceAdmin(w http.ResponseWriter, r *http.Request) {
	p := instanceAdminPage{page: h.newPage(r, "Instances")}
	q := r.URL.Query()
	// Echo only a host and an action that are such, so that a crafted
	// link cannot put words on this page.
	if done, ok := instanceDone[q.Get("done")]; ok {
		if host, err := forum.InstanceHost(q.Get("host")); err == nil {
			p.Done = host + " " + done
		}
	}
	h.renderInstanceAdmin(w, r, http.StatusOK, p)
}

func (h *Handler) renderInstanceAdmin(w http.ResponseWriter, r *http.Request, status int, p instanceAdminPage) {
	lists, err := h.forum.Instances(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p.InstanceLists = lists
	h.render(w, r, status, "admin_instances", p)
}

// instanceSet blocks, unblocks, allows or disallows an instance through
// the forum functions the CLI's commands of the same names call.
func (h *Handler) instanceSet(w http.ResponseWriter, r *http.Request) {
	action := chi.URLParam(r, "action")
	var set func(context.Context, forum.Acting, string) (store.Instance, error)
	switch action {
	case "block":
		set = h.forum.BlockInstance
	case "unblock":
		set = h.forum.UnblockInstance
	case "allow":
		set = h.forum.AllowInstance
	case "disallow":
		set = h.forum.DisallowInstance
	default:
		h.notFound(w, r)
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	u, _ := currentUser(r)
	host := r.PostForm.Get("host")
	in, err := set(r.Context(), forum.AsUser(u), host)
	if err != nil {
		if isInput(err) {
			p := instanceAdminPage{page: h.newPage(r, "Instances"), Host: host}
			p.Error = errorText(err)
			h.renderInstanceAdmin(w, r, statusFor(err), p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/instances?"+url.Values{"done": {action}, "host": {in.Domain}}.Encode(), http.StatusSeeOther)
}
