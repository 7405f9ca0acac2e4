package forum

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

// Acting is who asks for something only admins may do: a person on a
// page, whose right is checked in the transaction that makes the change,
// or the operator at the command line.
type Acting struct {
	user     store.LocalUser
	operator bool
}

// Operator is whoever runs `tidings admin`: holding the database, they
// hold every right, and the record of a decision names no admin.
var Operator = Acting{operator: true}

// AsUser is a logged-in person acting from a page.
func AsUser(u store.LocalUser) Acting { return Acting{user: u} }

// personID is the acting admin's person, zero for the operator.
func (a Acting) personID() int64 { return a.user.ID }

// requireAdmin refuses anyone who is not an admin now. The page that sent
// the form may be older than a withdrawn right, so the flag is read again
// in tx, and held until it ends.
func requireAdmin(ctx context.Context, tx *store.Store, by Acting) error {
	if by.operator {
		return nil
	}
	if by.user.ID != 0 {
		ok, err := tx.IsActiveAdmin(ctx, by.user.ID)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return withKind(ErrNotAdmin, forbidden("only the site's admins may do this"))
}

// SetAdmin makes a local person an admin of the site, or no longer one,
// for an admin (as Lemmy's admin/add lets any admin), and logs it. An
// admin may step down, but the site keeps at least one.
func (s *Service) SetAdmin(ctx context.Context, by Acting, personID int64, admin bool) error {
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		u, err := tx.LocalUserByID(ctx, personID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("there is no person %d with an account here", personID)
		}
		if err != nil {
			return err
		}
		switch {
		case u.Admin == admin:
			return withKind(ErrUnchanged, inputErr("person", "%s is %s", u.Name, pick(admin, "an admin already", "not an admin")))
		case admin && (u.Banned || u.Deleted):
			return inputErr("person", "%s is banned or gone and cannot be an admin", u.Name)
		case !admin:
			n, err := tx.CountAdmins(ctx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return inputErr("person", "%s is the site's only admin; make someone else an admin first", u.Name)
			}
		}
		if err := tx.SetAdmin(ctx, u.ID, admin); err != nil {
			return err
		}
		return tx.LogModAction(ctx, store.ModAction{Action: pick(admin, "add_admin", "remove_admin"),
			ModeratorID: by.personID(), TargetPersonID: u.ID})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("set admin %d: %w", personID, err)
	}
	return err
}
