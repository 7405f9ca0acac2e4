package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tidings/tidings/internal/store"
)

// ErrUnverified answers a log-in with the right password to an account
// that must first verify its address.
var ErrUnverified = &InputError{Field: "email", Msg: "confirm your email address first: follow the link we mailed you. " +
	"No mail? Check your spam folder, or have it sent again below"}

// errEmailTaken: addresses are unique among accounts.
var errEmailTaken = inputErr("email", "another account uses this email address")

// VerifyEmail follows a mailed verification link: its address becomes the
// account's, verified, and the account may log in.
func (s *Service) VerifyEmail(ctx context.Context, token string) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		t, err := s.linkToken(ctx, tx, token, store.TokenVerifyEmail, VerifyLinkLifetime)
		if err != nil {
			return err
		}
		u, err := tx.LocalUserByID(ctx, t.PersonID)
		if err != nil {
			return fmt.Errorf("verify email: %w", err)
		}
		if u.Deleted {
			return errBadLink
		}
		err = tx.SetEmail(ctx, u.ID, t.Email, true)
		if errors.Is(err, store.ErrConflict) {
			return errEmailTaken
		}
		if err != nil {
			return fmt.Errorf("verify email: %w", err)
		}
		return tx.UseEmailTokens(ctx, u.ID, store.TokenVerifyEmail)
	})
}

// ResendVerification mails a new verification link to an account that
// waits for one, once its owner gives the password again.
func (s *Service) ResendVerification(ctx context.Context, name, password string) error {
	if !s.mail {
		return ErrNoMail
	}
	u, err := s.Authenticate(ctx, name, password)
	if err != nil && !errors.Is(err, ErrUnverified) {
		return err
	}
	if !u.AwaitingVerification || u.Email == "" {
		return nil
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		return s.enqueue(ctx, tx, SendMailArgs{PersonID: u.ID, Purpose: MailVerifyEmail, To: u.Email})
	})
}

// ChangeEmail sets a logged-in person's address ("" removes it). With
// mail set up, a new address is only mailed a link: it replaces the old
// one once followed (sent is true). Without mail it is saved unverified.
func (s *Service) ChangeEmail(ctx context.Context, actor store.LocalUser, email string) (sent bool, err error) {
	email, err = CheckEmail(email)
	if err != nil {
		return false, err
	}
	u, err := s.store.LocalUserByID(ctx, actor.ID)
	if err != nil {
		return false, fmt.Errorf("change email: %w", err)
	}
	if email == "" {
		if u.AwaitingVerification {
			return false, inputErr("email", "this site needs an email address for your account")
		}
		return false, s.store.SetEmail(ctx, u.ID, "", false)
	}
	if strings.EqualFold(email, u.Email) && (u.EmailVerified || !s.mail) {
		return false, nil
	}
	other, err := s.store.LocalUserByEmail(ctx, email)
	if err == nil && other.ID != u.ID {
		return false, errEmailTaken
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return false, fmt.Errorf("change email: %w", err)
	}
	if !s.mail {
		err := s.store.SetEmail(ctx, u.ID, email, false)
		if errors.Is(err, store.ErrConflict) {
			return false, errEmailTaken
		}
		return false, err
	}
	return true, s.store.InTx(ctx, func(tx *store.Store) error {
		return s.enqueue(ctx, tx, SendMailArgs{PersonID: u.ID, Purpose: MailVerifyEmail, To: email})
	})
}

// SetEmailNotifications saves whether a person is mailed their replies and
// messages: possible only with mail set up and a verified address.
func (s *Service) SetEmailNotifications(ctx context.Context, actor store.LocalUser, on bool) error {
	if on && !s.mail {
		return ErrNoMail
	}
	if on && (actor.Email == "" || !actor.EmailVerified) {
		return inputErr("email_notifications", "give and confirm an email address first")
	}
	return s.store.SetEmailNotifications(ctx, actor.ID, on)
}

// NotifyByEmail queues a mail of a reply or message to a local person, in
// tx, the transaction that stores the reply or message, when the site
// sends mail and the person asked for such mail and has a verified
// address. It does nothing otherwise, so callers need not check.
func (s *Service) NotifyByEmail(ctx context.Context, tx *store.Store, personID int64, subject, text string) error {
	ok, err := s.wantsMail(ctx, tx, personID)
	if err != nil || !ok {
		return err
	}
	return s.enqueue(ctx, tx, SendMailArgs{PersonID: personID, Purpose: MailNotification, Subject: subject, Text: text})
}

// wantsMail tells whether a person is to be mailed their replies and
// messages: the site sends mail, and they are a local account that asked
// for it and has a verified address. Callers ask before composing a mail.
func (s *Service) wantsMail(ctx context.Context, tx *store.Store, personID int64) (bool, error) {
	if !s.mail {
		return false, nil
	}
	u, err := tx.LocalUserByID(ctx, personID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil // a remote person: their own server tells them
	}
	if err != nil {
		return false, fmt.Errorf("notify by email: %w", err)
	}
	return !u.Deleted && u.EmailNotifications && u.EmailVerified && u.Email != "", nil
}

// setNewUserEmail gives a new account its address, and with verify keeps
// it from logging in until the mailed link is followed.
func (s *Service) setNewUserEmail(ctx context.Context, tx *store.Store, personID int64, email string, verify bool) error {
	if email == "" {
		return nil
	}
	err := tx.SetEmail(ctx, personID, email, false)
	if errors.Is(err, store.ErrConflict) {
		return errEmailTaken
	}
	if err != nil || !verify {
		return err
	}
	if err := tx.SetAwaitingVerification(ctx, personID); err != nil {
		return err
	}
	return s.enqueue(ctx, tx, SendMailArgs{PersonID: personID, Purpose: MailVerifyEmail, To: email})
}

// CheckVerifyLink tells whether a verification link still works, without
// using it.
func (s *Service) CheckVerifyLink(ctx context.Context, token string) error {
	_, err := s.linkToken(ctx, s.store, token, store.TokenVerifyEmail, VerifyLinkLifetime)
	return err
}
