package forum

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// RemoteModAction is a moderator's action on a local community sent by
// another server: Undo (or Remove from a collection) reverses it.
type RemoteModAction struct {
	Moderation
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
			if err := remoteModerates(ctx, tx, a.CommunityID, modID); err != nil {
				return err
			}
			if err := remoteOutranks(ctx, tx, modID, a.Moderation); err != nil {
				return err
			}
		}
		a.Reason = runes.Cut(a.Reason, MaxReasonLen)
		if err := moderate(ctx, tx, modID, a.Moderation); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, a.CommunityID, ann)
	})
}

// remoteModerates checks, in tx, that a person on another server may
// moderate a local community: one of its moderators, and not banned from
// it, as mayModerate holds our own moderators (the site ban is checked
// before, with every activity the person sends).
func remoteModerates(ctx context.Context, tx *store.Store, communityID, modID int64) error {
	mod, err := tx.IsModerator(ctx, communityID, modID)
	if err != nil {
		return err
	}
	if !mod {
		return fmt.Errorf("only the community's moderators may do this: %w", ErrForbidden)
	}
	banned, err := tx.IsBannedFromCommunity(ctx, communityID, modID)
	if err != nil {
		return err
	}
	if banned {
		return fmt.Errorf("a moderator banned from the community may not moderate it: %w", ErrForbidden)
	}
	return nil
}

// remoteOutranks holds a remote moderator of a local community to the
// rule of rank our own moderators are held to (modContext.outranks): no
// removal, ban or deposition of an admin here, or of a moderator who was
// there first, so that the newest moderator, wherever they are, cannot
// remove the founders.
func remoteOutranks(ctx context.Context, tx *store.Store, modID int64, m Moderation) error {
	var against int64
	switch {
	case m.Kind == ModBan || (m.Kind == ModModerator && m.Undo):
		against = m.PersonID
	case m.Kind == ModRemove && m.Target.CommentID != 0:
		c, err := tx.CommentByID(ctx, m.Target.CommentID)
		if err != nil {
			return err
		}
		against = c.CreatorID
	case m.Kind == ModRemove:
		p, err := tx.PostByID(ctx, m.Target.PostID)
		if err != nil {
			return err
		}
		against = p.CreatorID
	default:
		return nil
	}
	c, err := tx.CommunityByID(ctx, m.CommunityID)
	if err != nil {
		return err
	}
	mods, err := tx.Moderators(ctx, m.CommunityID)
	if err != nil {
		return err
	}
	a := modContext{user: store.LocalUser{Person: store.Person{ID: modID}}, community: c, mod: true, mods: mods}
	return a.outranks(ctx, tx, against)
}

// UpdateRemoteCommunity applies a remote moderator's Update of a local
// community's title, sidebar, images and posting rules.
func (s *Service) UpdateRemoteCommunity(ctx context.Context, activityID string, modID, communityID int64, p store.CommunityProfile, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		if err := remoteModerates(ctx, tx, communityID, modID); err != nil {
			return err
		}
		p.Title, p.Description = runes.Cut(p.Title, maxCommunityTitleLen), runes.Cut(p.Description, MaxCommentLen)
		if err := updateCommunity(ctx, tx, modID, communityID, p); err != nil {
			return err
		}
		if err := s.noteRemoteImages(ctx, tx, RemoteImage{URL: p.IconURL, Purpose: store.ImageCommunityIcon},
			RemoteImage{URL: p.BannerURL, Purpose: store.ImageCommunityBanner}); err != nil {
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
