package forum

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

// AccountDeletion is what a person confirms to delete their account.
type AccountDeletion struct {
	Password string
	// RemoveContent deletes their posts and comments too; otherwise they
	// stay, under the deleted account's name.
	RemoveContent bool
}

// DeleteAccount deletes a person's own account once they give its
// password: it is marked deleted (the name stays taken, so nobody can
// pass for them), its profile, address, follows and sessions go, its
// posts and comments go too if asked, and the deletion is federated as
// Lemmy's Delete of the person, with removeData when they went.
func (s *Service) DeleteAccount(ctx context.Context, actor store.LocalUser, in AccountDeletion) error {
	u, err := s.store.LocalUserByID(ctx, actor.ID)
	if err != nil {
		return fmt.Errorf("delete account: %w", err)
	}
	if u.Deleted {
		return notFound("this account is deleted already")
	}
	ok, err := VerifyPassword(in.Password, u.PasswordHash)
	if err != nil {
		return fmt.Errorf("delete account: %w", err)
	}
	if !ok {
		return inputErr("password", "the password is wrong; your account was not deleted")
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if u.Admin {
			n, err := tx.CountActiveAdmins(ctx)
			if err != nil {
				return fmt.Errorf("delete account: %w", err)
			}
			if n <= 1 {
				return inputErr("", "you are the site's only admin: make someone else an admin first "+
					"(tidings admin user promote NAME), so that the site is not left without one")
			}
		}
		if err := tx.SetPersonDeleted(ctx, u.ID); err != nil {
			return fmt.Errorf("delete account: %w", err)
		}
		if in.RemoveContent {
			if _, _, err := tx.HidePersonContent(ctx, u.ID, 0, false); err != nil {
				return fmt.Errorf("delete account: %w", err)
			}
		}
		if err := tx.ClearAccount(ctx, u.ID); err != nil {
			return fmt.Errorf("delete account: %w", err)
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateDeleteAccount, PersonID: u.ID, Deleted: in.RemoveContent})
	})
}
