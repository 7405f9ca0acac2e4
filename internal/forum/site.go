package forum

import (
	"context"
	"fmt"

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

// UpdateSite changes site settings after checking them.
func (s *Service) UpdateSite(ctx context.Context, u store.SiteSettings) error {
	if u.Name != nil && (len([]rune(*u.Name)) < 1 || len([]rune(*u.Name)) > 100) {
		return inputErr("name", "the site name must be 1 to 100 characters")
	}
	if u.Description != nil && len([]rune(*u.Description)) > 10000 {
		return inputErr("description", "the description is too long: use at most 10000 characters")
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
	return s.store.UpdateSite(ctx, u)
}
