package federation

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// create applies a Create of a post (Page) or comment (Note, or a Page
// with inReplyTo) by a remote person in one of our communities.
func (h *Handler) create(ctx context.Context, in incoming) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only people write posts and comments: %w", errUnsupported)
	}
	page, err := ownObject(in.act)
	if err != nil {
		return err
	}
	text, bodyHTML := contentOf(page, maxContentHTML(page))
	lang := ""
	if page.Language != nil {
		lang = page.Language.Identifier
	}
	if handled, err := h.privateMessage(ctx, in, page, false); handled {
		return err
	}
	// Settled before anything is fetched: a post or reply for some people
	// only would otherwise be listed for everyone.
	if public, err := h.isPublic(ctx, in.act, page); err != nil || !public {
		return cmp.Or(err, errNotPublic)
	}
	if ap.IsComment(page) {
		return h.createComment(ctx, in, page, text, bodyHTML, lang)
	}
	c, err := h.communityOf(ctx, page)
	if err == nil && !h.ours(in, c.APID) {
		if in.via == nil && !c.Local {
			// Its author's server sent it here too because it mentions
			// someone here; the community announces it to its followers.
			return fmt.Errorf("a post in %s, sent beside the community's Announce: %w", c.APID, errIgnored)
		}
		err = fmt.Errorf("the post is not addressed to a community here: %w", forum.ErrNotFound)
	}
	if errors.Is(err, forum.ErrNotFound) && page.Type == ap.KindNote {
		// A Note for no community of ours is a private message or a
		// status for someone's followers: not ours to keep.
		return fmt.Errorf("a Note for no community here: %w", errIgnored)
	}
	if err != nil {
		return err
	}
	ann, err := in.announce(c.APID)
	if err == nil && ann != nil {
		err = boost(ann, c.APID, in.act.Object.Raw)
	}
	if err != nil {
		return err
	}
	_, err = h.forum.CreateRemotePost(ctx, in.act.ID, in.actor.PersonID, forum.RemotePost{
		APID: page.ID, CommunityID: c.ID, Title: ap.PostTitle(page), URL: ap.PostURL(page),
		ThumbnailURL: webURL(ap.PostThumbnail(page)),
		Body:         text, BodyHTML: bodyHTML, Language: lang, NSFW: page.Sensitive, Published: page.Published.Time,
		Mentions: h.mentionedHere(in.act, page, bodyHTML), Provenance: in.provenance(page),
	}, ann)
	return err
}

func (h *Handler) createComment(ctx context.Context, in incoming, page ap.Page, body, bodyHTML, lang string) error {
	parent, communityID, err := h.target(ctx, page.InReplyTo.ID)
	if err == nil && !h.ours(in, communityID) {
		err = fmt.Errorf("the thread is not in a community here: %w", forum.ErrNotFound)
	}
	if errors.Is(err, forum.ErrNotFound) {
		// A reply in a conversation that is no thread of ours (a
		// Mastodon status, say) is not ours to keep.
		return fmt.Errorf("a reply outside our threads: %w", errIgnored)
	}
	if err != nil {
		return err
	}
	ann, err := in.announce(communityID)
	if err != nil {
		return err
	}
	_, err = h.forum.CreateRemoteComment(ctx, in.act.ID, in.actor.PersonID, forum.RemoteComment{
		APID: page.ID, PostID: parent.PostID, ParentID: parent.CommentID, Body: body, BodyHTML: bodyHTML,
		Language: lang, Published: page.Published.Time, Mentions: h.mentionedHere(in.act, page, bodyHTML),
		Provenance: in.provenance(page)}, ann)
	return err
}

// ownObject is the post or comment a Create or Update embeds, as a Page
// (a Note is a comment), once it is shown to be the actor's own on the
// actor's server (Lemmy's verify_domains_match).
func ownObject(act ap.Activity) (ap.Page, error) {
	if act.Object.Raw == nil {
		return ap.Page{}, fmt.Errorf("a %s must embed its object: %w", act.Type, errUnsupported)
	}
	page, err := postOrComment(act.Object.Raw)
	if err != nil {
		return ap.Page{}, fmt.Errorf("a %s: %w", act.Type, err)
	}
	if ap.Author(page) != act.Actor.ID || !ap.SameOrigin(page.ID, act.Actor.ID) {
		return ap.Page{}, fmt.Errorf("the object (attributedTo %q, id %s) is not the actor's own on the actor's server: %w",
			ap.Author(page), page.ID, errNotOwn)
	}
	return page, nil
}
