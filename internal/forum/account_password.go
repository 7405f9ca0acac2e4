package forum

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

// PasswordChange is what a person fills in to change their password.
type PasswordChange struct {
	Current string
	New     string
	Again   string
}

// ChangePassword replaces a logged-in person's password once they prove
// they know the current one, and ends every other session of theirs (a
// stolen cookie stops working), keeping the one with token keepSession.
func (s *Service) ChangePassword(ctx context.Context, actor store.LocalUser, in PasswordChange, keepSession string) error {
	if in.Current == "" {
		return inputErr("current_password", "type your current password")
	}
	if in.New != in.Again {
		return inputErr("new_password_again", "the two new passwords differ: type the same new password twice")
	}
	if err := CheckPassword(in.New); err != nil {
		return err
	}
	u, err := s.store.LocalUserByID(ctx, actor.ID)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	ok, err := VerifyPassword(in.Current, u.PasswordHash)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !ok {
		return inputErr("current_password", "the current password is wrong; nothing was changed")
	}
	hash, err := HashPassword(in.New)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	var keep []byte
	if keepSession != "" {
		keep = tokenHash(keepSession)
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		// A reset link asked for before is void too: it would undo the
		// change for whoever holds it.
		if err := tx.UseEmailTokens(ctx, u.ID, store.TokenResetPassword); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		if _, err := tx.DeleteOtherSessions(ctx, u.ID, keep); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		return nil
	})
}
