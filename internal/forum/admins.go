package forum

import (
	"context"

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
