package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// moderateObject applies a moderator's removal (a Delete with a summary)
// or lock of a post or comment in a local community, or its Undo.
func (h *Handler) moderateObject(ctx context.Context, in incoming, kind, object string, undo bool) error {
	t, community, err := h.storedTarget(ctx, object)
	if errors.Is(err, forum.ErrNotFound) {
		return fmt.Errorf("nothing here to moderate: %w", errIgnored)
	}
	if err != nil {
		return err
	}
	c, err := h.modCommunity(ctx, in, community)
	if err != nil {
		return err
	}
	return h.applyMod(ctx, in, c, forum.RemoteModAction{Moderation: forum.Moderation{Kind: kind, Target: t, Undo: undo}})
}

// collection applies a moderator's Add to or Remove from a community's
// featured posts or its moderators. The collection is told by the URLs
// the community published, whatever they end in (Mbin's featured posts are
// /m/NAME/pinned): one of a local community, or of the remote community
// relaying the activity.
func (h *Handler) collection(ctx context.Context, in incoming, add bool) error {
	c, which, err := h.collectionOf(ctx, in, in.act.Target.ID)
	if err != nil {
		return err
	}
	if which == store.CollectionFeatured {
		t, _, err := h.target(ctx, in.act.Object.ID)
		if err != nil {
			return err
		}
		return h.applyMod(ctx, in, c, forum.RemoteModAction{Moderation: forum.Moderation{Kind: forum.ModFeature, Target: t, Undo: !add}})
	}
	person, err := h.person(ctx, in.act.Object.ID)
	if err != nil {
		return err
	}
	return h.applyMod(ctx, in, c, forum.RemoteModAction{Moderation: forum.Moderation{Kind: forum.ModModerator, PersonID: person, Undo: !add}})
}

// collectionOf is the community whose featured posts or moderators target
// is, and which of the two.
func (h *Handler) collectionOf(ctx context.Context, in incoming, target string) (store.Community, string, error) {
	if in.via != nil {
		switch {
		case in.via.FeaturedURL != "" && ap.SameCollection(target, in.via.FeaturedURL):
			return *in.via, store.CollectionFeatured, nil
		case in.via.ModeratorsURL != "" && ap.SameCollection(target, in.via.ModeratorsURL):
			return *in.via, store.CollectionModerators, nil
		}
		return store.Community{}, "", fmt.Errorf("an %s to %q, not a collection of %s: %w",
			in.act.Type, target, in.via.APID, errIgnored)
	}
	c, which, err := h.store.LocalCommunityByCollection(ctx, ap.CollectionURL(target))
	if errors.Is(err, store.ErrNotFound) {
		return c, "", fmt.Errorf("an %s to %q, not a collection of a community here: %w", in.act.Type, target, errIgnored)
	}
	return c, which, err
}

// block applies a moderator's ban of a person from a local community, or
// (undo) its lifting; or another instance's ban of one of its people from
// that whole instance (see siteBan).
func (h *Handler) block(ctx context.Context, in incoming, ban *ap.Activity, undo bool) error {
	if ap.IsInstanceActor(ban.Target.ID) {
		return h.siteBan(ctx, in, ban, undo)
	}
	c, err := h.modCommunity(ctx, in, ban.Target.ID)
	if err != nil {
		return err
	}
	person, err := h.person(ctx, ban.Object.ID)
	if err != nil {
		return err
	}
	expires := ban.ExpiresAt()
	return h.applyMod(ctx, in, c, forum.RemoteModAction{Moderation: forum.Moderation{Kind: forum.ModBan,
		PersonID: person, Undo: undo, Reason: ban.Reason(), Expires: expires, RemoveData: ban.RemoveData}})
}

// siteBan applies another instance's ban of one of its own people from
// that instance (a Block whose target is its instance actor, as Lemmy
// sends it to every instance it knows), or its Undo: they are banned here
// too, as Lemmy does. Only a person's own server speaks for them, so the
// admin, the instance and the person must share a host, and no other
// instance bans our people.
func (h *Handler) siteBan(ctx context.Context, in incoming, ban *ap.Activity, undo bool) error {
	site := ap.Domain(ban.Target.ID)
	switch {
	case in.via != nil:
		return fmt.Errorf("a site ban relayed by %s: %w", in.via.APID, errUnsupported)
	case in.actor.Kind != ActorPerson:
		return fmt.Errorf("a site ban by a %s: %w", in.actor.Kind, errUnsupported)
	case h.resolver.isLocal(ban.Target.ID) || h.resolver.isLocal(ban.Object.ID):
		return fmt.Errorf("only this site's admins ban from it, and only they ban its people: %w", forum.ErrForbidden)
	case site != ap.Domain(in.actor.ID):
		return fmt.Errorf("a ban from %s by %s, of another instance: %w", site, in.actor.ID, ErrCrossOrigin)
	case site != ap.Domain(ban.Object.ID):
		return fmt.Errorf("%s banned %s, who is not one of its people: %w", site, ban.Object.ID, forum.ErrForbidden)
	}
	person, err := h.person(ctx, ban.Object.ID)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteSiteBan(ctx, in.act.ID, in.actor.PersonID, forum.RemoteSiteBan{PersonID: person,
		Undo: undo, Reason: ban.Reason(), Expires: ban.ExpiresAt(), RemoveData: ban.RemoveData})
}

// updateGroup applies a moderator's Update of a local community.
func (h *Handler) updateGroup(ctx context.Context, in incoming) error {
	obj, err := in.act.Object.Decode()
	if err != nil {
		return fmt.Errorf("an Update must embed the community: %w", errUnsupported)
	}
	g, ok := obj.(*ap.Group)
	if !ok {
		return fmt.Errorf("an Update of %s is not handled: %w", obj.Kind(), errUnsupported)
	}
	if in.via != nil {
		// The community's own word: fetched from it, as it is now.
		if err := in.mismatch(g.ID); err != nil {
			return err
		}
		if _, err := h.resolver.Actor(ctx, g.ID, true); err != nil {
			return err
		}
		return h.forum.LogRemoteCommunityUpdate(ctx, in.act.ID, in.actor.PersonID, in.via.ID)
	}
	c, err := h.ourCommunity(ctx, g.ID)
	if err != nil {
		return err
	}
	descHTML := profileHTML(g.Summary)
	desc := sourceText(g.Source)
	if desc == "" {
		desc = ap.HTMLText(descHTML)
	}
	ann, err := in.announce(c.APID)
	if err != nil {
		return err
	}
	return h.forum.UpdateRemoteCommunity(ctx, in.act.ID, in.actor.PersonID, c.ID, store.CommunityProfile{
		Title: g.Name, Description: desc, DescriptionHTML: descHTML,
		IconURL: imageURL(g.Icon), BannerURL: imageURL(g.Image), NSFW: g.Sensitive,
		PostingRestrictedToMods: g.PostingRestrictedToMods,
	}, ann)
}

// applyMod checks the actor and hands the action to the forum, which
// checks in its transaction that the actor moderates the community.
func (h *Handler) applyMod(ctx context.Context, in incoming, c store.Community, a forum.RemoteModAction) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only moderators moderate: %w", errUnsupported)
	}
	if a.Reason == "" {
		a.Reason = in.act.Reason()
	}
	a.CommunityID, a.Vouched = c.ID, in.via != nil
	ann, err := in.announce(c.APID)
	if err != nil {
		return err
	}
	if ann != nil && c.Local && a.Kind == forum.ModRemove && a.Target.CommentID == 0 {
		p, err := h.store.PostByID(ctx, a.Target.PostID)
		if err != nil {
			return err
		}
		shown := !p.Removed && !p.Deleted
		if err := h.reboost(ctx, ann, c.APID, p, shown, !p.Deleted && a.Undo); err != nil {
			return err
		}
	}
	return h.forum.ApplyRemoteModAction(ctx, in.act.ID, in.actor.PersonID, a, ann)
}

// modCommunity is the community a moderator's action is about: one of
// ours, or the remote community relaying it, which vouches for it.
func (h *Handler) modCommunity(ctx context.Context, in incoming, id string) (store.Community, error) {
	if in.via == nil {
		return h.ourCommunity(ctx, id)
	}
	if err := in.mismatch(id); err != nil {
		return store.Community{}, err
	}
	return *in.via, nil
}

// ourCommunity is a community of ours by its id; a remote one's
// moderation reaches us through its Announce, not from its moderators.
func (h *Handler) ourCommunity(ctx context.Context, id string) (store.Community, error) {
	c, err := h.store.CommunityByAPID(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		return store.Community{}, fmt.Errorf("%s is not a community on this server: %w", id, errIgnored)
	}
	return c, err
}

// person is the id of a person named by an activity, fetched when new.
func (h *Handler) person(ctx context.Context, id string) (int64, error) {
	ref, err := h.resolver.Actor(ctx, id, false)
	if err != nil {
		return 0, err
	}
	if ref.Kind != ActorPerson {
		return 0, fmt.Errorf("%s is not a person: %w", id, errUnsupported)
	}
	return ref.PersonID, nil
}

// deleteAccount applies a person's Delete of their own account.
func (h *Handler) deleteAccount(ctx context.Context, in incoming) error {
	if in.via != nil {
		// An account is its own server's to delete, sent by that server to
		// every instance; no community may relay it.
		return fmt.Errorf("an account deletion relayed by %s: %w", in.via.APID, errUnsupported)
	}
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("a Delete of a %s is not handled: %w", in.actor.Kind, errIgnored)
	}
	return h.forum.DeleteRemoteAccount(ctx, in.act.ID, in.actor.PersonID, in.act.RemoveData)
}
