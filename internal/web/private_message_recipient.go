package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// messageRecipient finds whom a message is for from what was typed: a
// name here, or name@host, looked up on its server when it is not known
// here yet. Its errors are for the person, as they stand.
func (h *Handler) messageRecipient(r *http.Request, to string) (store.Person, error) {
	to = strings.TrimPrefix(strings.TrimSpace(to), "@")
	name, host, remote := strings.Cut(to, "@")
	switch {
	case name == "" || (remote && host == ""):
		return store.Person{}, &forum.InputError{Field: "to",
			Msg: "say whom to write to: a name here, or name@server for someone on another server"}
	case remote && domainOf(host) == h.names.localHost:
		to, remote = name, false
	}
	p, err := h.personByName(r, to)
	if errors.Is(err, forum.ErrNotFound) && remote && h.lookup != nil {
		p, err = h.lookUpPerson(r.Context(), r, to)
	}
	if errors.Is(err, forum.ErrNotFound) {
		return p, &forum.InputError{Field: "to", Msg: "there is nobody called " + to + " to write to"}
	}
	return p, err
}

// lookUpPerson asks name@host's server for them and stores them.
func (h *Handler) lookUpPerson(ctx context.Context, r *http.Request, handle string) (store.Person, error) {
	if _, err := h.lookup.Resolve(ctx, "@"+handle); err != nil {
		h.log.Info("message: look up recipient", "handle", handle, "err", err)
		return store.Person{}, forum.ErrNotFound
	}
	return h.personByName(r, handle)
}
