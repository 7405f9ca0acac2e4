package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Person is a local or remote user.
type Person struct {
	ID              int64      `db:"id"`
	APID            string     `db:"ap_id"`
	InstanceID      int64      `db:"instance_id"`
	Domain          string     `db:"domain"`
	Local           bool       `db:"local"`
	Name            string     `db:"name"`
	DisplayName     string     `db:"display_name"`
	Bio             string     `db:"bio"`
	BioHTML         string     `db:"bio_html"`
	AvatarURL       string     `db:"avatar_url"`
	BannerURL       string     `db:"banner_url"`
	Bot             bool       `db:"bot"`
	InboxURL        string     `db:"inbox_url"`
	SharedInboxURL  string     `db:"shared_inbox_url"`
	PublicKeyPEM    string     `db:"public_key_pem"`
	PrivateKeyPEM   string     `db:"private_key_pem"`
	Banned          bool       `db:"banned"` // a site ban in force: an expired one is over
	BanReason       string     `db:"ban_reason"`
	BannedAt        *time.Time `db:"banned_at"`
	BanExpiresAt    *time.Time `db:"ban_expires_at"` // nil: until lifted
	Deleted         bool       `db:"deleted"`
	Published       time.Time  `db:"published"`
	Updated         *time.Time `db:"updated"`
	LastRefreshedAt time.Time  `db:"last_refreshed_at"`
}

const personColumns = `p.id, p.ap_id, p.instance_id, i.domain, p.local, p.name,
	coalesce(p.display_name, '') AS display_name, coalesce(p.bio, '') AS bio, coalesce(p.bio_html, '') AS bio_html,
	coalesce(p.avatar_url, '') AS avatar_url, coalesce(p.banner_url, '') AS banner_url, p.bot,
	p.inbox_url, coalesce(p.shared_inbox_url, '') AS shared_inbox_url, p.public_key_pem,
	coalesce(p.private_key_pem, '') AS private_key_pem, ` + bannedSQL + ` AS banned,
	coalesce(p.ban_reason, '') AS ban_reason, p.banned_at, p.ban_expires_at,
	p.deleted, p.published, p.updated, p.last_refreshed_at`

// bannedSQL decides whether the person p is banned from the site now: a ban
// ends by itself when it expires, without a job to lift it.
const bannedSQL = `(p.banned AND (p.ban_expires_at IS NULL OR p.ban_expires_at > now()))`

const personFrom = ` FROM people p JOIN instances i ON i.id = p.instance_id `

// NewPerson is what it takes to store a person.
type NewPerson struct {
	APID           string
	InstanceID     int64
	Local          bool
	Name           string
	DisplayName    string
	Bio            string
	BioHTML        string
	AvatarURL      string
	BannerURL      string
	Bot            bool
	InboxURL       string
	SharedInboxURL string
	PublicKeyPEM   string
	PrivateKeyPEM  string // local people only
	Published      time.Time
}

// InsertPerson stores a new person; ErrConflict when the id or the name on
// that instance is taken.
func (s *Store) InsertPerson(ctx context.Context, p NewPerson) (Person, error) {
	if p.Published.IsZero() {
		p.Published = time.Now()
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO people (ap_id, instance_id, local, name, display_name, bio, bio_html, avatar_url, banner_url,
			bot, inbox_url, shared_inbox_url, public_key_pem, private_key_pem, published)
		VALUES ($1, $2, $3, $4, nullif($5, ''), nullif($6, ''), nullif($7, ''), nullif($8, ''), nullif($9, ''),
			$10, $11, nullif($12, ''), $13, nullif($14, ''), $15)
		RETURNING id`,
		p.APID, p.InstanceID, p.Local, p.Name, p.DisplayName, p.Bio, p.BioHTML, p.AvatarURL, p.BannerURL,
		p.Bot, p.InboxURL, p.SharedInboxURL, p.PublicKeyPEM, p.PrivateKeyPEM, p.Published).Scan(&id)
	if err != nil {
		return Person{}, wrap("insert person "+p.Name, err)
	}
	return s.PersonByID(ctx, id)
}

// PersonByID finds a person, local or remote.
func (s *Store) PersonByID(ctx context.Context, id int64) (Person, error) {
	return s.onePerson(ctx, "get person", `WHERE p.id = $1`, id)
}

// PersonByAPID finds a person by ActivityPub id.
func (s *Store) PersonByAPID(ctx context.Context, apID string) (Person, error) {
	return s.onePerson(ctx, "get person "+apID, `WHERE p.ap_id = $1`, apID)
}

// LocalPersonByName finds a local person by name, ignoring case.
func (s *Store) LocalPersonByName(ctx context.Context, name string) (Person, error) {
	return s.onePerson(ctx, "get local person "+name, `WHERE p.local AND lower(p.name) = lower($1)`, name)
}

// PersonByNameAndDomain finds name@domain, local or remote.
func (s *Store) PersonByNameAndDomain(ctx context.Context, name, domain string) (Person, error) {
	return s.onePerson(ctx, "get person "+name+"@"+domain,
		`WHERE lower(p.name) = lower($1) AND i.domain = lower($2)`, name, domain)
}

func (s *Store) onePerson(ctx context.Context, op, where string, args ...any) (Person, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+personFrom+where, args...)
	p, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Person])
	return p, wrap(op, err)
}

// SetPersonBanned bans a person from the whole site until lifted, or
// unbans them.
func (s *Store) SetPersonBanned(ctx context.Context, id int64, banned bool, reason string) error {
	if !banned {
		return s.UnbanPerson(ctx, id)
	}
	return s.BanPersonUntil(ctx, id, reason, time.Time{})
}

// BanPersonUntil bans a person from the whole site until expires, or until
// lifted when expires is zero.
func (s *Store) BanPersonUntil(ctx context.Context, id int64, reason string, expires time.Time) error {
	var until *time.Time
	if !expires.IsZero() {
		until = &expires
	}
	tag, err := s.db.Exec(ctx, `
		UPDATE people SET banned = true, ban_reason = nullif($2, ''), banned_at = now(), ban_expires_at = $3
		WHERE id = $1`, id, reason, until)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("ban person", err)
}

// UnbanPerson lifts a site ban.
func (s *Store) UnbanPerson(ctx context.Context, id int64) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE people SET banned = false, ban_reason = NULL, banned_at = NULL, ban_expires_at = NULL
		WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("unban person", err)
}

// SiteBans lists the people banned from the site now, newest ban first.
func (s *Store) SiteBans(ctx context.Context, limit int) ([]Person, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+personFrom+`
		WHERE p.banned AND `+bannedSQL+` ORDER BY p.banned_at DESC, p.id DESC LIMIT $1`, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Person])
	return out, wrap("list site bans", err)
}

// UpdateProfile saves a person's display name and bio.
func (s *Store) UpdateProfile(ctx context.Context, id int64, displayName, bio, bioHTML string) error {
	_, err := s.db.Exec(ctx, `UPDATE people SET display_name = nullif($2, ''), bio = nullif($3, ''),
		bio_html = nullif($4, ''), updated = now() WHERE id = $1`, id, displayName, bio, bioHTML)
	return wrap("update profile", err)
}
