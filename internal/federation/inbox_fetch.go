package federation

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// maxReplyDepth bounds how many unknown parents one activity may make us
// fetch up a reply chain; Lemmy nests comments at most 50 deep, and a chain
// longer than this is more likely a loop or an attack than a thread.
const maxReplyDepth = 50

// errTooDeep: a reply chain longer than maxReplyDepth.
var errTooDeep = errors.New("the reply chain is too long to fetch")

// target finds the post or comment an activity names, and the ap_id of its
// community. An object we do not hold is fetched from its server and
// stored, with its author and, for a comment, every missing parent up to
// the post, within the activity's fetch budget.
func (h *Handler) target(ctx context.Context, id string) (forum.Target, string, error) {
	return h.targetDepth(ctx, id, 0)
}

func (h *Handler) targetDepth(ctx context.Context, id string, depth int) (forum.Target, string, error) {
	if id == "" {
		return forum.Target{}, "", fmt.Errorf("no object named: %w", forum.ErrNotFound)
	}
	t, community, err := h.storedTarget(ctx, id)
	if !errors.Is(err, forum.ErrNotFound) {
		return t, community, err
	}
	if h.resolver.isLocal(id) {
		return t, "", err
	}
	if depth >= maxReplyDepth {
		return t, "", fmt.Errorf("fetch %s: %w", id, errTooDeep)
	}
	if err := h.fetchObject(ctx, id, depth); err != nil {
		return t, "", err
	}
	return h.storedTarget(ctx, id)
}

// storedTarget is target among the objects we already hold. A comment's
// Target carries its post too.
func (h *Handler) storedTarget(ctx context.Context, id string) (forum.Target, string, error) {
	ref, err := h.store.ObjectByAPID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return forum.Target{}, "", fmt.Errorf("%s: %w", id, forum.ErrNotFound)
	}
	if err != nil {
		return forum.Target{}, "", err
	}
	return forum.Target{PostID: ref.PostID, CommentID: ref.CommentID}, ref.CommunityAPID, nil
}

// fetchObject fetches a post or comment we lack and stores it as its
// author's, without announcing it: we learn of it, nobody did anything.
func (h *Handler) fetchObject(ctx context.Context, id string, depth int) error {
	if err := h.refuseFetch(ctx, id); err != nil {
		return err
	}
	raw, err := h.resolver.Fetcher.Fetch(ctx, id)
	if errors.Is(err, ErrGone) {
		return fmt.Errorf("%s was deleted: %w", id, forum.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("fetch object: %w", err)
	}
	page, err := postOrComment(raw)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", id, err)
	}
	return h.storeObject(ctx, page, depth)
}

// storeFetched stores a post or comment just fetched by its id, as
// fetchObject does, for a caller that fetched it to learn its type.
func (h *Handler) storeFetched(ctx context.Context, raw []byte) error {
	page, err := postOrComment(raw)
	if err != nil {
		return err
	}
	return h.storeObject(ctx, page, 0)
}

// postOrComment decodes a Page (or Article, Video…) or a Note.
func postOrComment(raw []byte) (ap.Page, error) {
	obj, err := ap.Decode(raw)
	if err != nil {
		return ap.Page{}, fmt.Errorf("%w: %w", ErrNotActivityJSON, err)
	}
	switch o := obj.(type) {
	case *ap.Page:
		return *o, nil
	case *ap.Note:
		return o.AsPage(), nil
	}
	return ap.Page{}, fmt.Errorf("a %s is not a post or comment: %w", obj.Kind(), errUnsupported)
}

// storeObject stores a post or comment its author's server vouches for,
// with its author and missing parents.
func (h *Handler) storeObject(ctx context.Context, page ap.Page, depth int) error {
	author := ap.Author(page)
	if author == "" || !ap.SameOrigin(page.ID, author) {
		return fmt.Errorf("%s: the object and its author are on different servers: %w", page.ID, errNotOwn)
	}
	text, bodyHTML := contentOf(page, maxContentHTML(page))
	lang := ""
	if page.Language != nil {
		lang = page.Language.Identifier
	}
	// Where it belongs is settled before its author is stored: a reply in
	// a conversation that is no thread here leaves nothing behind.
	// A post or reply fetched (as the parent of another, say) is kept
	// only when public, as one sent to the inbox.
	if public, err := h.isPublic(ctx, ap.Activity{}, page); err != nil || !public {
		return cmp.Or(err, fmt.Errorf("%s: %w", page.ID, errNotPublicFetched))
	}
	if ap.IsComment(page) {
		parent, _, err := h.targetDepth(ctx, page.InReplyTo.ID, depth+1)
		if err != nil {
			return err
		}
		personID, err := h.author(ctx, page)
		if err != nil {
			return err
		}
		in := forum.RemoteComment{APID: page.ID, PostID: parent.PostID, ParentID: parent.CommentID, Body: text,
			BodyHTML: bodyHTML, Language: lang, Published: page.Published.Time}
		_, err = h.forum.CreateRemoteComment(ctx, "", personID, in, nil)
		return ignoreDuplicate(err)
	}
	// A Note that replies to nothing is a post when it is addressed to a
	// community (Mastodon's way), and else not ours to keep.
	c, err := h.communityOf(ctx, page)
	if err != nil {
		return err
	}
	personID, err := h.author(ctx, page)
	if err != nil {
		return err
	}
	_, err = h.forum.CreateRemotePost(ctx, "", personID, forum.RemotePost{
		APID: page.ID, CommunityID: c.ID, Title: ap.PostTitle(page), URL: ap.PostURL(page),
		ThumbnailURL: webURL(ap.PostThumbnail(page)),
		Body:         text, BodyHTML: bodyHTML, Language: lang, NSFW: page.Sensitive, Published: page.Published.Time,
	}, nil)
	return ignoreDuplicate(err)
}

// author is the stored person who wrote a fetched object, fetched too when
// new.
func (h *Handler) author(ctx context.Context, page ap.Page) (int64, error) {
	actor, err := h.resolver.Actor(ctx, ap.Author(page), false)
	if err != nil {
		return 0, err
	}
	if actor.Kind != ActorPerson {
		return 0, fmt.Errorf("fetch %s: its author is not a person: %w", page.ID, errUnsupported)
	}
	return actor.PersonID, nil
}

// communityOf is the community a post is addressed to, as Lemmy finds it:
// the first of its audience, to and cc that is a community, fetched when
// it is a remote one we do not know yet. Else it is a Group among its
// authors, as PeerTube names a video's channel, when that is a community
// stored here: a channel nobody here knows is not fetched for it.
func (h *Handler) communityOf(ctx context.Context, page ap.Page) (store.Community, error) {
	for _, id := range ap.CommunityCandidates(page) {
		c, err := h.store.CommunityByAPID(ctx, id)
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return store.Community{}, err
		}
		if h.resolver.isLocal(id) {
			continue
		}
		if c, ok := h.fetchCommunity(ctx, id); ok {
			return c, nil
		}
		// Not every address is a community; Lemmy tries the next.
	}
	for _, id := range ap.AttributedGroups(page) {
		c, err := h.store.CommunityByAPID(ctx, id)
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return store.Community{}, err
		}
	}
	return store.Community{}, fmt.Errorf("the object is not addressed to a community we know: %w", forum.ErrNotFound)
}

// fetchCommunity fetches an address we have not stored and keeps it when
// it is a community, and nothing when it is not (a person, a followers
// collection): an address is fetched once either way.
func (h *Handler) fetchCommunity(ctx context.Context, id string) (store.Community, bool) {
	if _, err := h.store.ActorByAPID(ctx, id); err == nil {
		return store.Community{}, false // a person: a community would have been found
	}
	if h.refuseFetch(ctx, id) != nil {
		return store.Community{}, false
	}
	raw, err := h.resolver.Fetcher.Fetch(ctx, id)
	if err != nil {
		return store.Community{}, false
	}
	var head struct {
		Type ap.Kind `json:"type"`
	}
	if json.Unmarshal(raw, &head) != nil || head.Type != ap.KindGroup {
		return store.Community{}, false
	}
	ref, err := h.resolver.storeActor(ctx, id, ap.Domain(id), raw)
	if err != nil || ref.Kind != ActorCommunity {
		return store.Community{}, false
	}
	c, err := h.store.CommunityByID(ctx, ref.CommunityID)
	return c, err == nil
}

// ignoreDuplicate: an object stored meanwhile by another delivery is there,
// which is all a fetch wants.
func ignoreDuplicate(err error) error {
	if errors.Is(err, forum.ErrDuplicate) {
		return nil
	}
	return err
}
