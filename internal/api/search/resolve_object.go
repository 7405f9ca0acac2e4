package search

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

var errCouldntFind = apiutil.NewError("couldnt_find_object", http.StatusBadRequest)

// resolve answers what q names: a URL of a post, comment, community or
// person, or a handle (!community@host, @person@host). Ours, and what is
// known here already, are found for anyone; anything else is
// looked up on its server, as the web's search does, and like it only
// for someone logged in, so that strangers cannot make this server fetch.
func (m *Module) resolve(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" || len(q) > 2000 {
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("q is empty or too long")), nil, nil)
		return
	}
	path, err := m.localPath(r.Context(), q)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if path == "" {
		_, loggedIn := apiutil.User(r)
		if !loggedIn || m.d.Lookup == nil {
			m.d.Fail(w, r, errCouldntFind.Because(errors.New("a remote lookup by someone not logged in")), nil, nil)
			return
		}
		if path, err = m.d.Lookup.Resolve(r.Context(), q); err != nil {
			m.d.Fail(w, r, errCouldntFind.Because(err), nil, nil)
			return
		}
	}
	out, err := m.object(r, path)
	if err != nil {
		m.d.Fail(w, r, err, errCouldntFind, errCouldntFind)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, out)
}

// localPath is the page here of what q names when no server need be
// asked: a URL of this instance or of something stored here, or a handle
// of ours or of a community or person already known here; "" when it is
// none of those.
func (m *Module) localPath(ctx context.Context, q string) (string, error) {
	base := m.d.Forum.IRI().Base()
	if rest, ok := strings.CutPrefix(q, base+"/"); ok {
		return "/" + rest, nil
	}
	if strings.HasPrefix(q, "https://") || strings.HasPrefix(q, "http://") {
		return m.storedPath(ctx, q)
	}
	kind := "/u/"
	switch {
	case strings.HasPrefix(q, "!"):
		kind, q = "/c/", q[1:]
	case strings.HasPrefix(q, "@"):
		q = q[1:]
	}
	name, host, ok := strings.Cut(q, "@")
	switch {
	case !ok || name == "" || strings.ContainsAny(q, "/?# "):
		return "", nil
	case strings.EqualFold(host, m.d.Host):
		return kind + url.PathEscape(name), nil
	}
	var err error
	if kind == "/c/" {
		_, err = m.d.Store.CommunityByNameAndDomain(ctx, name, strings.ToLower(host))
	} else {
		_, err = m.d.Store.PersonByNameAndDomain(ctx, name, strings.ToLower(host))
	}
	return stored(kind+url.PathEscape(q), err)
}

// storedPath is the page here of another server's post, comment,
// community or person by its id, if it is stored here already.
func (m *Module) storedPath(ctx context.Context, id string) (string, error) {
	ref, err := m.d.Store.ObjectByAPID(ctx, id)
	switch {
	case err == nil && ref.CommentID != 0:
		return "/comment/" + strconv.FormatInt(ref.CommentID, 10), nil
	case err == nil:
		return "/post/" + strconv.FormatInt(ref.PostID, 10), nil
	case !errors.Is(err, store.ErrNotFound):
		return "", err
	}
	c, err := m.d.Store.CommunityByAPID(ctx, id)
	if path, err := stored("/c/"+url.PathEscape(c.Name+"@"+c.Domain), err); path != "" || err != nil {
		return path, err
	}
	p, err := m.d.Store.PersonByAPID(ctx, id)
	return stored("/u/"+url.PathEscape(p.Name+"@"+p.Domain), err)
}

// stored is path when the read that found it found it, "" when it found
// nothing, and the read's error when it failed.
func stored(path string, err error) (string, error) {
	switch {
	case err == nil:
		return path, nil
	case errors.Is(err, store.ErrNotFound):
		return "", nil
	}
	return "", err
}

// object shapes what is at one of our paths for the reader.
func (m *Module) object(r *http.Request, path string) (ResolveObjectResponse, error) {
	ctx := r.Context()
	var out ResolveObjectResponse
	kind, rest, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	rest, err := url.PathUnescape(rest)
	if err != nil || rest == "" || strings.Contains(rest, "/") {
		return out, errCouldntFind.Because(errors.New("not a path of an object: " + path))
	}
	switch kind {
	case "post", "comment":
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			return out, errCouldntFind.Because(err)
		}
		if kind == "post" {
			p, err := m.d.Forum.Post(ctx, id)
			if err != nil {
				return out, err
			}
			views, err := apiutil.PostViews(ctx, m.d.Store, r, []store.Post{p})
			if err != nil {
				return out, err
			}
			out.Post = &views[0]
			return out, nil
		}
		c, err := m.d.Forum.Comment(ctx, id)
		if err != nil {
			return out, err
		}
		views, err := apiutil.CommentViews(ctx, m.d.Store, r, []store.Comment{c})
		if err != nil {
			return out, err
		}
		out.Comment = &views[0]
	case "c":
		c, err := m.d.Forum.CommunityByHandle(ctx, rest)
		if err != nil {
			return out, err
		}
		cv, _, err := apiutil.CommunityView(ctx, m.d.Store, r, c.ID)
		if err != nil {
			return out, err
		}
		out.Community = &cv
	case "u":
		p, err := m.d.Forum.PersonByHandle(ctx, rest)
		if err != nil {
			return out, err
		}
		pv, err := apiutil.PersonView(ctx, m.d.Store, p)
		if err != nil {
			return out, err
		}
		out.Person = &pv
	default:
		return out, errCouldntFind.Because(errors.New("not a path of an object: " + path))
	}
	return out, nil
}
