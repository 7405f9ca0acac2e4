package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
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
// the Digest, the Date and the origins all check out.
func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	if h.keys == nil {
		problem(w, http.StatusServiceUnavailable, "this instance does not take activities yet")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), inboxDeadline)
	defer cancel()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInboxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem(w, http.StatusRequestEntityTooLarge, "an activity may be at most 1 MiB")
			return
		}
		problem(w, http.StatusBadRequest, "could not read the body")
		return
	}
	ctx = WithBudget(ctx, DefaultFetchBudget)
	v, err := httpsig.Verify(ctx, r, body, h.keys, time.Now())
	if err != nil {
		problem(w, httpsig.HTTPStatus(err), "signature refused: "+err.Error())
		return
	}
	var act ap.Activity
	if err := json.Unmarshal(body, &act); err != nil || act.ID == "" || act.Actor.ID == "" || !ap.IsActivity(act.Type) {
		problem(w, http.StatusBadRequest, "the body is not an ActivityPub activity with an id and an actor")
		return
	}
	// The key must be the actor's, and the activity must come from the
	// actor's own server (Lemmy's verify_domains_match).
	if v.Owner != act.Actor.ID {
		problem(w, http.StatusForbidden, fmt.Sprintf("signed by %s, but the activity's actor is %s", v.Owner, act.Actor.ID))
		return
	}
	if !ap.SameOrigin(act.ID, act.Actor.ID) {
		problem(w, http.StatusForbidden, "the activity's id and its actor are on different servers")
		return
	}
	actor, err := h.resolver.Actor(ctx, act.Actor.ID, false)
	if err != nil {
		h.refuse(w, err)
		return
	}
	if actor.Local {
		problem(w, http.StatusForbidden, "activities of our own actors are not accepted from outside")
		return
	}
	switch act.Type {
	case ap.KindFollow:
		err = h.follow(ctx, act, actor)
	case ap.KindUndo:
		err = h.undo(ctx, act, body, actor)
	case ap.KindLike, ap.KindDislike:
		err = h.vote(ctx, act, body, actor)
	case ap.KindCreate:
		err = h.create(ctx, act, body, actor)
	case ap.KindUpdate:
		err = h.update(ctx, act, body, actor)
	case ap.KindDelete:
		err = h.delete(ctx, act, body, actor)
	case ap.KindLock:
		err = h.moderateObject(ctx, act, body, actor, forum.ModLock, act.Object.ID, false)
	case ap.KindAdd, ap.KindRemove:
		err = h.collection(ctx, act, body, actor, act.Type == ap.KindAdd)
	case ap.KindBlock:
		err = h.block(ctx, act, body, actor, &act, false)
	case ap.KindFlag, ap.KindResolve, ap.KindWarn:
		// Reports and warnings have no place here yet; acknowledged so
		// that the sender does not retry them.
		err = fmt.Errorf("%s: %w", act.Type, errIgnored)
	case ap.KindAccept, ap.KindReject, ap.KindAnnounce:
		// Answers to our follows and what remote communities relay: we
		// follow none yet, so there is nothing they could apply to.
		err = fmt.Errorf("%s without a follow of ours: %w", act.Type, errIgnored)
	default:
		// A 4xx, so the sender does not retry what would fail again.
		problem(w, http.StatusUnprocessableEntity, fmt.Sprintf("activities of type %s are not handled here yet", act.Type))
		return
	}
	switch {
	case err == nil, errors.Is(err, forum.ErrDuplicate):
		w.WriteHeader(http.StatusAccepted)
	case errors.Is(err, errIgnored):
		h.log.Debug("inbox: acknowledged and ignored", "activity", act.ID, "reason", err)
		w.WriteHeader(http.StatusAccepted)
	default:
		h.refuse(w, err)
	}
}

// refuse answers a failed activity: the sender's mistakes with a 4xx so it
// does not retry, ours with a 5xx so it does.
func (h *Handler) refuse(w http.ResponseWriter, err error) {
	var ie *forum.InputError
	switch {
	case errors.As(err, &ie):
		problem(w, http.StatusUnprocessableEntity, ie.Msg)
	case errors.Is(err, forum.ErrNotFound), errors.Is(err, store.ErrNotFound):
		problem(w, http.StatusNotFound, err.Error())
	case errors.Is(err, forum.ErrForbidden):
		problem(w, http.StatusForbidden, err.Error())
	case errors.Is(err, ErrBlocked):
		problem(w, http.StatusForbidden, "this instance does not federate with yours")
	case errors.Is(err, ErrCrossOrigin), errors.Is(err, ErrIDMismatch), errors.Is(err, ErrNotActor),
		errors.Is(err, ErrNotActivityJSON), errors.Is(err, ErrGone), errors.Is(err, errUnsupported):
		problem(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, errTooDeep):
		problem(w, http.StatusUnprocessableEntity, err.Error())
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, ErrBudgetExhausted):
		problem(w, http.StatusServiceUnavailable, "could not finish in time; try again later")
	case fetchFailed(err):
		// Something we had to fetch could not be: the sender may retry
		// unless the other server's answer was final.
		if safehttp.Permanent(err) {
			problem(w, http.StatusBadRequest, err.Error())
			return
		}
		problem(w, http.StatusServiceUnavailable, err.Error()+"; try again later")
	default:
		h.log.Error("inbox", "err", err)
		problem(w, http.StatusInternalServerError, "something went wrong on our side; try again later")
	}
}

// fetchFailed reports an error of a fetch from another server rather than
// of our own database or code.
func fetchFailed(err error) bool {
	var se *safehttp.StatusError
	var ue *url.Error
	return errors.As(err, &se) || errors.As(err, &ue) || errors.Is(err, safehttp.ErrForbiddenAddress) ||
		errors.Is(err, safehttp.ErrTooLarge) || errors.Is(err, safehttp.ErrInvalidURL) ||
		errors.Is(err, safehttp.ErrUnsupportedScheme) || errors.Is(err, safehttp.ErrTooManyRedirects)
}

var (
	errUnsupported = errors.New("unsupported")
	// errIgnored: a well-formed activity that changes nothing here, as a
	// report or a private message; acknowledged, so that it is not resent.
	errIgnored = errors.New("acknowledged and ignored")
)

// follow applies a Follow of a local community and answers with Accept.
func (h *Handler) follow(ctx context.Context, act ap.Activity, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people follow communities: %w", errUnsupported)
	}
	c, err := h.store.CommunityByAPID(ctx, act.Object.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		return forum.ErrNotFound
	}
	if err != nil {
		return err
	}
	// The Accept embeds the Follow as received, as Lemmy's does.
	follow := act
	follow.LDContext = nil
	accept, err := ap.NewAccept(c.APID, &follow)
	if err != nil {
		return err
	}
	payload, err := json.Marshal(accept)
	if err != nil {
		return fmt.Errorf("encode accept: %w", err)
	}
	inbox := actor.Inbox
	if inbox == "" {
		inbox = actor.SharedInbox
	}
	return h.forum.AddRemoteFollower(ctx, act.ID, c.ID, actor.PersonID, act.ID,
		forum.DeliverArgs{Inbox: inbox, Actor: c.APID, Activity: payload})
}

// undo applies an Undo of a Follow, a Like, a Dislike or a Delete.
func (h *Handler) undo(ctx context.Context, act ap.Activity, body []byte, actor ActorRef) error {
	inner, err := act.Object.Activity()
	if err != nil {
		return fmt.Errorf("an Undo must embed the activity it undoes: %w", errUnsupported)
	}
	if inner.Actor.ID != act.Actor.ID {
		return fmt.Errorf("an actor may only undo its own activities: %w", errUnsupported)
	}
	switch {
	case inner.IsVote():
		return h.undoVote(ctx, act, body, inner, actor)
	case inner.IsModRemoval():
		return h.moderateObject(ctx, act, body, actor, forum.ModRemove, inner.Object.ID, true)
	case inner.Type == ap.KindDelete:
		return h.remove(ctx, act, body, actor, inner.Object.ID, false)
	case inner.Type == ap.KindLock:
		return h.moderateObject(ctx, act, body, actor, forum.ModLock, inner.Object.ID, true)
	case inner.Type == ap.KindBlock:
		return h.block(ctx, act, body, actor, inner, true)
	case inner.Type != ap.KindFollow:
		return fmt.Errorf("an Undo of %s: %w", inner.Type, errIgnored)
	}
	c, err := h.store.CommunityByAPID(ctx, inner.Object.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		return forum.ErrNotFound
	}
	if err != nil {
		return err
	}
	return h.forum.RemoveRemoteFollower(ctx, act.ID, c.ID, actor.PersonID)
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
	skip := ""
	if u, err := url.Parse(actor.ID); err == nil {
		skip = u.Host
	}
	return &forum.Announce{Community: community, Activity: b, Skip: skip}, nil
}
