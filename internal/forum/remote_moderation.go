package forum

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// ErrForbidden: the actor may not do this here (not a moderator of the
// community, say).
var ErrForbidden = errors.New("not permitted")

// Kinds of RemoteModAction, as Lemmy's moderators send them.
const (
	ModRemove    = "remove"    // Delete with a summary, of a post or comment
	ModLock      = "lock"      // Lock of a post or comment
	ModFeature   = "feature"   // Add to / Remove from the featured collection
	ModModerator = "moderator" // Add to / Remove from the moderators collection
	ModBan       = "ban"       // Block with the community as target
)

// RemoteModAction is a moderator's action on a local community sent by
// another server: Undo (or Remove from a collection) reverses it.
type RemoteModAction struct {
	Kind        string
	CommunityID int64
	Target      Target // the post or comment, for remove, lock and feature
	PersonID    int64  // the person, for moderator and ban
	Undo        bool
	Reason      string
	Expires     time.Time // of a ban; zero for none
	RemoveData  bool      // a ban also removes the person's content here
	// Vouched: the remote community itself relays the action, so its
	// server has checked the moderator.
	Vouched bool
}

// ApplyRemoteModAction applies a remote moderator's action, once per
// activity id, after checking in the same transaction that modID
// moderates the community and that the target is in it; the community
// announces it to its followers.
func (s *Service) ApplyRemoteModAction(ctx context.Context, activityID string, modID int64, a RemoteModAction, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		if !a.Vouched {
			mod, err := tx.IsModerator(ctx, a.CommunityID, modID)
			if err != nil {
				return err
			}
			if !mod {
				return fmt.Errorf("only the community's moderators may do this: %w", ErrForbidden)
			}
		}
		var err error
		entry := store.ModAction{ModeratorID: modID, CommunityID: a.CommunityID, Reason: cut(a.Reason, 1000)}
		if a.Kind == ModRemove || a.Kind == ModLock || a.Kind == ModFeature {
			if err := inCommunity(ctx, tx, a.Target, a.CommunityID); err != nil {
				return err
			}
			entry.PostID, entry.CommentID = a.Target.PostID, a.Target.CommentID
		} else {
			entry.TargetPersonID = a.PersonID
		}
		entry.Action, err = applyModAction(ctx, tx, a)
		if err != nil {
			return err
		}
		if err := tx.LogModAction(ctx, entry); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, a.CommunityID, ann)
	})
}

// applyModAction changes what a moderator's action changes and names it
// for the moderation log.
func applyModAction(ctx context.Context, tx *store.Store, a RemoteModAction) (string, error) {
	on := !a.Undo
	comment := a.Target.CommentID != 0
	switch {
	case a.Kind == ModRemove && comment:
		return pick(on, "remove_comment", "restore_comment"), tx.SetCommentFlags(ctx, a.Target.CommentID, nil, &on)
	case a.Kind == ModRemove:
		return pick(on, "remove_post", "restore_post"), tx.SetPostFlags(ctx, a.Target.PostID, store.PostFlags{Removed: &on})
	case a.Kind == ModLock && comment:
		return pick(on, "lock_comment", "unlock_comment"), tx.SetCommentLocked(ctx, a.Target.CommentID, on)
	case a.Kind == ModLock:
		return pick(on, "lock_post", "unlock_post"), tx.SetPostFlags(ctx, a.Target.PostID, store.PostFlags{Locked: &on})
	case a.Kind == ModFeature && !comment:
		return pick(on, "feature_post", "unfeature_post"),
			tx.SetPostFlags(ctx, a.Target.PostID, store.PostFlags{FeaturedCommunity: &on})
	case a.Kind == ModModerator && on:
		return "add_moderator", tx.AddModerator(ctx, a.CommunityID, a.PersonID)
	case a.Kind == ModModerator:
		return "remove_moderator", tx.RemoveModerator(ctx, a.CommunityID, a.PersonID)
	case a.Kind == ModBan && on:
		if err := tx.BanFromCommunityUntil(ctx, a.CommunityID, a.PersonID, cut(a.Reason, 1000), a.Expires); err != nil {
			return "", err
		}
		if a.RemoveData {
			if _, _, err := tx.HidePersonContent(ctx, a.PersonID, a.CommunityID, true); err != nil {
				return "", err
			}
		}
		return "ban_from_community", nil
	case a.Kind == ModBan:
		return "unban_from_community", tx.UnbanFromCommunity(ctx, a.CommunityID, a.PersonID)
	}
	return "", inputErr("", "a %s of this object is not something moderators do", a.Kind)
}

func pick(on bool, yes, no string) string {
	if on {
		return yes
	}
	return no
}

// inCommunity checks that a post or comment is in the community a
// moderator acts for: a moderator of one community has no say in another.
func inCommunity(ctx context.Context, tx *store.Store, t Target, communityID int64) error {
	p, err := tx.PostByID(ctx, t.PostID)
	if err != nil {
		return err
	}
	if p.CommunityID != communityID {
		return fmt.Errorf("the post is in another community: %w", ErrForbidden)
	}
	return nil
}

// UpdateRemoteCommunity applies a remote moderator's Update of a local
// community's title, sidebar, images and posting rules.
func (s *Service) UpdateRemoteCommunity(ctx context.Context, activityID string, modID, communityID int64, p store.CommunityProfile, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		mod, err := tx.IsModerator(ctx, communityID, modID)
		if err != nil {
			return err
		}
		if !mod {
			return fmt.Errorf("only the community's moderators may change it: %w", ErrForbidden)
		}
		if p.Title = cut(p.Title, 100); p.Title == "" {
			return inputErr("title", "the community needs a title")
		}
		p.Description = cut(p.Description, 10000)
		if err := tx.UpdateCommunityProfile(ctx, communityID, p); err != nil {
			return err
		}
		if err := tx.LogModAction(ctx, store.ModAction{Action: "update_community", ModeratorID: modID,
			CommunityID: communityID}); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, communityID, ann)
	})
}

// LogRemoteCommunityUpdate writes in the moderation log, once per
// activity id, that a moderator of a remote community we follow changed
// it: the community relayed the Update, vouching for its moderator, and
// what changed was fetched from it. modID is zero when the community
// itself sent the change.
func (s *Service) LogRemoteCommunityUpdate(ctx context.Context, activityID string, modID, communityID int64) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		return tx.LogModAction(ctx, store.ModAction{Action: "update_community", ModeratorID: modID,
			CommunityID: communityID})
	})
}

// DeleteRemoteAccount applies a person's Delete of their own account: the
// account is marked deleted, its follows end, and with removeData its
// posts and comments are deleted too, as Lemmy does.
func (s *Service) DeleteRemoteAccount(ctx context.Context, activityID string, personID int64, removeData bool) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		if err := tx.SetPersonDeleted(ctx, personID); err != nil {
			return err
		}
		if !removeData {
			return nil
		}
		_, _, err := tx.HidePersonContent(ctx, personID, 0, false)
		return err
	})
}
