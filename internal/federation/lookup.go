package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// ErrNotResolvable: the text is neither a handle nor an http(s) URL, or
// what it names is not something this instance can show.
var ErrNotResolvable = errors.New("cannot be looked up")

// Resolve finds what a person typed into search on its server, stores it
// and answers its local path: `!community@host`, `@person@host` (or
// `person@host`) through WebFinger, or the URL of a community, person,
// post or comment, fetched signed.
func (h *Handler) Resolve(ctx context.Context, query string) (string, error) {
	if h.resolver == nil {
		return "", fmt.Errorf("resolve: this process does not federate: %w", ErrNotResolvable)
	}
	ctx = WithBudget(ctx, DefaultFetchBudget)
	q := strings.TrimSpace(query)
	if strings.HasPrefix(q, "http://") || strings.HasPrefix(q, "https://") {
		return h.resolveURL(ctx, q)
	}
	kind := ap.KindPerson
	switch {
	case strings.HasPrefix(q, "!"):
		kind, q = ap.KindGroup, q[1:]
	case strings.HasPrefix(q, "@"):
		q = q[1:]
	}
	name, host, ok := strings.Cut(q, "@")
	if !ok || name == "" || host == "" || strings.ContainsAny(host, "/?#@ ") || strings.ContainsAny(name, "/?#:") {
		return "", fmt.Errorf("%q is not a handle like !community@example.org or @person@example.org: %w", query, ErrNotResolvable)
	}
	canon, err := ap.CanonicalHost(host)
	if err != nil {
		return "", fmt.Errorf("%q: %w: %w", query, err, ErrNotResolvable)
	}
	if h.isLocalHost(canon) {
		return h.localPath(ctx, kind, name)
	}
	id, err := h.fingerRemote(ctx, name, canon, kind)
	if err != nil {
		return "", err
	}
	return h.resolveURL(ctx, id)
}

// fingerRemote asks host for the actor behind name@host. Lemmy answers a
// name that is both a person and a community with both, person first:
// the link whose type property is the kind asked for wins.
func (h *Handler) fingerRemote(ctx context.Context, name, host string, kind ap.Kind) (string, error) {
	scheme := h.iri.Base()[:strings.Index(h.iri.Base(), "://")]
	u := fmt.Sprintf("%s://%s/.well-known/webfinger?resource=%s", scheme, host,
		url.QueryEscape("acct:"+name+"@"+host))
	if err := h.refuseFetch(ctx, u); err != nil {
		return "", err
	}
	resp, err := h.resolver.Fetcher.client.Get(ctx, u, "application/jrd+json, application/json")
	if err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w", name, host, err)
	}
	if err := resp.Err(); err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w", name, host, err)
	}
	var jrd struct {
		Links []struct {
			Rel        string            `json:"rel"`
			Type       string            `json:"type"`
			Href       string            `json:"href"`
			Properties map[string]string `json:"properties"`
		} `json:"links"`
	}
	if err := json.Unmarshal(resp.Body, &jrd); err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w: %w", name, host, ErrNotActivityJSON, err)
	}
	var first string
	for _, l := range jrd.Links {
		if l.Rel != "self" || !isActivityJSON(strings.TrimSpace(strings.Split(l.Type, ";")[0])) || l.Href == "" {
			continue
		}
		typ := ap.Kind(l.Properties["https://www.w3.org/ns/activitystreams#type"])
		if typ == kind || (kind == ap.KindPerson && (typ == ap.KindService || typ == ap.KindOrganization)) {
			return l.Href, nil
		}
		if first == "" && typ == "" {
			first = l.Href
		}
	}
	if first == "" {
		return "", fmt.Errorf("%s@%s has no %s there: %w", name, host, kind, ErrNotResolvable)
	}
	return first, nil
}

// resolveURL stores the actor or object at id and answers its local path.
func (h *Handler) resolveURL(ctx context.Context, id string) (string, error) {
	if h.resolver.isLocal(id) {
		u, err := url.Parse(id)
		if err != nil {
			return "", fmt.Errorf("%q: %w", id, ErrNotResolvable)
		}
		return u.EscapedPath(), nil
	}
	if t, _, err := h.storedTarget(ctx, id); err == nil {
		return targetPath(t), nil
	}
	if err := h.refuseFetch(ctx, id); err != nil {
		return "", err
	}
	// What people type is often a profile page (/@alice) standing for an
	// id (/users/alice): the id is what is stored.
	raw, id, err := h.resolver.Fetcher.FetchAlias(ctx, id)
	if err != nil {
		return "", err
	}
	var head struct {
		Type ap.Kind `json:"type"`
	}
	_ = json.Unmarshal(raw, &head) // Fetch has parsed it already
	switch head.Type {
	case ap.KindPerson, ap.KindService, ap.KindOrganization, ap.KindGroup:
		ref, err := h.resolver.storeActor(ctx, id, ap.Domain(id), raw)
		if err != nil {
			return "", err
		}
		return h.actorPath(ctx, ref)
	}
	page, err := postOrComment(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", id, err)
	}
	if err := h.storeObject(ctx, page, 0); err != nil {
		return "", err
	}
	t, _, err := h.storedTarget(ctx, id)
	if err != nil {
		return "", err
	}
	return targetPath(t), nil
}

// targetPath is where a post or comment is shown here.
func targetPath(t forum.Target) string {
	if t.CommentID != 0 {
		return fmt.Sprintf("/comment/%d", t.CommentID)
	}
	return fmt.Sprintf("/post/%d", t.PostID)
}

// actorPath is where a stored actor's page is here.
func (h *Handler) actorPath(ctx context.Context, ref ActorRef) (string, error) {
	if ref.Kind == ActorCommunity {
		c, err := h.store.CommunityByID(ctx, ref.CommunityID)
		if err != nil {
			return "", err
		}
		return "/c/" + url.PathEscape(c.Name+"@"+c.Domain), nil
	}
	p, err := h.store.PersonByID(ctx, ref.PersonID)
	if err != nil {
		return "", err
	}
	return "/u/" + url.PathEscape(p.Name+"@"+p.Domain), nil
}

// localPath is the page of a local community or person by name.
func (h *Handler) localPath(ctx context.Context, kind ap.Kind, name string) (string, error) {
	if kind == ap.KindGroup {
		if _, err := h.store.LocalCommunityByName(ctx, name); err != nil {
			return "", notHere(err, "community", name)
		}
		return "/c/" + url.PathEscape(name), nil
	}
	if _, err := h.store.LocalPersonByName(ctx, name); err != nil {
		return "", notHere(err, "person", name)
	}
	return "/u/" + url.PathEscape(name), nil
}

func notHere(err error, what, name string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("there is no %s %s here: %w", what, name, ErrNotResolvable)
	}
	return err
}
