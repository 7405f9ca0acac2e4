package forum

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/activitypub/iri"
	"github.com/tidings/tidings/internal/store"
)

// NewUser is an account to create.
type NewUser struct {
	Name     string
	Password string
	Admin    bool
	Email    string // checked with CheckEmail; "" for none
}

// CreateUser creates a local account with its actor keys.
func (s *Service) CreateUser(ctx context.Context, u NewUser) (store.LocalUser, error) {
	return s.createUser(ctx, u, true, "", false)
}

// createUser creates an account; an unaccepted one gets a registration
// application with the person's answer; with verify, the account may not
// log in until its address is verified, and the link is mailed.
func (s *Service) createUser(ctx context.Context, u NewUser, accepted bool, answer string, verify bool) (store.LocalUser, error) {
	if err := CheckName("user", u.Name); err != nil {
		return store.LocalUser{}, err
	}
	if err := CheckPassword(u.Password); err != nil {
		return store.LocalUser{}, err
	}
	hash, err := HashPassword(u.Password)
	if err != nil {
		return store.LocalUser{}, err
	}
	pub, priv, err := GenerateKeyPair()
	if err != nil {
		return store.LocalUser{}, err
	}
	var out store.LocalUser
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		// A local community and user may share a name in Lemmy's URL scheme
		// (/u/x and /c/x), so only other users count.
		id := s.iri.Person(u.Name)
		p, err := tx.InsertPerson(ctx, store.NewPerson{
			APID: id, InstanceID: s.localInstanceID, Local: true, Name: u.Name,
			InboxURL: iri.Inbox(id), SharedInboxURL: s.iri.SharedInbox(),
			PublicKeyPEM: pub, PrivateKeyPEM: priv,
		})
		if errors.Is(err, store.ErrConflict) {
			return inputErr("name", "a user named %q already exists", u.Name)
		}
		if err != nil {
			return err
		}
		if err := tx.InsertLocalUser(ctx, p.ID, hash, u.Admin, accepted); err != nil {
			return err
		}
		if err := s.setNewUserEmail(ctx, tx, p.ID, u.Email, verify); err != nil {
			return err
		}
		if !accepted {
			if err := tx.InsertRegistrationApplication(ctx, p.ID, answer); err != nil {
				return err
			}
		}
		if u.Admin {
			if err := tx.LogModAction(ctx, store.ModAction{Action: "add_admin", TargetPersonID: p.ID}); err != nil {
				return err
			}
		}
		out, err = tx.LocalUserByID(ctx, p.ID)
		return err
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("create user %s: %w", u.Name, err)
	}
	if err != nil {
		return store.LocalUser{}, err
	}
	return out, nil
}

// User finds a local account by name.
func (s *Service) User(ctx context.Context, name string) (store.LocalUser, error) {
	u, err := s.store.LocalUserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return u, notFound("no local user is named %q", name)
	}
	return u, err
}

// Users lists local accounts, with how their applications stand.
func (s *Service) Users(ctx context.Context) ([]store.Account, error) {
	return s.store.ListLocalUsers(ctx)
}

// PromoteUser makes a local user an admin.
func (s *Service) PromoteUser(ctx context.Context, name string) (store.LocalUser, error) {
	u, err := s.User(ctx, name)
	if err != nil {
		return u, err
	}
	if u.Admin {
		return u, inputErr("name", "%q is already an admin", u.Name)
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetAdmin(ctx, u.ID, true); err != nil {
			return err
		}
		return tx.LogModAction(ctx, store.ModAction{Action: "add_admin", TargetPersonID: u.ID})
	})
	u.Admin = err == nil
	return u, err
}

// BanUser bans a local user from the site, from the admin CLI (see
// BanFromSite).
func (s *Service) BanUser(ctx context.Context, name, reason string) (store.LocalUser, error) {
	return s.banUser(ctx, name, func(id int64) error {
		_, err := s.BanFromSite(ctx, Operator, id, SiteBan{Reason: reason})
		return err
	})
}

// UnbanUser lifts a local user's site ban, from the admin CLI.
func (s *Service) UnbanUser(ctx context.Context, name string) (store.LocalUser, error) {
	return s.banUser(ctx, name, func(id int64) error {
		_, err := s.UnbanFromSite(ctx, Operator, id, "")
		return err
	})
}

func (s *Service) banUser(ctx context.Context, name string, change func(id int64) error) (store.LocalUser, error) {
	u, err := s.User(ctx, name)
	if err != nil {
		return u, err
	}
	if err := change(u.ID); err != nil {
		return u, err
	}
	return s.store.LocalUserByID(ctx, u.ID)
}

// ResetPassword sets a new password and ends every session of the user.
func (s *Service) ResetPassword(ctx context.Context, name, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	u, err := s.User(ctx, name)
	if err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		_, err := tx.DeletePersonSessions(ctx, u.ID)
		return err
	})
}
