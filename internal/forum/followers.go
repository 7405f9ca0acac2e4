package forum

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

// ErrDuplicate: the activity was applied before; the sender gets a 2xx and
// nothing changes.
var ErrDuplicate = errors.New("activity already received")

// AddRemoteFollower records a remote person's Follow of a local community
// and queues the community's Accept, both with the activity's id in one
// transaction, so a redelivered Follow is applied once.
func (s *Service) AddRemoteFollower(ctx context.Context, activityID string, communityID, personID int64, followID string, accept DeliverArgs) error {
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		c, err := tx.CommunityByID(ctx, communityID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && (!c.Local || c.Deleted || c.Removed)) {
			return notFound("there is no community to follow at that address")
		}
		if err != nil {
			return err
		}
		person, err := tx.PersonByID(ctx, personID)
		if err != nil {
			return err
		}
		if person.Banned {
			return forbidden("%s is banned from this site", person.APID)
		}
		banned, err := tx.IsBannedFromCommunity(ctx, c.ID, personID)
		if err != nil {
			return err
		}
		if banned {
			return inputErr("", "this person is banned from %s", c.Name)
		}
		if err := tx.UpsertFollow(ctx, c.ID, personID, store.FollowAccepted, followID); err != nil {
			return err
		}
		if s.jobs == nil {
			return errors.New("no job queue to deliver the Accept")
		}
		return s.deliver(ctx, tx, accept)
	})
	if err != nil && !errors.Is(err, ErrDuplicate) && !IsInputError(err) {
		err = fmt.Errorf("add follower: %w", err)
	}
	return err
}

// RemoveRemoteFollower applies an Undo of a Follow.
func (s *Service) RemoveRemoteFollower(ctx context.Context, activityID string, communityID, personID int64) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		err := tx.DeleteFollow(ctx, communityID, personID)
		if errors.Is(err, store.ErrNotFound) {
			return nil // not following: the Undo changes nothing, as intended
		}
		return err
	})
}

// AnswerFollow applies a remote community's Accept or Reject (state) of
// our Follow, once per activity id; it reports whether a pending follow
// changed.
func (s *Service) AnswerFollow(ctx context.Context, activityID string, communityID int64, followID, state string) (bool, error) {
	var changed bool
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		var err error
		changed, err = tx.AnswerFollow(ctx, communityID, followID, state)
		return err
	})
	return changed, err
}
