package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Registration modes of the site.
const (
	RegistrationOpen            = "open"
	RegistrationClosed          = "closed"
	RegistrationRequireApproval = "require_approval"
)

// Site is the instance's settings and its Application actor's keys.
type Site struct {
	Name                string `db:"name"`
	Description         string `db:"description"`
	RegistrationMode    string `db:"registration_mode"`
	ApplicationQuestion string `db:"application_question"`
	FederationMode      string `db:"federation_mode"`
	// HasLegal: the site has published rules or legal text (read whole
	// with GetSiteLegal, as only /legal shows it).
	HasLegal           bool `db:"has_legal"`
	HideModlogModNames bool `db:"hide_modlog_mod_names"` // the log names no moderator but to admins
	// RequireEmailVerification: a new account must verify its address
	// before it logs in (only while mail is set up).
	RequireEmailVerification bool      `db:"require_email_verification"`
	Host                     string    `db:"host"`
	PublicKeyPEM             string    `db:"public_key_pem"`
	PrivateKeyPEM            string    `db:"private_key_pem"`
	CreatedAt                time.Time `db:"created_at"`
	UpdatedAt                time.Time `db:"updated_at"`
	// ImageMode is how other servers' pictures reach readers (ImageMode*).
	ImageMode string `db:"image_mode"`
}

const siteColumns = `name, description, registration_mode, application_question, federation_mode, legal <> '' AS has_legal,
	hide_modlog_mod_names, require_email_verification, coalesce(host, '') AS host, coalesce(public_key_pem, '') AS public_key_pem,
	coalesce(private_key_pem, '') AS private_key_pem, created_at, updated_at, image_mode`

// GetSite reads the site's single row.
func (s *Store) GetSite(ctx context.Context) (Site, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+siteColumns+` FROM site WHERE id = 1`)
	site, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Site])
	return site, wrap("get site", err)
}

// GetSiteForUpdate reads the site row and locks it until the transaction
// ends, so that two processes starting at once do not both set it up.
func (s *Store) GetSiteForUpdate(ctx context.Context) (Site, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+siteColumns+` FROM site WHERE id = 1 FOR UPDATE`)
	site, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Site])
	return site, wrap("get site", err)
}

// InitSite records the host and the instance actor's keys the first time
// the site starts.
func (s *Store) InitSite(ctx context.Context, host, publicPEM, privatePEM string) error {
	_, err := s.db.Exec(ctx, `
		UPDATE site SET host = $1, public_key_pem = $2, private_key_pem = $3, updated_at = now()
		WHERE id = 1`, host, publicPEM, privatePEM)
	return wrap("init site", err)
}

// GetSiteLegal reads the site's rules and legal text, in markdown.
func (s *Store) GetSiteLegal(ctx context.Context) (string, error) {
	var legal string
	err := s.db.QueryRow(ctx, `SELECT legal FROM site WHERE id = 1`).Scan(&legal)
	return legal, wrap("get site legal text", err)
}

// SiteSettings are the settings an admin may change.
type SiteSettings struct {
	Name                     *string
	Description              *string
	RegistrationMode         *string
	ApplicationQuestion      *string
	FederationMode           *string
	Legal                    *string
	HideModlogModNames       *bool
	RequireEmailVerification *bool
	ImageMode                *string
}

// UpdateSite changes the given settings and keeps the others.
func (s *Store) UpdateSite(ctx context.Context, u SiteSettings) error {
	_, err := s.db.Exec(ctx, `
		UPDATE site SET
			name = coalesce($1, name),
			description = coalesce($2, description),
			registration_mode = coalesce($3, registration_mode),
			application_question = coalesce($4, application_question),
			federation_mode = coalesce($5, federation_mode),
			legal = coalesce($6, legal),
			hide_modlog_mod_names = coalesce($7, hide_modlog_mod_names),
			require_email_verification = coalesce($8, require_email_verification),
			image_mode = coalesce($9, image_mode),
			updated_at = now()
		WHERE id = 1`, u.Name, u.Description, u.RegistrationMode, u.ApplicationQuestion, u.FederationMode, u.Legal,
		u.HideModlogModNames, u.RequireEmailVerification, u.ImageMode)
	return wrap("update site", err)
}
