package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// moderationDeliveries is a local moderator's action as Lemmy's moderators
// send theirs: the moderator's activity, which a community of ours
// announces to its followers and another server's community is sent to
// announce itself. A person banned, or made or unmade a moderator, is sent
// the activity too when their server is another we federate with, as
// Lemmy does, so that their server knows even if it follows nothing there.
func (h *Handler) moderationDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	m := args.Moderation
	if m == nil {
		return nil, fmt.Errorf("federate %s: no moderation in the job", args.Action)
	}
	mod, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, m.CommunityID)
	if err != nil {
		return nil, err
	}
	act, affected, err := h.modActivity(ctx, mod.APID, c, *m)
	if err != nil {
		return nil, err
	}
	var extra []string
	if affected != nil {
		if extra, err = h.mentionInboxes(ctx, []string{affected.APID}); err != nil {
			return nil, err
		}
	}
	return h.inCommunity(ctx, c, mod.APID, act, extra)
}

// modActivity builds the activity of a moderator's action, and names the
// person it is about, if any.
func (h *Handler) modActivity(ctx context.Context, mod string, c store.Community, m forum.Moderation) (*ap.Activity, *store.Person, error) {
	var act *ap.Activity
	var person *store.Person
	switch m.Kind {
	case forum.ModRemove, forum.ModLock, forum.ModFeature:
		object, err := h.objectID(ctx, m.Target)
		if err != nil {
			return nil, nil, err
		}
		switch m.Kind {
		case forum.ModRemove:
			act = ap.NewModDelete(mod, object, c.APID, m.Reason)
		case forum.ModLock:
			act = ap.NewLock(mod, object, c.APID)
		default:
			// Featuring is undone by Remove, not by an Undo of the Add.
			return ap.NewAddTo(!m.Undo, mod, object, featuredOf(c), c.APID), nil, nil
		}
	case forum.ModModerator, forum.ModBan:
		p, err := h.store.PersonByID(ctx, m.PersonID)
		if err != nil {
			return nil, nil, err
		}
		person = &p
		if m.Kind == forum.ModModerator {
			return ap.NewAddTo(!m.Undo, mod, p.APID, moderatorsOf(c), c.APID), person, nil
		}
		act = ap.NewCommunityBlock(mod, p.APID, c.APID, m.Reason, m.Expires, m.RemoveData)
	default:
		return nil, nil, fmt.Errorf("federate: a moderator's %q is not sent", m.Kind)
	}
	if !m.Undo {
		return act, person, nil
	}
	undo, err := ap.NewUndo(mod, act)
	return undo, person, err
}

// objectID is the ActivityPub id of a post or comment.
func (h *Handler) objectID(ctx context.Context, t forum.Target) (string, error) {
	if t.CommentID != 0 {
		c, err := h.store.CommentByID(ctx, t.CommentID)
		return c.APID, err
	}
	p, err := h.store.PostByID(ctx, t.PostID)
	return p.APID, err
}

// featuredOf and moderatorsOf are a community's collections as it
// published them (Mbin's featured posts are /m/NAME/pinned).
func featuredOf(c store.Community) string {
	return firstOf(c.FeaturedURL, c.APID+"/featured")
}

func moderatorsOf(c store.Community) string {
	return firstOf(c.ModeratorsURL, c.APID+"/moderators")
}

// communityUpdateDeliveries is a local moderator's Update of a community's
// title, sidebar, images and rules, the whole community embedded as Lemmy
// sends it.
func (h *Handler) communityUpdateDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	mod, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, args.CommunityID)
	if err != nil {
		return nil, err
	}
	g, err := h.groupObject(ctx, c)
	if err != nil {
		return nil, err
	}
	if !c.Local {
		// Lemmy takes the collections and inboxes of the community from the
		// Update too: they are the community's own, not ours.
		g.Inbox, g.Outbox, g.Followers, g.Featured = c.InboxURL, c.OutboxURL, c.FollowersURL, c.FeaturedURL
		g.AttributedTo, g.Endpoints = ap.IRI(c.ModeratorsURL), nil
		if c.SharedInboxURL != "" {
			g.Endpoints = &ap.Endpoints{SharedInbox: c.SharedInboxURL}
		}
	}
	act, err := ap.NewUpdate(mod.APID, g)
	if err != nil {
		return nil, err
	}
	return h.inCommunity(ctx, c, mod.APID, act, nil)
}

// inCommunity sends a local person's activity in community c: announced
// by c to every follower instance when c is ours, to c when it is not,
// and as it is to the extra inboxes either way.
func (h *Handler) inCommunity(ctx context.Context, c store.Community, actor string, act *ap.Activity, extra []string) ([]forum.DeliverArgs, error) {
	payload, err := json.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", act.Type, err)
	}
	var out sendList
	if c.Local {
		inboxes, err := h.store.FollowerInboxes(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if len(inboxes) > 0 {
			ann, err := announcement(c.APID, payload, ActorRef{ID: c.APID})
			if err != nil {
				return nil, err
			}
			for _, a := range ann.Activities {
				out.toEach(inboxes, c.APID, a)
			}
		}
	} else {
		out.add(firstOf(c.SharedInboxURL, c.InboxURL), actor, payload)
	}
	out.toEach(extra, actor, payload)
	return out.list, nil
}
