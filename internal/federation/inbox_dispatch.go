package federation

import (
	"context"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// incoming is an activity whose actor has been verified: by its signature,
// or (via set) because a remote community we follow relays it (FEP-1b12).
type incoming struct {
	act   ap.Activity
	body  []byte // as received, for the community's Announce
	actor ActorRef
	// via is the remote community that announced the activity; nil when
	// the activity was sent straight to one of our communities.
	via *store.Community
}

// announce is what the community sends on to its followers for an
// accepted activity: an Announce when it is ours, nothing when a remote
// community relayed it (it has announced it itself).
func (in incoming) announce(community string) (*forum.Announce, error) {
	if in.via != nil {
		return nil, nil
	}
	return announcement(community, in.body, in.actor)
}

// ours reports whether an activity about the community with this id is
// ours to apply: sent to one of our communities, or relayed by the very
// community it belongs to.
func (h *Handler) ours(in incoming, community string) bool {
	if in.via != nil {
		return community == in.via.APID
	}
	return h.resolver.isLocal(community)
}

// mismatch refuses an activity a community relays about another
// community's content.
func (in incoming) mismatch(community string) error {
	if in.via != nil && community != in.via.APID {
		return fmt.Errorf("%s relayed an activity about %s: %w", in.via.APID, community, ErrCrossOrigin)
	}
	return nil
}

// apply acts on one activity.
func (h *Handler) apply(ctx context.Context, in incoming) error {
	if in.actor.Banned && !mayWhileBanned(in.act) {
		// Whatever they send, and whoever relays it: posts, comments,
		// votes, reports, follows. forum checks again where it changes
		// something, in its transaction.
		return fmt.Errorf("%s is banned from this site: %w", in.actor.ID, forum.ErrForbidden)
	}
	switch in.act.Type {
	case ap.KindFollow:
		return h.follow(ctx, in)
	case ap.KindUndo:
		return h.undo(ctx, in)
	case ap.KindLike, ap.KindDislike:
		return h.vote(ctx, in)
	case ap.KindCreate:
		return h.create(ctx, in)
	case ap.KindUpdate:
		return h.update(ctx, in)
	case ap.KindDelete:
		return h.delete(ctx, in)
	case ap.KindLock:
		return h.moderateObject(ctx, in, forum.ModLock, in.act.Object.ID, false)
	case ap.KindAdd, ap.KindRemove:
		return h.collection(ctx, in, in.act.Type == ap.KindAdd)
	case ap.KindBlock:
		return h.block(ctx, in, &in.act, false)
	case ap.KindAnnounce:
		return h.announced(ctx, in)
	case ap.KindAccept, ap.KindReject:
		return h.followAnswer(ctx, in)
	case ap.KindFlag:
		return h.flag(ctx, in)
	case ap.KindResolve:
		return h.resolveReport(ctx, in)
	case ap.KindWarn:
		// Lemmy 1.0's warnings have no place here yet; acknowledged so
		// that the sender does not retry them.
		return fmt.Errorf("%s: %w", in.act.Type, errIgnored)
	}
	return fmt.Errorf("activities of type %s are not handled here: %w", in.act.Type, errUnsupported)
}

// mayWhileBanned is what a person banned from this site may still do:
// delete their account and stop following, which only take away.
func mayWhileBanned(act ap.Activity) bool {
	return act.IsAccountDeletion() || (act.Type == ap.KindUndo && act.Object.Type == ap.KindFollow)
}
