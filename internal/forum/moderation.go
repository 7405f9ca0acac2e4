package forum

import (
	"context"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// Kinds of Moderation. The first five are what Lemmy's moderators send
// and receive; the last two are this instance's alone.
const (
	ModRemove    = "remove"    // Delete with a summary, of a post or comment
	ModLock      = "lock"      // Lock of a post or comment
	ModFeature   = "feature"   // Add to / Remove from the featured collection
	ModModerator = "moderator" // Add to / Remove from the moderators collection
	ModBan       = "ban"       // Block with the community as target
	// ModFeatureLocal pins a post on this instance's front page, as
	// Lemmy's featured_local, which it does not federate.
	ModFeatureLocal = "feature_local"
	// ModNSFW marks a post NSFW, which reaches other servers as the post's
	// own Update, the only way Lemmy takes the mark.
	ModNSFW = "nsfw"
)

// MaxReasonLen is the longest reason a moderator may give: Lemmy 0.19's
// limit for every text but a post's body.
const MaxReasonLen = 10000

// Moderation is one action of a moderator (or an admin) in a community,
// from this instance or another; Undo reverses it.
type Moderation struct {
	Kind        string `json:"kind"`
	CommunityID int64  `json:"community_id"`
	// Target is the post or comment, for every kind but moderator and ban.
	Target Target `json:"target,omitzero"`
	// PersonID is whom a moderator or ban action is about.
	PersonID int64  `json:"person_id,omitempty"`
	Undo     bool   `json:"undo,omitempty"`
	Reason   string `json:"reason,omitempty"`
	// Expires ends a ban; zero for never.
	Expires time.Time `json:"expires,omitzero"`
	// RemoveData: a ban also removes what the person wrote in the
	// community.
	RemoveData bool `json:"remove_data,omitempty"`
}

// onContent reports whether the action is about a post or comment rather
// than a person.
func (m Moderation) onContent() bool { return m.Kind != ModModerator && m.Kind != ModBan }

// moderate applies a moderator's action and writes it to the moderation
// log, in tx: the one rule for what every action changes, whether the
// moderator is here or on another server. Who may act has been checked.
func moderate(ctx context.Context, tx *store.Store, modID int64, m Moderation) error {
	entry := store.ModAction{ModeratorID: modID, CommunityID: m.CommunityID, Reason: m.Reason}
	if m.onContent() {
		if err := inCommunity(ctx, tx, m.Target, m.CommunityID); err != nil {
			return err
		}
		entry.PostID, entry.CommentID = m.Target.PostID, m.Target.CommentID
	} else {
		entry.TargetPersonID = m.PersonID
	}
	if m.Kind == ModBan && !m.Undo {
		entry.ExpiresAt = m.Expires
	}
	var err error
	if entry.Action, err = applyModeration(ctx, tx, m); err != nil {
		return err
	}
	if m.Kind == ModRemove && !m.Undo {
		// As Lemmy 0.19 does: the removal deals with every open report
		// of what it removed, which the queue need not show any more.
		if err := tx.ResolveReportsOf(ctx, m.Target.PostID, m.Target.CommentID, modID); err != nil {
			return err
		}
	}
	return tx.LogModAction(ctx, entry)
}

// applyModeration changes what a moderator's action changes and names it
// for the moderation log.
func applyModeration(ctx context.Context, tx *store.Store, m Moderation) (string, error) {
	on := !m.Undo
	comment := m.Target.CommentID != 0
	switch {
	case m.Kind == ModRemove && comment:
		return pick(on, "remove_comment", "restore_comment"), tx.SetCommentFlags(ctx, m.Target.CommentID, nil, &on)
	case m.Kind == ModRemove:
		return pick(on, "remove_post", "restore_post"), tx.SetPostFlags(ctx, m.Target.PostID, store.PostFlags{Removed: &on})
	case m.Kind == ModLock && comment:
		return pick(on, "lock_comment", "unlock_comment"), tx.SetCommentLocked(ctx, m.Target.CommentID, on)
	case m.Kind == ModLock:
		return pick(on, "lock_post", "unlock_post"), tx.SetPostFlags(ctx, m.Target.PostID, store.PostFlags{Locked: &on})
	case m.Kind == ModFeature && !comment:
		return pick(on, "feature_post", "unfeature_post"),
			tx.SetPostFlags(ctx, m.Target.PostID, store.PostFlags{FeaturedCommunity: &on})
	case m.Kind == ModFeatureLocal && !comment:
		return pick(on, "feature_post_local", "unfeature_post_local"),
			tx.SetPostFlags(ctx, m.Target.PostID, store.PostFlags{FeaturedLocal: &on})
	case m.Kind == ModNSFW && !comment:
		return pick(on, "mark_post_nsfw", "unmark_post_nsfw"), tx.SetPostFlags(ctx, m.Target.PostID, store.PostFlags{NSFW: &on})
	case m.Kind == ModModerator && on:
		return "add_moderator", tx.AddModerator(ctx, m.CommunityID, m.PersonID)
	case m.Kind == ModModerator:
		return "remove_moderator", tx.RemoveModerator(ctx, m.CommunityID, m.PersonID)
	case m.Kind == ModBan && on:
		if err := tx.BanFromCommunityUntil(ctx, m.CommunityID, m.PersonID, m.Reason, m.Expires); err != nil {
			return "", err
		}
		if m.RemoveData {
			if _, _, err := tx.HidePersonContent(ctx, m.PersonID, m.CommunityID, true); err != nil {
				return "", err
			}
		}
		return "ban_from_community", nil
	case m.Kind == ModBan:
		return "unban_from_community", tx.UnbanFromCommunity(ctx, m.CommunityID, m.PersonID)
	}
	return "", inputErr("", "a %s of this object is not something moderators do", m.Kind)
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
	if t.CommentID == 0 {
		return nil
	}
	c, err := tx.CommentByID(ctx, t.CommentID)
	if err != nil {
		return err
	}
	if c.PostID != p.ID {
		return fmt.Errorf("the comment is in another post: %w", ErrForbidden)
	}
	return nil
}
