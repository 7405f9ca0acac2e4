package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// privateMessage applies a Create or Update (update) of a private message
// to a person here: Lemmy's, Mbin's or PieFed's ChatMessage (Lemmy 1.0's
// Note addressed to its recipient alone), or a Mastodon-style direct
// message, a Note addressed to one person here and nobody else. handled is
// false for an object that is none of these, which is then read as a post
// or comment; a ChatMessage is always handled, and one for nobody here is
// acknowledged and dropped.
func (h *Handler) privateMessage(ctx context.Context, in incoming, page ap.Page, update bool) (handled bool, err error) {
	if page.Type != ap.KindChatMessage && page.Type != ap.KindNote {
		return false, nil
	}
	to, private, err := h.privateRecipient(ctx, page)
	if err != nil {
		return true, err
	}
	switch {
	case !private && page.Type == ap.KindChatMessage:
		return true, fmt.Errorf("a private message for nobody here: %w", errIgnored)
	case !private:
		return false, nil
	case in.via != nil:
		// A community never relays a message between two people.
		return true, fmt.Errorf("a private message relayed by %s: %w", in.via.APID, errUnsupported)
	case in.actor.Kind != ActorPerson:
		return true, fmt.Errorf("only people send private messages: %w", errUnsupported)
	}
	text, html := contentOf(page, forum.MaxCommentHTMLLen)
	msg := forum.RemotePrivateMessage{APID: page.ID, RecipientID: to.ID, Text: text, HTML: html,
		Published: page.Published.Time, Updated: page.Updated.Time}
	if update {
		return true, h.forum.UpdateRemotePrivateMessage(ctx, in.act.ID, in.actor.PersonID, msg)
	}
	return true, h.forum.CreateRemotePrivateMessage(ctx, in.act.ID, in.actor.PersonID, msg)
}

// privateRecipient is the one person here an object is addressed to, when
// it is addressed to nobody else: not Public, no community, no followers
// collection, nobody on another server. Only what is stored is looked up.
func (h *Handler) privateRecipient(ctx context.Context, page ap.Page) (store.Person, bool, error) {
	a := page.Addressing()
	if a.IsPublic() || a.Audience != "" {
		return store.Person{}, false, nil
	}
	var to store.Person
	for _, id := range append(append(ap.Strings{}, a.To...), a.Cc...) {
		if id == to.APID {
			continue
		}
		if to.ID != 0 || !h.resolver.isLocal(id) {
			// A second person, or someone (or some collection) on
			// another server: a conversation of several, not a message
			// between two.
			return store.Person{}, false, nil
		}
		p, err := h.store.PersonByAPID(ctx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Local) {
			return store.Person{}, false, nil
		}
		if err != nil {
			return store.Person{}, false, err
		}
		to = p
	}
	return to, to.ID != 0, nil
}

// deletePrivateMessage applies the author's Delete of a private message
// stored here, or (deleted false) its Undo; handled is false when object
// is no private message of ours.
func (h *Handler) deletePrivateMessage(ctx context.Context, in incoming, object string, deleted bool) (handled bool, err error) {
	isMessage, err := h.forum.IsPrivateMessage(ctx, object)
	if err != nil || !isMessage {
		return isMessage, err
	}
	if in.via != nil {
		return true, fmt.Errorf("the deletion of a private message relayed by %s: %w", in.via.APID, errUnsupported)
	}
	return true, h.forum.DeleteRemotePrivateMessage(ctx, in.act.ID, in.actor.PersonID, object, deleted)
}
