package forum

import (
	"context"
	"errors"

	"github.com/tidings/tidings/internal/store"
)

// modContext is a local moderator or admin about to act in a community, as
// the transaction of the action reads them.
type modContext struct {
	user      store.LocalUser
	community store.Community
	// mod: one of the community's moderators, not only an admin here. A
	// remote community takes only its moderators' word, so only theirs
	// is sent to it.
	mod  bool
	mods []store.Person // the community's moderators, first (its owner) first
}

// mayModerate checks, in tx, that the local person actorID may moderate
// the community: one of its moderators or an admin of this site, neither
// banned from the site nor from the community. It is read in the
// transaction of the action, so a right withdrawn a moment ago counts.
func mayModerate(ctx context.Context, tx *store.Store, actorID, communityID int64) (modContext, error) {
	var a modContext
	var err error
	if a.user, err = tx.LocalUserByID(ctx, actorID); errors.Is(err, store.ErrNotFound) {
		return a, withKind(ErrNotModerator, forbidden("only people with an account here may moderate"))
	} else if err != nil {
		return a, err
	}
	if a.community, err = tx.CommunityByID(ctx, communityID); errors.Is(err, store.ErrNotFound) {
		return a, notFound("that community does not exist")
	} else if err != nil {
		return a, err
	}
	if a.community.Deleted || a.community.Removed {
		return a, notFound("the community %s no longer exists", a.community.Name)
	}
	if a.user.Banned {
		return a, errYouAreSiteBanned()
	}
	if a.mods, err = tx.Moderators(ctx, communityID); err != nil {
		return a, err
	}
	a.mod = moderatorIndex(a.mods, actorID) >= 0
	if !a.mod && !a.user.Admin {
		return a, withKind(ErrNotModerator, forbidden("only the moderators of %s and the site's admins may do this", a.community.Title))
	}
	banned, err := tx.IsBannedFromCommunity(ctx, communityID, actorID)
	if err != nil {
		return a, err
	}
	if banned {
		return a, withKind(ErrCommunityBanned, forbidden("you are banned from %s, so you may not moderate it", a.community.Title))
	}
	return a, nil
}

// owner reports whether the actor is the community's first moderator,
// who created it or was handed it.
func (a modContext) owner() bool { return len(a.mods) > 0 && a.mods[0].ID == a.user.ID }

// outranks refuses a moderator's action against an admin, or against a
// moderator who was there first, as Lemmy does: otherwise the newest
// moderator could remove the founders. Admins act against anyone, and
// anyone on their own content.
func (a modContext) outranks(ctx context.Context, tx *store.Store, personID int64) error {
	if a.user.Admin || personID == a.user.ID {
		return nil
	}
	target, err := tx.LocalUserByID(ctx, personID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err == nil && target.Admin {
		return withKind(ErrOutranked, forbidden("%s is an admin of this site; a moderator may not act against them", target.Name))
	}
	theirs, mine := moderatorIndex(a.mods, personID), moderatorIndex(a.mods, a.user.ID)
	if theirs >= 0 && theirs < mine {
		return withKind(ErrOutranked, forbidden("%s has moderated %s longer than you; only they, an earlier moderator or an admin may act against them",
			a.mods[theirs].Name, a.community.Title))
	}
	return nil
}

// Rights is what a person may do in a community, for pages to offer the
// right forms; every action checks again as it happens.
type Rights struct {
	Moderate bool // remove, lock, pin, ban, edit, appoint moderators
	Admin    bool // also pin on the front page
	Transfer bool // hand the community to another of its moderators
}

// RightsIn tells what u may do in the community: nothing, for those who
// may not moderate it.
func (s *Service) RightsIn(ctx context.Context, u store.LocalUser, communityID int64) (Rights, error) {
	r, err := s.ModeratorRights(ctx, u, communityID)
	if errors.Is(err, ErrForbidden) || errors.Is(err, ErrNotFound) {
		return Rights{}, nil
	}
	return r, err
}

// ModeratorRights is RightsIn for a page only moderators see: those who
// may not moderate the community get the refusal that says why.
func (s *Service) ModeratorRights(ctx context.Context, u store.LocalUser, communityID int64) (Rights, error) {
	a, err := mayModerate(ctx, s.store, u.ID, communityID)
	if err != nil {
		return Rights{}, err
	}
	return Rights{Moderate: true, Admin: a.user.Admin, Transfer: a.community.Local && (a.user.Admin || a.owner())}, nil
}
