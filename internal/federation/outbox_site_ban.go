package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// siteBanDeliveries sends a local person's ban from this site, or its end,
// as Lemmy 0.19 does: a Block of the person by the admin, whose target is
// our instance actor, to every instance we know (one shared inbox each);
// its end is an Undo of such a Block. Receivers apply it to the person as
// their own server's word. Lemmy takes a ban only from a person, so one
// made at the command line is signed by the site's first admin, and one
// made where there is no admin at all is not sent.
func (h *Handler) siteBanDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	ban := args.Moderation
	if ban == nil {
		return nil, fmt.Errorf("federate a site ban: the job names no ban")
	}
	person, err := h.store.PersonByID(ctx, ban.PersonID)
	if err != nil {
		return nil, err
	}
	admin, err := h.banningAdmin(ctx, args.PersonID)
	if errors.Is(err, store.ErrNotFound) {
		h.log.Warn("a site ban is not sent: there is no admin to sign it", "person", person.APID)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	inboxes, err := h.store.InstanceInboxes(ctx)
	if err != nil || len(inboxes) == 0 {
		return nil, err
	}
	cc := make([]string, 0, len(inboxes))
	for _, inbox := range inboxes {
		if u, err := url.Parse(inbox); err == nil {
			cc = append(cc, u.Scheme+"://"+u.Host+"/")
		}
	}
	block := ap.NewSiteBan(ap.SiteBanInput{Admin: admin, Person: person.APID, Instance: h.iri.Instance(),
		Reason: ban.Reason, Expires: ban.Expires, RemoveData: ban.RemoveData, Cc: cc})
	act := block
	if ban.Undo {
		block.LDContext = nil
		if act, err = ap.NewUndo(admin, block); err != nil {
			return nil, err
		}
	}
	payload, err := json.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", act.Type, err)
	}
	var out sendList
	out.toEach(inboxes, admin, payload)
	return out.list, nil
}

// banningAdmin is the id of the admin a site ban is sent as: the one who
// banned, or for the admin CLI (zero) the site's first admin.
func (h *Handler) banningAdmin(ctx context.Context, moderatorID int64) (string, error) {
	if moderatorID != 0 {
		p, err := h.store.PersonByID(ctx, moderatorID)
		if err == nil || !errors.Is(err, store.ErrNotFound) {
			return p.APID, err
		}
		// Purged since: the site still speaks through an admin.
	}
	u, err := h.store.FirstAdmin(ctx)
	return u.APID, err
}
