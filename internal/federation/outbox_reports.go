package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// reportDeliveries is a local person's report of a post or comment in a
// remote community: its Flag, to the community's inbox (its shared inbox
// when it has one), and nowhere else, as Lemmy 0.19 sends it. The Flag
// carries the report's id, so that a Resolve that names it (Lemmy 1.0's)
// finds the report here. What happens to the report there is that
// server's business: Lemmy 0.19 sends nothing back when it is resolved.
func (h *Handler) reportDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	r, err := h.store.ReportByID(ctx, args.ReportID)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, r.CommunityID)
	if err != nil || c.Local {
		return nil, err
	}
	reporter, err := h.store.PersonByID(ctx, r.CreatorID)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(ap.NewFlag(r.APID, reporter.APID, r.ObjectAPID, c.APID, r.Reason))
	if err != nil {
		return nil, fmt.Errorf("encode Flag: %w", err)
	}
	return []forum.DeliverArgs{{Inbox: firstOf(c.SharedInboxURL, c.InboxURL), Actor: reporter.APID, Activity: payload}}, nil
}
