package federation

import (
	"errors"
	"net/http"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

const (
	jrdType         = "application/jrd+json"
	activityType    = "application/activity+json"
	asTypeProperty  = "https://www.w3.org/ns/activitystreams#type"
	profilePageType = "http://webfinger.net/rel/profile-page"
)

type jrdLink struct {
	Rel        string            `json:"rel"`
	Type       string            `json:"type,omitempty"`
	Href       string            `json:"href,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

type jrd struct {
	Subject string    `json:"subject"`
	Aliases []string  `json:"aliases,omitempty"`
	Links   []jrdLink `json:"links"`
}

func actorLinks(id, asType string) []jrdLink {
	return []jrdLink{
		{Rel: profilePageType, Type: "text/html", Href: id},
		{Rel: "self", Type: activityType, Href: id, Properties: map[string]string{asTypeProperty: asType}},
	}
}

// webfinger answers acct:NAME@HOST for local people and communities, and
// for the instance itself under its preferredUsername (ap.InstanceName, the
// host name without the port) and under acct:HOST@HOST, its name when it
// kept the port. When a person and a community share a name both are
// listed, the Person first and the Group last, as Lemmy does, so that
// Mastodon (which takes the last link) finds the Group.
func (h *Handler) webfinger(w http.ResponseWriter, r *http.Request) {
	resource := r.URL.Query().Get("resource")
	acct, ok := strings.CutPrefix(resource, "acct:")
	if !ok {
		if resource == h.iri.Instance() || resource == h.iri.Base() {
			acct = ap.InstanceName(h.iri.Instance()) + "@" + h.host
		} else {
			problem(w, http.StatusBadRequest, "resource must be acct:NAME@"+h.host)
			return
		}
	}
	name, host, ok := strings.Cut(strings.TrimPrefix(acct, "@"), "@")
	if !ok || !h.isLocalHost(host) || name == "" {
		problem(w, http.StatusNotFound, "no such account here: this instance is "+h.host)
		return
	}
	ctx := r.Context()
	out := jrd{Subject: "acct:" + name + "@" + h.host}
	if strings.EqualFold(name, ap.InstanceName(h.iri.Instance())) || strings.EqualFold(name, h.host) {
		out.Links = actorLinks(h.iri.Instance(), "Application")
	}
	p, err := h.store.LocalPersonByName(ctx, name)
	switch {
	case err == nil && !p.Deleted:
		out.Links = append(out.Links, actorLinks(p.APID, personType(p))...)
	case err != nil && !errors.Is(err, store.ErrNotFound):
		h.log.Error("webfinger person", "err", err)
		problem(w, http.StatusInternalServerError, "lookup failed")
		return
	}
	c, err := h.store.LocalCommunityByName(ctx, name)
	switch {
	case err == nil && !c.Deleted && !c.Removed:
		out.Links = append(out.Links, actorLinks(c.APID, "Group")...)
	case err != nil && !errors.Is(err, store.ErrNotFound):
		h.log.Error("webfinger community", "err", err)
		problem(w, http.StatusInternalServerError, "lookup failed")
		return
	}
	if len(out.Links) == 0 {
		problem(w, http.StatusNotFound, "no user or community named "+name+" here")
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	h.writeJSON(w, http.StatusOK, jrdType, out)
}

func personType(p store.Person) string {
	if p.Bot {
		return "Service"
	}
	return "Person"
}
