package federation

import (
	"context"
	"errors"
	"fmt"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// create applies a Create of a post (Page) or comment (Note, or a Page
// with inReplyTo) by a remote person in one of our communities.
func (h *Handler) create(ctx context.Context, act ap.Activity, body []byte, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people write posts and comments: %w", errUnsupported)
	}
	page, err := ownObject(act)
	if err != nil {
		return err
	}
	raw := body
	text, bodyHTML := contentOf(page)
	lang := ""
	if page.Language != nil {
		lang = page.Language.Identifier
	}
	if ap.IsComment(page) || page.Type == ap.KindNote {
		return h.createComment(ctx, act, raw, actor, page, text, bodyHTML, lang)
	}
	community := ap.CommunityOf(&page)
	c, err := h.store.CommunityByAPID(ctx, community)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		return fmt.Errorf("the post is not addressed to a community here: %w", forum.ErrNotFound)
	}
	if err != nil {
		return err
	}
	ann, err := announcement(c.APID, raw, actor)
	if err != nil {
		return err
	}
	_, err = h.forum.CreateRemotePost(ctx, act.ID, actor.PersonID, forum.RemotePost{
		APID: page.ID, CommunityID: c.ID, Title: ap.PostTitle(page), URL: ap.PostURL(page),
		Body: text, BodyHTML: bodyHTML, Language: lang, NSFW: page.Sensitive, Published: page.Published.Time,
	}, ann)
	return err
}

func (h *Handler) createComment(ctx context.Context, act ap.Activity, raw []byte, actor ActorRef, page ap.Page, body, bodyHTML, lang string) error {
	parent := page.InReplyTo.ID
	in := forum.RemoteComment{APID: page.ID, Body: body, BodyHTML: bodyHTML, Language: lang,
		Published: page.Published.Time}
	var post store.Post
	if p, err := h.store.PostByAPID(ctx, parent); err == nil {
		in.PostID, post = p.ID, p
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	} else {
		c, err := h.store.CommentByAPID(ctx, parent)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("the post or comment replied to is not here: %w", forum.ErrNotFound)
		}
		if err != nil {
			return err
		}
		in.PostID, in.ParentID = c.PostID, c.ID
		if post, err = h.store.PostByID(ctx, c.PostID); err != nil {
			return err
		}
	}
	community, err := h.store.CommunityByID(ctx, post.CommunityID)
	if err != nil {
		return err
	}
	ann, err := announcement(community.APID, raw, actor)
	if err != nil {
		return err
	}
	_, err = h.forum.CreateRemoteComment(ctx, act.ID, actor.PersonID, in, ann)
	return err
}

// ownObject is the post or comment a Create or Update embeds, as a Page
// (a Note is a comment), once it is shown to be the actor's own on the
// actor's server (Lemmy's verify_domains_match).
func ownObject(act ap.Activity) (ap.Page, error) {
	obj, err := act.Object.Decode()
	if err != nil {
		return ap.Page{}, fmt.Errorf("a %s must embed its object: %w", act.Type, errUnsupported)
	}
	var page ap.Page
	switch o := obj.(type) {
	case *ap.Page:
		page = *o
	case *ap.Note:
		page = o.AsPage()
	default:
		return ap.Page{}, fmt.Errorf("a %s of %s is not handled: %w", act.Type, obj.Kind(), errUnsupported)
	}
	if page.AttributedTo.ID != act.Actor.ID || !ap.SameOrigin(page.ID, act.Actor.ID) {
		return ap.Page{}, fmt.Errorf("the object is not the actor's own: %w", ErrCrossOrigin)
	}
	return page, nil
}

// contentOf is an object's markdown source (or, without one, the text of
// its HTML) and its sanitized HTML.
func contentOf(page ap.Page) (text, html string) {
	if page.Source != nil && page.Source.Content != "" {
		text = page.Source.Content
	} else {
		text = ap.HTMLText(page.Content)
	}
	return strings.TrimSpace(text), sanitizer.Sanitize(page.Content)
}
