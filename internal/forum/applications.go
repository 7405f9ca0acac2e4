package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// MaxDenialReasonLen is the longest reason an admin may give for denying
// an application: it is shown to the applicant on the log-in page, and the
// schema keeps at most this much.
const MaxDenialReasonLen = 1000

// ApplicationPageSize is how many applications a page lists.
const ApplicationPageSize = 25

// ApplicationPage is a page of applications and where the next begins
// (zero when this is the last).
type ApplicationPage struct {
	Applications []store.Application
	Next         int64
}

// Applications lists sign-ups for an admin: the pending ones, oldest first,
// or with all true every one, newest first, with its outcome.
func (s *Service) Applications(ctx context.Context, by Acting, all bool, after int64) (ApplicationPage, error) {
	var pg ApplicationPage
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		list, err := tx.ListApplications(ctx, store.ApplicationQuery{All: all, After: after, Limit: ApplicationPageSize + 1})
		if err != nil {
			return err
		}
		if len(list) > ApplicationPageSize {
			list = list[:ApplicationPageSize]
			pg.Next = list[len(list)-1].ID
		}
		pg.Applications = list
		return nil
	})
	if err != nil && !errors.Is(err, ErrForbidden) {
		err = fmt.Errorf("list applications: %w", err)
	}
	return pg, err
}

// ApplicationsAt is limit applications from the offset-th, for an admin,
// as Applications orders them, for clients that number pages rather than
// follow a cursor.
func (s *Service) ApplicationsAt(ctx context.Context, by Acting, all bool, offset, limit int) ([]store.Application, error) {
	var list []store.Application
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		var err error
		list, err = tx.ListApplications(ctx, store.ApplicationQuery{All: all, Offset: offset, Limit: limit})
		return err
	})
	if err != nil && !errors.Is(err, ErrForbidden) {
		err = fmt.Errorf("list applications: %w", err)
	}
	return list, err
}

// Application finds one application by its id, for an admin.
func (s *Service) Application(ctx context.Context, by Acting, id int64) (store.Application, error) {
	return s.findApplication(ctx, by, func() (store.Application, error) { return s.store.ApplicationByID(ctx, id) })
}

// ApplicationOf finds the application of one person, for an admin.
func (s *Service) ApplicationOf(ctx context.Context, by Acting, personID int64) (store.Application, error) {
	return s.findApplication(ctx, by, func() (store.Application, error) { return s.store.ApplicationOf(ctx, personID) })
}

func (s *Service) findApplication(ctx context.Context, by Acting, find func() (store.Application, error)) (store.Application, error) {
	if err := requireAdmin(ctx, s.store, by); err != nil {
		return store.Application{}, err
	}
	a, err := find()
	if errors.Is(err, store.ErrNotFound) {
		return a, notFound("there is no such application")
	}
	return a, err
}

// PendingApplicationsFor counts the sign-ups that wait, for an admin.
func (s *Service) PendingApplicationsFor(ctx context.Context, by Acting) (int, error) {
	if err := requireAdmin(ctx, s.store, by); err != nil {
		return 0, err
	}
	return s.store.CountPendingApplications(ctx)
}

// PendingApplications counts the sign-ups that wait for an admin.
func (s *Service) PendingApplications(ctx context.Context) (int, error) {
	return s.store.CountPendingApplications(ctx)
}

// ApproveApplication lets the applicant named name log in. A denied
// application may be approved later: admins change their minds.
func (s *Service) ApproveApplication(ctx context.Context, by Acting, name string) (store.Application, error) {
	return s.decide(ctx, by, name, true, "")
}

// DenyApplication refuses an application, with the reason the applicant
// reads when they next try to log in.
func (s *Service) DenyApplication(ctx context.Context, by Acting, name, reason string) (store.Application, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return store.Application{}, inputErr("reason", "give a reason for the denial: the applicant reads it when they try to log in")
	case utf8.RuneCountInString(reason) > MaxDenialReasonLen:
		return store.Application{}, inputErr("reason", "the reason is too long: use at most %d characters", MaxDenialReasonLen)
	}
	return s.decide(ctx, by, name, false, reason)
}

func (s *Service) decide(ctx context.Context, by Acting, name string, accept bool, reason string) (store.Application, error) {
	name = strings.TrimSpace(name)
	var out store.Application
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		a, err := tx.ApplicationForDecision(ctx, name)
		if errors.Is(err, store.ErrNotFound) {
			if _, err := tx.LocalUserByName(ctx, name); err == nil {
				return inputErr("name", "%q has no application to decide: their account was made without one", name)
			}
			return notFound("no local user is named %q", name)
		}
		if err != nil {
			return err
		}
		switch {
		case a.Accepted:
			return withKind(ErrUnchanged, inputErr("name", "the application of %q is already approved", a.Name))
		case !accept && a.Denied():
			return withKind(ErrUnchanged, inputErr("name", "the application of %q is already denied", a.Name))
		}
		if err := tx.DecideApplication(ctx, a.ID, by.personID(), accept, reason); err != nil {
			return err
		}
		out, err = tx.ApplicationOf(ctx, a.PersonID)
		return err
	})
	if err != nil && !IsInputError(err) && !errors.Is(err, ErrForbidden) {
		err = fmt.Errorf("decide the application of %s: %w", name, err)
	}
	return out, err
}
