package forum

import (
	"context"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// Announce is a community's re-sending of an activity it accepted to the
// instances that follow it (FEP-1b12), built by federation. Activities are
// sent as they are, each to every follower inbox: the Announce of the
// activity, and for a new post also the boost of the post by its id that
// microblog servers understand. The sender's own instance is skipped,
// since it has the activity already.
type Announce struct {
	Community  string // the local community's ap_id, whose key signs
	Activities [][]byte
	Skip       string // host[:port] of the instance the activity came from
}

// announceTx queues one delivery of each of a.Activities per follower
// inbox, in the transaction of the change it announces.
func (s *Service) announceTx(ctx context.Context, tx *store.Store, communityID int64, a *Announce) error {
	if a == nil {
		return nil
	}
	return s.announceAll(ctx, tx, communityID, []*Announce{a})
}

// announceAll is announceTx for several announcements of one community,
// whose followers are read once.
func (s *Service) announceAll(ctx context.Context, tx *store.Store, communityID int64, anns []*Announce) error {
	if len(anns) == 0 || s.jobs == nil {
		return nil
	}
	inboxes, err := tx.FollowerInboxes(ctx, communityID)
	if err != nil {
		return err
	}
	var jobs []DeliverArgs
	for _, a := range anns {
		for _, inbox := range inboxes {
			if a.Skip != "" && ap.Domain(inbox) == a.Skip {
				continue
			}
			for _, activity := range a.Activities {
				jobs = append(jobs, DeliverArgs{Inbox: inbox, Actor: a.Community, Activity: activity})
			}
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	return s.deliver(ctx, tx, jobs...)
}

// announceLocal announces only for a local community: a remote one does its
// own announcing.
func (s *Service) announceLocal(ctx context.Context, tx *store.Store, communityID int64, a *Announce) error {
	if a == nil {
		return nil
	}
	c, err := tx.CommunityByID(ctx, communityID)
	if err != nil || !c.Local {
		return err
	}
	a.Community = c.APID
	return s.announceTx(ctx, tx, communityID, a)
}
