package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// ensureSite records the local instance and, on the very first start, the
// host and the instance actor's keys. It refuses a changed TIDINGS_HOST:
// every stored id contains the host, and remote instances know us by it.
func (s *Service) ensureSite(ctx context.Context, host string) (int64, error) {
	var instanceID int64
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		site, err := tx.GetSiteForUpdate(ctx)
		if err != nil {
			return err
		}
		if site.Host != "" && site.Host != host {
			return fmt.Errorf("TIDINGS_HOST is %q but this database belongs to %q; the host is part of every "+
				"stored id and cannot change (restore TIDINGS_HOST=%s)", host, site.Host, site.Host)
		}
		in, err := tx.UpsertInstance(ctx, host)
		if err != nil {
			return err
		}
		instanceID = in.ID
		if site.Host == "" {
			pub, priv, err := GenerateKeyPair()
			if err != nil {
				return err
			}
			return tx.InitSite(ctx, host, pub, priv)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("set up site: %w", err)
	}
	return instanceID, nil
}

// Site returns the site's settings.
func (s *Service) Site(ctx context.Context) (store.Site, error) {
	return s.store.GetSite(ctx)
}

// Legal returns the site's rules and legal text, in markdown.
func (s *Service) Legal(ctx context.Context) (string, error) {
	return s.store.GetSiteLegal(ctx)
}

// Limits of the site's texts, in characters.
const (
	MaxSiteDescription = 10000
	MaxSiteLegal       = 50000
	MaxSiteQuestion    = 2000
)

// UpdateSite changes site settings after checking them; only admins may.
func (s *Service) UpdateSite(ctx context.Context, by Acting, u store.SiteSettings) error {
	u.Name, u.ApplicationQuestion = trimmed(u.Name), trimmed(u.ApplicationQuestion)
	if err := checkSiteSettings(u); err != nil {
		return err
	}
	if u.RequireEmailVerification != nil && *u.RequireEmailVerification && !s.mail {
		return inputErr("email_verification", "email is not set up on this site, so sign-ups cannot be asked to verify an address")
	}
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		return tx.UpdateSite(ctx, u)
	})
	if err != nil && !errors.Is(err, ErrForbidden) {
		err = fmt.Errorf("update site: %w", err)
	}
	return err
}

// trimmed is a setting without the spaces around it; nil stays nil.
func trimmed(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	return &t
}

func checkSiteSettings(u store.SiteSettings) error {
	if u.Name != nil && (*u.Name == "" || utf8.RuneCountInString(*u.Name) > 100) {
		return inputErr("name", "the site name must be 1 to 100 characters")
	}
	if u.Description != nil && utf8.RuneCountInString(*u.Description) > MaxSiteDescription {
		return inputErr("description", "the description is too long: use at most %d characters", MaxSiteDescription)
	}
	if u.Legal != nil && utf8.RuneCountInString(*u.Legal) > MaxSiteLegal {
		return inputErr("legal", "the rules and legal text are too long: use at most %d characters", MaxSiteLegal)
	}
	if u.ApplicationQuestion != nil && utf8.RuneCountInString(*u.ApplicationQuestion) > MaxSiteQuestion {
		return inputErr("application_question", "the application question is too long: use at most %d characters", MaxSiteQuestion)
	}
	if u.RegistrationMode != nil {
		switch *u.RegistrationMode {
		case store.RegistrationOpen, store.RegistrationClosed, store.RegistrationRequireApproval:
		default:
			return inputErr("registration", "registration mode %q must be open, closed or require_approval", *u.RegistrationMode)
		}
	}
	if u.FederationMode != nil {
		switch *u.FederationMode {
		case store.FederationOpen, store.FederationAllowList:
		default:
			return inputErr("federation", "federation mode %q must be open or allow_list", *u.FederationMode)
		}
	}
	if u.ImageMode != nil {
		switch *u.ImageMode {
		case store.ImageModeStore, store.ImageModeProxy, store.ImageModeLink:
		default:
			return inputErr("image_mode", "image mode %q must be store, proxy or link", *u.ImageMode)
		}
	}
	return nil
}
