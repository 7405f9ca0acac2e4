package forum

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/mail"
	"github.com/tidings/tidings/internal/store"
)

// Lifetimes of mailed links.
const (
	ResetLinkLifetime  = time.Hour
	VerifyLinkLifetime = 48 * time.Hour
)

// ComposeMail writes the mail a SendMailArgs asks for, making and storing
// (as a hash) the token of its link. It answers ok false when there is
// nothing to send any more: the account is gone or deleted, has another
// address now, or no longer wants notifications.
func (s *Service) ComposeMail(ctx context.Context, args SendMailArgs) (m mail.Message, ok bool, err error) {
	u, err := s.store.LocalUserByID(ctx, args.PersonID)
	if errors.Is(err, store.ErrNotFound) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("compose mail: %w", err)
	}
	if u.Deleted {
		return m, false, nil
	}
	site, err := s.store.GetSite(ctx)
	if err != nil {
		return m, false, fmt.Errorf("compose mail: %w", err)
	}
	switch args.Purpose {
	case MailResetPassword:
		if u.Email == "" {
			return m, false, nil
		}
		link, err := s.mintLink(ctx, u.ID, store.TokenResetPassword, u.Email, ResetLinkLifetime, "/password_reset/")
		if err != nil {
			return m, false, err
		}
		return mail.Message{To: u.Email, Subject: "Reset your password on " + site.Name, Text: fmt.Sprintf(
			"Hello %s,\n\nsomeone, you we hope, asked to reset the password of your account %s on %s.\n\n"+
				"To choose a new password, follow this link within the hour. It works once:\n\n%s\n\n"+
				"If you did not ask for this, ignore this mail: your password stays as it is.\n",
			u.Name, u.Name, site.Name, link)}, true, nil
	case MailVerifyEmail:
		if args.To == "" {
			return m, false, nil
		}
		link, err := s.mintLink(ctx, u.ID, store.TokenVerifyEmail, args.To, VerifyLinkLifetime, "/verify_email/")
		if err != nil {
			return m, false, err
		}
		return mail.Message{To: args.To, Subject: "Confirm your email address on " + site.Name, Text: fmt.Sprintf(
			"Hello %s,\n\nto confirm that this is the address of your account %s on %s, follow this link "+
				"within two days:\n\n%s\n\nIf you have no account there, ignore this mail.\n",
			u.Name, u.Name, site.Name, link)}, true, nil
	case MailNotification:
		if u.Email == "" || !u.EmailVerified || !u.EmailNotifications {
			return m, false, nil
		}
		return mail.Message{To: u.Email, Subject: args.Subject, Text: args.Text +
			"\n\n--\nYou get this because you asked " + site.Name + " to mail you replies and messages. " +
			"Turn it off in your settings: " + s.iri.Base() + "/settings#account\n"}, true, nil
	}
	return m, false, fmt.Errorf("compose mail: unknown purpose %q", args.Purpose)
}

// mintLink makes a random token (256 bits), stores its hash and answers
// the link that carries it.
func (s *Service) mintLink(ctx context.Context, personID int64, purpose, email string, life time.Duration, path string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a %s link: %w", purpose, err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	if err := s.store.InsertEmailToken(ctx, tokenHash(token), personID, purpose, email, time.Now().Add(life)); err != nil {
		return "", fmt.Errorf("make a %s link: %w", purpose, err)
	}
	return s.iri.Base() + path + token, nil
}
