package apiutil

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// FindCommunity finds a community by id or by name, a local name or
// name@host, as Lemmy's community_name is written; couldnt_find_community
// when there is none.
func FindCommunity(r *http.Request, d Deps, id int64, name string) (store.Community, error) {
	var c store.Community
	var err error
	switch {
	case id != 0:
		c, err = d.Store.CommunityByID(r.Context(), id)
	case name == "":
		return c, NewError("no_id_given", http.StatusBadRequest)
	case strings.Contains(name, "@"):
		n, host, _ := strings.Cut(name, "@")
		if strings.EqualFold(host, d.Host) {
			c, err = d.Forum.Community(r.Context(), n)
		} else {
			c, err = d.Store.CommunityByNameAndDomain(r.Context(), n, strings.ToLower(host))
		}
	default:
		c, err = d.Forum.Community(r.Context(), name)
	}
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, forum.ErrNotFound) {
		return c, ErrCommunityNotFound.Because(err)
	}
	return c, err
}
