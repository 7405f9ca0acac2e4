package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

const (
	// maxInboxBody bounds what another server may send us in one activity.
	maxInboxBody = 1 << 20
	// inboxDeadline keeps us inside Lemmy's sender timeout (about 10 s):
	// slow work goes to jobs, and what cannot finish in time is a 503 so
	// that the sender retries.
	inboxDeadline = 9 * time.Second
)

// inbox receives activities from other servers: POST /inbox (shared),
// /c/NAME/inbox and /u/NAME/inbox. Nothing is stored unless the signature,
// the Digest, the Date and the origins all check out. Every refusal is
// logged with its reason (see refuse); a 4xx only when the sender is at
// fault, so that whatever fails on our side is sent again. A sender whose
// signatures keep failing is refused before they are checked (see
// tooManyBadSignatures).
func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	if h.keys == nil {
		h.refuse(w, r, refusal{status: http.StatusServiceUnavailable, msg: "this instance does not take activities yet"}, "", nil)
		return
	}
	who := signer(r)
	if h.tooManyBadSignatures(w, r, who) {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), inboxDeadline)
	defer cancel()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInboxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.refuse(w, r, refusal{status: http.StatusRequestEntityTooLarge, msg: "an activity may be at most 1 MiB"}, "", nil)
			return
		}
		// The connection broke or timed out: nothing says the activity
		// was wrong, and sent again it may arrive whole.
		h.refuse(w, r, refusal{status: http.StatusServiceUnavailable, msg: "could not read the body; try again later", err: err}, "", nil)
		return
	}
	ctx = WithActorMemo(WithBudget(ctx, DefaultFetchBudget))
	v, err := httpsig.Verify(ctx, r, body, h.keys, time.Now())
	if err != nil {
		rf := signatureRefusal(err)
		if rf.status < 500 {
			h.badSigs.Allow(who)
		}
		h.refuse(w, r, rf, v.KeyID, body)
		return
	}
	refuse := func(rf refusal) { h.refuse(w, r, rf, v.KeyID, body) }
	h.heardFrom(ctx, v.Owner)
	var act ap.Activity
	if err := json.Unmarshal(body, &act); err != nil || act.ID == "" || act.Actor.ID == "" || !ap.IsActivity(act.Type) {
		refuse(refusal{status: http.StatusBadRequest, msg: "the body is not an ActivityPub activity with an id and an actor"})
		return
	}
	if ap.HasNUL(body) {
		refuse(refusal{status: http.StatusBadRequest, msg: "the activity holds a NUL character (\\u0000), which no text here can keep"})
		return
	}
	if id, long := ap.LongID(body); long {
		refuse(refusal{status: http.StatusBadRequest, msg: fmt.Sprintf(
			"an id in the activity is %d bytes long (%s); ids kept here are at most %d", len(id), clip(id), ap.MaxIDLen)})
		return
	}
	// The key must be the actor's, and the activity must come from the
	// actor's own server (Lemmy's verify_domains_match).
	if v.Owner != act.Actor.ID {
		refuse(refusal{status: http.StatusForbidden, msg: fmt.Sprintf("signed by %s, but the activity's actor is %s", v.Owner, act.Actor.ID)})
		return
	}
	if !ap.SameOrigin(act.ID, act.Actor.ID) {
		refuse(refusal{status: http.StatusForbidden, msg: "the activity's id and its actor are on different servers"})
		return
	}
	actor, err := h.resolver.Actor(ctx, act.Actor.ID, false)
	if err != nil {
		refuse(classify(err))
		return
	}
	if actor.Local {
		refuse(refusal{status: http.StatusForbidden, msg: "activities of our own actors are not accepted from outside"})
		return
	}
	err = h.apply(ctx, incoming{act: act, body: body, actor: actor})
	h.countTaken(act.Type, err)
	switch {
	case err == nil, errors.Is(err, forum.ErrDuplicate):
		w.WriteHeader(http.StatusAccepted)
	case errors.Is(err, errIgnored):
		h.log.Debug("inbox: acknowledged and ignored", "activity", act.ID, "reason", err)
		w.WriteHeader(http.StatusAccepted)
	default:
		refuse(classify(err))
	}
}

var (
	errUnsupported = errors.New("unsupported")
	// errIgnored: a well-formed activity that changes nothing here, as a
	// report or a private message; acknowledged, so that it is not resent.
	errIgnored = errors.New("acknowledged and ignored")
	// errNotOwn: an object that is not its sender's (attributedTo another
	// actor, or on another server than its author).
	errNotOwn = errors.New("not the sender's own object")
)

// follow applies a Follow of a local community and answers with Accept.
func (h *Handler) follow(ctx context.Context, in incoming) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only people follow communities: %w", errUnsupported)
	}
	c, err := h.store.CommunityByAPID(ctx, in.act.Object.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		return fmt.Errorf("no community %s here: %w", in.act.Object.ID, forum.ErrNotFound)
	}
	if err != nil {
		return err
	}
	// The Accept embeds the Follow as received, as Lemmy's does.
	follow := in.act
	follow.LDContext = nil
	accept, err := ap.NewAccept(c.APID, &follow)
	if err != nil {
		return err
	}
	payload, err := json.Marshal(accept)
	if err != nil {
		return fmt.Errorf("encode accept: %w", err)
	}
	inbox := in.actor.Inbox
	if inbox == "" {
		inbox = in.actor.SharedInbox
	}
	return h.forum.AddRemoteFollower(ctx, in.act.ID, c.ID, in.actor.PersonID, in.act.ID,
		forum.DeliverArgs{Inbox: inbox, Actor: c.APID, Activity: payload})
}

// undo applies an Undo of a Follow, a Like, a Dislike or a Delete.
func (h *Handler) undo(ctx context.Context, in incoming) error {
	inner, err := in.act.Object.Activity()
	if err != nil {
		return fmt.Errorf("an Undo must embed the activity it undoes: %w", errUnsupported)
	}
	if inner.Actor.ID != in.act.Actor.ID {
		return fmt.Errorf("an actor may only undo its own activities: %w", errUnsupported)
	}
	if inner.ID != "" && !ap.SameOrigin(inner.ID, in.act.Actor.ID) {
		// What is undone is remembered as received, so it must be the
		// actor's own: else one server could cancel another's activity
		// before it arrives.
		return fmt.Errorf("the undone activity is on another server than its actor: %w", ErrCrossOrigin)
	}
	switch {
	case inner.IsVote():
		return h.undoVote(ctx, in, inner)
	case inner.IsModRemoval():
		return h.moderateObject(ctx, in, forum.ModRemove, inner.Object.ID, true)
	case inner.Type == ap.KindDelete:
		return h.remove(ctx, in, inner.Object.ID, false)
	case inner.Type == ap.KindLock:
		return h.moderateObject(ctx, in, forum.ModLock, inner.Object.ID, true)
	case inner.Type == ap.KindBlock:
		return h.block(ctx, in, inner, true)
	case inner.Type != ap.KindFollow:
		return fmt.Errorf("an Undo of %s: %w", inner.Type, errIgnored)
	}
	if in.via != nil {
		// A follow is between a person and a community of ours, never
		// relayed by another community.
		return fmt.Errorf("an Undo of a Follow relayed by %s: %w", in.via.APID, errUnsupported)
	}
	c, err := h.store.CommunityByAPID(ctx, inner.Object.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		return fmt.Errorf("no community %s here: %w", inner.Object.ID, forum.ErrNotFound)
	}
	if err != nil {
		return err
	}
	return h.forum.RemoveRemoteFollower(ctx, in.act.ID, c.ID, in.actor.PersonID)
}

// announcement wraps an accepted activity, as received, in the community's
// Announce for the instances that follow it (FEP-1b12), skipping the
// sender's own instance.
func announcement(community string, body []byte, actor ActorRef) (*forum.Announce, error) {
	a, err := ap.NewAnnounce(community, json.RawMessage(body))
	if err != nil {
		return nil, fmt.Errorf("build announce: %w", err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode announce: %w", err)
	}
	return &forum.Announce{Community: community, Activities: [][]byte{b}, Skip: ap.Domain(actor.ID)}, nil
}

// boost adds to ann the community's boost of a new post, or of one
// restored: an Announce of the post itself, page (the Page its Create
// carries, as built here or as received). That is how Mastodon,
// GoToSocial and Misskey learn of a post in a group they follow: they
// fetch it again by its id, from its server, and show it as the group's
// boost. Lemmy sends one beside the Announce of each Create for their
// sake, and makes nothing of one it receives, where it would fetch the
// object of an Announce of the post's id alone, expect an activity, and
// answer 4xx. The boost's id is the post's own (ap.NewBoost), so that
// withdrawBoost can undo it.
func boost(ann *forum.Announce, community string, page any) error {
	a, err := ap.NewBoost(community, page)
	if err != nil {
		return fmt.Errorf("build the boost of a post: %w", err)
	}
	return appendActivity(ann, a)
}

// withdrawBoost adds to ann the community's withdrawal of its boost of
// post (an Undo of the Announce), so that microblog servers take the post
// out of the timelines they showed it in: for a post of a local community
// that its author deletes, or a moderator removes. A removal calls it as
// a deletion does (see boostAfterDeletion), with the Announce of the
// removal, when the post was shown until then; the removal's undoing
// calls boost with the post's Page (pageObject) when it is shown again.
func withdrawBoost(ann *forum.Announce, community, post string) error {
	a, err := ap.NewUnboost(community, post)
	if err != nil {
		return fmt.Errorf("build the withdrawal of the boost of %s: %w", post, err)
	}
	return appendActivity(ann, a)
}

func appendActivity(ann *forum.Announce, a *ap.Activity) error {
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", a.Type, a.ID, err)
	}
	ann.Activities = append(ann.Activities, b)
	return nil
}
