package forum

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// SiteBan is an admin's ban of a person from the whole site.
type SiteBan struct {
	Reason string
	// Expires ends the ban by itself; zero for a ban until it is lifted.
	Expires time.Time
	// RemoveContent removes every post and comment of the person here (as
	// Lemmy's removeData does; a removal, which moderators may undo one by
	// one, not a deletion).
	RemoveContent bool
}

func (b SiteBan) check(now time.Time) error {
	if utf8.RuneCountInString(b.Reason) > MaxReasonLen {
		return inputErr("reason", "the reason is too long: use at most %d characters", MaxReasonLen)
	}
	if !b.Expires.IsZero() && !b.Expires.After(now) {
		return inputErr("expires", "the ban would end in the past (%s): give a time to come, or none for a ban until lifted",
			b.Expires.UTC().Format("2 Jan 2006 15:04 UTC"))
	}
	return nil
}

// BanFromSite bans a person, local or remote, from the whole site. A local
// person is logged out everywhere, and their ban is sent to every instance
// we know, as Lemmy sends it; a remote person's activities are refused
// here from then on. by must be an admin, checked in the transaction; the
// operator at the command line may also ban an admin.
func (s *Service) BanFromSite(ctx context.Context, by Acting, personID int64, b SiteBan) (store.Person, error) {
	if err := b.check(time.Now()); err != nil {
		return store.Person{}, err
	}
	var out store.Person
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		p, err := banTarget(ctx, tx, by, personID)
		if err != nil {
			return err
		}
		if p.Banned {
			return withKind(ErrUnchanged, inputErr("name", "%q is already banned", p.Name))
		}
		if err := tx.BanPersonUntil(ctx, p.ID, b.Reason, b.Expires); err != nil {
			return err
		}
		if p.Local {
			if _, err := tx.DeletePersonSessions(ctx, p.ID); err != nil {
				return err
			}
		}
		if b.RemoveContent {
			if _, _, err := tx.HidePersonContent(ctx, p.ID, 0, true); err != nil {
				return err
			}
		}
		if err := tx.LogModAction(ctx, store.ModAction{Action: "ban_from_site", ModeratorID: by.personID(),
			TargetPersonID: p.ID, Reason: b.Reason, ExpiresAt: b.Expires}); err != nil {
			return err
		}
		if p.Local {
			if err := s.enqueue(ctx, tx, FederateArgs{Action: FederateSiteBan, PersonID: by.personID(),
				Moderation: &Moderation{Kind: ModBan, PersonID: p.ID, Reason: b.Reason, Expires: b.Expires,
					RemoveData: b.RemoveContent}}); err != nil {
				return err
			}
		}
		out, err = tx.PersonByID(ctx, p.ID)
		return err
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("ban person %d from the site: %w", personID, err)
	}
	return out, err
}

// UnbanFromSite lifts a site ban, and sends its end where the ban went.
func (s *Service) UnbanFromSite(ctx context.Context, by Acting, personID int64, reason string) (store.Person, error) {
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return store.Person{}, inputErr("reason", "the reason is too long: use at most %d characters", MaxReasonLen)
	}
	var out store.Person
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		p, err := banTarget(ctx, tx, by, personID)
		if err != nil {
			return err
		}
		if !p.Banned {
			return withKind(ErrUnchanged, inputErr("name", "%q is not banned", p.Name))
		}
		if err := tx.UnbanPerson(ctx, p.ID); err != nil {
			return err
		}
		if err := tx.LogModAction(ctx, store.ModAction{Action: "unban_from_site", ModeratorID: by.personID(),
			TargetPersonID: p.ID, Reason: reason}); err != nil {
			return err
		}
		if p.Local {
			if err := s.enqueue(ctx, tx, FederateArgs{Action: FederateSiteBan, PersonID: by.personID(),
				Moderation: &Moderation{Kind: ModBan, PersonID: p.ID, Undo: true, Reason: reason}}); err != nil {
				return err
			}
		}
		out, err = tx.PersonByID(ctx, p.ID)
		return err
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("unban person %d: %w", personID, err)
	}
	return out, err
}

// banTarget checks that by may ban or unban the person, and reads them.
func banTarget(ctx context.Context, tx *store.Store, by Acting, personID int64) (store.Person, error) {
	if err := requireAdmin(ctx, tx, by); err != nil {
		return store.Person{}, err
	}
	p, err := tx.PersonByID(ctx, personID)
	if errors.Is(err, store.ErrNotFound) {
		return p, notFound("that person does not exist here")
	}
	if err != nil {
		return p, err
	}
	if by.operator || !p.Local {
		return p, nil
	}
	if p.ID == by.personID() {
		return p, forbidden("you cannot ban yourself")
	}
	u, err := tx.LocalUserByID(ctx, p.ID)
	if err != nil {
		return p, err
	}
	if u.Admin {
		return p, forbidden("%s is an admin, and admins do not ban each other here (the admin CLI can)", p.Name)
	}
	return p, nil
}

// SiteBans lists the people banned from the site now, for an admin.
func (s *Service) SiteBans(ctx context.Context, by Acting, limit int) ([]store.Person, error) {
	if err := requireAdmin(ctx, s.store, by); err != nil {
		return nil, err
	}
	return s.store.SiteBans(ctx, limit)
}

// RemoteSiteBan is an admin's ban of a person of their own instance, as
// that instance sends it (a Block whose target is its instance actor).
type RemoteSiteBan struct {
	PersonID   int64
	Undo       bool
	Reason     string
	Expires    time.Time
	RemoveData bool
}

// ApplyRemoteSiteBan applies, once per activity id, another instance's
// site ban of one of its own people (federation checks whose they are):
// they are banned here too, as Lemmy does, and with removeData their
// posts and comments here are removed. modID is the admin who banned.
func (s *Service) ApplyRemoteSiteBan(ctx context.Context, activityID string, modID int64, b RemoteSiteBan) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		p, err := tx.PersonByID(ctx, b.PersonID)
		if err != nil {
			return err
		}
		if p.Local {
			return forbidden("another instance's site ban does not reach our own people")
		}
		entry := store.ModAction{Action: "ban_from_site", ModeratorID: modID, TargetPersonID: p.ID,
			Reason: runes.Cut(b.Reason, MaxReasonLen)}
		if b.Undo {
			entry.Action = "unban_from_site"
			if err := tx.UnbanPerson(ctx, p.ID); err != nil {
				return err
			}
			return tx.LogModAction(ctx, entry)
		}
		entry.ExpiresAt = b.Expires
		if err := tx.BanPersonUntil(ctx, p.ID, entry.Reason, b.Expires); err != nil {
			return err
		}
		if b.RemoveData {
			if _, _, err := tx.HidePersonContent(ctx, p.ID, 0, true); err != nil {
				return err
			}
		}
		return tx.LogModAction(ctx, entry)
	})
}
