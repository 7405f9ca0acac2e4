package forum

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// Moderate applies a local moderator's (or admin's) action, after checking
// in its transaction that they may take it there and that it changes
// something, writes it to the moderation log and queues what other servers
// are sent of it: the community's Announce to its followers when the
// community is ours, the moderator's activity to the community when it is
// another server's. For the kinds about a post or comment, the community
// is the target's, whatever m.CommunityID says.
func (s *Service) Moderate(ctx context.Context, actor store.LocalUser, m Moderation) error {
	if err := m.checkInput(time.Now()); err != nil {
		return err
	}
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if m.onContent() {
			if err := placeTarget(ctx, tx, &m); err != nil {
				return err
			}
		}
		a, err := mayModerate(ctx, tx, actor.ID, m.CommunityID)
		if err != nil {
			return err
		}
		if err := a.mayDo(ctx, tx, m); err != nil {
			return err
		}
		if err := moderate(ctx, tx, actor.ID, m); err != nil {
			return err
		}
		return s.federateModeration(ctx, tx, a, m)
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("moderate (%s): %w", m.Kind, err)
	}
	return err
}

// RemoveContent is a moderator's removal (removed) or restore of a post or
// comment, with the reason the moderation log keeps: Moderate with
// ModRemove. A Target naming only a comment is found in its post.
func (s *Service) RemoveContent(ctx context.Context, actor store.LocalUser, t Target, removed bool, reason string) error {
	return s.Moderate(ctx, actor, Moderation{Kind: ModRemove, Target: t, Undo: !removed, Reason: reason})
}

// checkInput refuses what no state of the database makes right.
func (m *Moderation) checkInput(now time.Time) error {
	if n := utf8.RuneCountInString(m.Reason); n > MaxReasonLen {
		return withKind(ErrTooLong, inputErr("reason", "the reason is too long: %d characters, at most %d", n, MaxReasonLen))
	}
	switch m.Kind {
	case ModRemove, ModLock, ModFeature, ModFeatureLocal, ModNSFW:
		if m.Target.PostID <= 0 && m.Target.CommentID <= 0 {
			return notFound("there is no such post or comment")
		}
	case ModModerator, ModBan:
		if m.PersonID <= 0 {
			return notFound("there is no such person")
		}
	default:
		return inputErr("", "%q is not something moderators do", m.Kind)
	}
	if m.Kind != ModBan || m.Undo {
		m.Expires, m.RemoveData = time.Time{}, false
	} else if !m.Expires.IsZero() && !m.Expires.After(now) {
		return inputErr("expires", "the ban would end in the past (%s); give a time to come, or none for a ban until lifted",
			m.Expires.UTC().Format("2 Jan 2006 15:04 UTC"))
	}
	return nil
}

// placeTarget finds the post of a comment, and the community of the post,
// for an action about a post or comment, and locks the target's row until
// the action commits: two moderators removing it at once remove it once.
func placeTarget(ctx context.Context, tx *store.Store, m *Moderation) error {
	if m.Target.CommentID != 0 {
		c, err := tx.CommentByID(ctx, m.Target.CommentID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("there is no comment %d", m.Target.CommentID)
		}
		if err != nil {
			return err
		}
		m.Target.PostID = c.PostID
	}
	p, err := tx.PostByID(ctx, m.Target.PostID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("there is no post %d", m.Target.PostID)
	}
	if err != nil {
		return err
	}
	m.CommunityID = p.CommunityID
	return tx.LockObject(ctx, m.Target.PostID, m.Target.CommentID)
}

// mayDo checks what depends on the action: who may take it, against whom,
// and that it is not the state things are in already.
func (a modContext) mayDo(ctx context.Context, tx *store.Store, m Moderation) error {
	on := !m.Undo
	if !m.onContent() {
		return a.mayDoToPerson(ctx, tx, m)
	}
	if m.Target.CommentID != 0 {
		c, err := tx.CommentByID(ctx, m.Target.CommentID)
		if err != nil {
			return err
		}
		if m.Kind != ModRemove {
			return inputErr("", "comments are only removed and restored here")
		}
		if c.Removed == on {
			return withKind(ErrUnchanged, inputErr("", "this comment is %s", pick(on, "already removed", "not removed")))
		}
		return a.outranks(ctx, tx, c.CreatorID)
	}
	p, err := tx.PostByID(ctx, m.Target.PostID)
	if err != nil {
		return err
	}
	var state bool
	var what string
	switch m.Kind {
	case ModRemove:
		state, what = p.Removed, pick(on, "already removed", "not removed")
		if err := a.outranks(ctx, tx, p.CreatorID); err != nil {
			return err
		}
	case ModLock:
		state, what = p.Locked, pick(on, "already locked", "not locked")
	case ModFeature:
		state, what = p.FeaturedCommunity, pick(on, "already pinned in its community", "not pinned in its community")
	case ModFeatureLocal:
		if !a.user.Admin {
			return withKind(ErrNotAdmin, forbidden("only the site's admins pin posts on the front page"))
		}
		state, what = p.FeaturedLocal, pick(on, "already pinned on the front page", "not pinned on the front page")
	case ModNSFW:
		if !on && a.community.NSFW {
			return inputErr("", "every post in %s is NSFW, as the community is", a.community.Title)
		}
		state, what = p.NSFW, pick(on, "already marked NSFW", "not marked NSFW")
	}
	if state == on {
		return withKind(ErrUnchanged, inputErr("", "this post is %s", what))
	}
	return nil
}

// mayDoToPerson checks a ban or a change of moderators.
func (a modContext) mayDoToPerson(ctx context.Context, tx *store.Store, m Moderation) error {
	on := !m.Undo
	p, err := tx.PersonByID(ctx, m.PersonID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("there is no such person")
	}
	if err != nil {
		return err
	}
	name := p.Name
	if !p.Local {
		name += "@" + p.Domain
	}
	if m.Kind == ModBan {
		if p.ID == a.user.ID {
			return inputErr("person", "you cannot ban yourself")
		}
		banned, err := tx.IsBannedFromCommunity(ctx, m.CommunityID, p.ID)
		if err != nil {
			return err
		}
		if banned == on {
			return withKind(ErrUnchanged, inputErr("person", "%s is %s %s", name, pick(on, "already banned from", "not banned from"), a.community.Title))
		}
		return a.outranks(ctx, tx, p.ID)
	}
	isMod := moderatorIndex(a.mods, p.ID) >= 0
	switch {
	case isMod == on:
		return withKind(ErrUnchanged, inputErr("person", "%s %s %s", name, pick(on, "already moderates", "does not moderate"), a.community.Title))
	case on && (p.Banned || p.Deleted):
		return inputErr("person", "%s is banned or gone and cannot moderate", name)
	case on:
		banned, err := tx.IsBannedFromCommunity(ctx, m.CommunityID, p.ID)
		if err != nil {
			return err
		}
		if banned {
			return inputErr("person", "%s is banned from %s; lift the ban first", name, a.community.Title)
		}
		return nil
	}
	return a.outranks(ctx, tx, p.ID)
}

// federateModeration queues what other servers learn of a local
// moderator's action, in its transaction.
func (s *Service) federateModeration(ctx context.Context, tx *store.Store, a modContext, m Moderation) error {
	switch {
	case m.Kind == ModFeatureLocal:
		return nil // this instance's front page is its own business
	case m.Kind == ModNSFW:
		// Lemmy takes the mark only from the post's own Update, which only
		// its author's server may send.
		p, err := tx.PostByID(ctx, m.Target.PostID)
		if err != nil || !p.Local {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdatePost, PostID: p.ID})
	case !a.community.Local && !a.mod:
		// An admin here acting in another server's community changes what
		// this instance shows; the community would refuse the activity.
		return nil
	}
	return s.enqueue(ctx, tx, FederateArgs{Action: FederateModerate, PersonID: a.user.ID, Moderation: &m})
}
