package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// privateMessageDeliveries is a local person's Create, Update or Delete
// (or Undo of the Delete) of a private message, signed by its author, to
// the recipient's own inbox and nowhere else: never a shared inbox, which
// would hand it to the whole server, nor any follower. The activity is kept
// as sent but never served (see ap.OwnActivities).
func (h *Handler) privateMessageDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	m, err := h.store.PrivateMessageByID(ctx, args.PrivateMessageID)
	if err != nil {
		return nil, err
	}
	author, err := h.store.PersonByID(ctx, m.CreatorID)
	if err != nil {
		return nil, err
	}
	to, err := h.store.PersonByID(ctx, m.RecipientID)
	if err != nil {
		return nil, err
	}
	if to.Local {
		return nil, nil
	}
	var act *ap.Activity
	switch args.Action {
	case forum.FederateCreatePrivateMessage, forum.FederateUpdatePrivateMessage:
		kind := ap.KindCreate
		if args.Action == forum.FederateUpdatePrivateMessage {
			kind = ap.KindUpdate
		}
		msg := ap.NewChatMessage(ap.PrivateMessageInput{ID: m.APID, AuthorID: author.APID, RecipientID: to.APID,
			Body: m.Content, BodyHTML: m.ContentHTML, Published: m.Published, Updated: m.Updated})
		act, err = ap.NewPrivateMessageActivity(kind, msg)
	case forum.FederateDeletePrivateMessage:
		act = ap.NewPrivateMessageDelete(author.APID, m.APID, to.APID)
		if !args.Deleted {
			act.LDContext = nil
			act, err = ap.NewUndo(author.APID, act)
		}
	default:
		return nil, fmt.Errorf("federate: unknown private message action %q", args.Action)
	}
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("encode %s of a private message: %w", act.Type, err)
	}
	return []forum.DeliverArgs{{Inbox: firstOf(to.InboxURL, to.SharedInboxURL), Actor: author.APID, Activity: payload}}, nil
}
