package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// personUpdateDeliveries sends a local person's new profile as an Update
// of their Person, signed by them, to every instance we know, as Lemmy
// sends its users' profile edits: their posts, comments and votes may
// have gone to any of them.
func (h *Handler) personUpdateDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	p, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return nil, err
	}
	if p.Deleted {
		// The deletion, sent since, says all there is to say.
		return nil, nil
	}
	obj, err := h.personObject(ctx, p)
	if err != nil {
		return nil, err
	}
	act, err := ap.NewUpdate(p.APID, obj)
	if err != nil {
		return nil, err
	}
	return h.toEveryInstance(ctx, p.APID, act)
}

// accountDeleteDeliveries sends a local person's deletion of their own
// account, as Lemmy does: a Delete whose object is the person, with
// removeData when their posts and comments went too, to every instance
// we know.
func (h *Handler) accountDeleteDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	p, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return nil, err
	}
	return h.toEveryInstance(ctx, p.APID, ap.NewDeleteAccount(p.APID, args.Deleted))
}

// toEveryInstance sends act, signed by actor, to one inbox of every
// instance we know.
func (h *Handler) toEveryInstance(ctx context.Context, actor string, act *ap.Activity) ([]forum.DeliverArgs, error) {
	inboxes, err := h.store.InstanceInboxes(ctx)
	if err != nil || len(inboxes) == 0 {
		return nil, err
	}
	payload, err := json.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", act.Type, err)
	}
	var out sendList
	out.toEach(inboxes, actor, payload)
	return out.list, nil
}
