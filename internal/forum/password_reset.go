package forum

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// ErrNoMail refuses what needs mail on a site that cannot send it.
var ErrNoMail = &InputError{Msg: "email is not set up on this site, so this cannot be done by mail; ask an admin"}

// RequestPasswordReset mails a single-use link that sets a new password
// to the account with that address, if there is one. Whether there is
// is never told: the answer is the same either way.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	if !s.mail {
		return ErrNoMail
	}
	email, err := CheckEmail(email)
	if err != nil {
		return err
	}
	if email == "" {
		return inputErr("email", "type the email address of your account")
	}
	u, err := s.store.LocalUserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (u.Deleted || u.Banned)) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("request a password reset: %w", err)
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		return s.enqueue(ctx, tx, SendMailArgs{PersonID: u.ID, Purpose: MailResetPassword})
	})
}

// CheckResetLink tells whether a password reset link still works, without
// using it, so its page can say so before the person types a password.
func (s *Service) CheckResetLink(ctx context.Context, token string) error {
	t, err := s.linkToken(ctx, s.store, token, store.TokenResetPassword, ResetLinkLifetime)
	if err != nil {
		return err
	}
	u, err := s.store.LocalUserByID(ctx, t.PersonID)
	if err != nil {
		return fmt.Errorf("check a reset link: %w", err)
	}
	if u.Deleted || !strings.EqualFold(u.Email, t.Email) {
		return errBadLink
	}
	return nil
}

// ResetPasswordByLink sets a new password through a mailed link, uses the
// link up, and ends every session of the account.
func (s *Service) ResetPasswordByLink(ctx context.Context, token, password, again string) error {
	if password != again {
		return inputErr("password_again", "the two passwords differ: type the same password twice")
	}
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return fmt.Errorf("reset password: %w", err)
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		t, err := s.linkToken(ctx, tx, token, store.TokenResetPassword, ResetLinkLifetime)
		if err != nil {
			return err
		}
		u, err := tx.LocalUserByID(ctx, t.PersonID)
		if err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		// A link mailed to an address the account no longer has is void:
		// whoever still reads the old mailbox must not take the account.
		if u.Deleted || !strings.EqualFold(u.Email, t.Email) {
			return errBadLink
		}
		if err := tx.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		if err := tx.UseEmailTokens(ctx, u.ID, store.TokenResetPassword); err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		// Following the link proves the address is theirs.
		if strings.EqualFold(u.Email, t.Email) && !u.EmailVerified {
			if err := tx.SetEmail(ctx, u.ID, u.Email, true); err != nil {
				return fmt.Errorf("reset password: %w", err)
			}
		}
		if _, err := tx.DeletePersonSessions(ctx, u.ID); err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		return nil
	})
}

// Fields of the errors of a mailed link, so pages can answer 404 for a
// link never made and 410 for one that worked once.
const (
	LinkInvalid = "link_invalid"
	LinkGone    = "link_gone"
)

var errBadLink = inputErr(LinkInvalid, "this link is not valid. Copy the whole link from the mail, or ask for a new one")

// linkToken finds a mailed link's token for purpose, locked until the
// transaction ends, and refuses one that is forged, used or expired,
// saying which.
func (s *Service) linkToken(ctx context.Context, tx *store.Store, token, purpose string, life time.Duration) (store.EmailToken, error) {
	if len(token) < 20 || len(token) > 100 {
		return store.EmailToken{}, errBadLink
	}
	t, err := tx.EmailTokenForUpdate(ctx, tokenHash(token), purpose)
	if errors.Is(err, store.ErrNotFound) {
		return t, errBadLink
	}
	if err != nil {
		return t, fmt.Errorf("check a mailed link: %w", err)
	}
	if t.UsedAt != nil {
		return t, inputErr(LinkGone, "this link was used already: each link works once. Ask for a new one")
	}
	if !time.Now().Before(t.ExpiresAt) {
		return t, inputErr(LinkGone, "this link has expired: links work for %s. Ask for a new one", lifeText(life))
	}
	return t, nil
}

func lifeText(d time.Duration) string {
	if d == time.Hour {
		return "an hour"
	}
	return fmt.Sprintf("%d hours", int(d.Hours()))
}

// CheckEmail tidies an address and says what is wrong with it; "" is no
// address.
func CheckEmail(email string) (string, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return "", nil
	}
	if len(email) > 254 {
		return "", inputErr("email", "the email address is too long: at most 254 characters")
	}
	a, err := mail.ParseAddress(email)
	// The domain must have a dot: a bare host is a typing slip here.
	if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "", inputErr("email", "%q is not an email address such as name@example.org", email)
	}
	return email, nil
}
