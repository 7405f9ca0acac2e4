package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrLocalActor: a remote actor's data was about to overwrite a local
// person or community (a remote document claiming one of our ids).
var ErrLocalActor = errors.New("the actor is local and is not updated from remote data")

// UpsertRemotePerson stores a remote person fetched from its instance, by
// ap_id: it inserts it the first time and otherwise updates its name,
// display name, bio, avatar, banner, bot flag, inboxes and public key. It
// sets last_refreshed_at to now, and updated to now when anything changed.
// A local person is never touched: when p.Local is set, p carries a private
// key, or the ap_id belongs to a local person, the error matches
// ErrLocalActor. A name taken by another person of that instance gives
// ErrConflict.
func (s *Store) UpsertRemotePerson(ctx context.Context, p NewPerson) (Person, error) {
	op := "upsert remote person " + p.APID
	if p.Local || p.PrivateKeyPEM != "" {
		return Person{}, fmt.Errorf("%s: %w", op, ErrLocalActor)
	}
	if p.Published.IsZero() {
		p.Published = time.Now()
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO people AS p (ap_id, instance_id, local, name, display_name, bio, bio_html, avatar_url,
			banner_url, bot, inbox_url, shared_inbox_url, public_key_pem, published, last_refreshed_at)
		VALUES ($1, $2, false, $3, nullif($4, ''), nullif($5, ''), nullif($6, ''), nullif($7, ''),
			nullif($8, ''), $9, $10, nullif($11, ''), $12, $13, now())
		ON CONFLICT (ap_id) DO UPDATE SET
			name = excluded.name, display_name = excluded.display_name, bio = excluded.bio,
			bio_html = excluded.bio_html, avatar_url = excluded.avatar_url, banner_url = excluded.banner_url,
			bot = excluded.bot, inbox_url = excluded.inbox_url, shared_inbox_url = excluded.shared_inbox_url,
			public_key_pem = excluded.public_key_pem, last_refreshed_at = now(),
			updated = CASE WHEN (p.name, p.display_name, p.bio, p.bio_html, p.avatar_url, p.banner_url, p.bot,
					p.inbox_url, p.shared_inbox_url, p.public_key_pem)
				IS DISTINCT FROM (excluded.name, excluded.display_name, excluded.bio, excluded.bio_html,
					excluded.avatar_url, excluded.banner_url, excluded.bot, excluded.inbox_url,
					excluded.shared_inbox_url, excluded.public_key_pem)
				THEN now() ELSE p.updated END
		WHERE NOT p.local
		RETURNING id`,
		p.APID, p.InstanceID, p.Name, p.DisplayName, p.Bio, p.BioHTML, p.AvatarURL, p.BannerURL,
		p.Bot, p.InboxURL, p.SharedInboxURL, p.PublicKeyPEM, p.Published).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		// ON CONFLICT ... WHERE NOT local skipped the row: it is local.
		return Person{}, fmt.Errorf("%s: %w", op, ErrLocalActor)
	}
	if err != nil {
		return Person{}, wrap(op, err)
	}
	return s.PersonByID(ctx, id)
}

// UpsertRemoteCommunity stores a remote community fetched from its
// instance, by ap_id, as UpsertRemotePerson does a person: title,
// description, icon, banner, nsfw, posting restriction, the inbox, shared
// inbox, outbox, followers, moderators and featured URLs and the public key
// are replaced; users_active_month, deleted and removed are kept.
func (s *Store) UpsertRemoteCommunity(ctx context.Context, c NewCommunity) (Community, error) {
	op := "upsert remote community " + c.APID
	if c.Local || c.PrivateKeyPEM != "" {
		return Community{}, fmt.Errorf("%s: %w", op, ErrLocalActor)
	}
	if c.Published.IsZero() {
		c.Published = time.Now()
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO communities AS c (ap_id, instance_id, local, name, title, description, description_html,
			icon_url, banner_url, nsfw, posting_restricted_to_mods, inbox_url, shared_inbox_url, outbox_url,
			followers_url, moderators_url, featured_url, public_key_pem, published, last_refreshed_at)
		VALUES ($1, $2, false, $3, $4, nullif($5, ''), nullif($6, ''), nullif($7, ''), nullif($8, ''), $9, $10,
			$11, nullif($12, ''), nullif($13, ''), $14, nullif($15, ''), nullif($16, ''), $17, $18, now())
		ON CONFLICT (ap_id) DO UPDATE SET
			name = excluded.name, title = excluded.title, description = excluded.description,
			description_html = excluded.description_html, icon_url = excluded.icon_url,
			banner_url = excluded.banner_url, nsfw = excluded.nsfw,
			posting_restricted_to_mods = excluded.posting_restricted_to_mods, inbox_url = excluded.inbox_url,
			shared_inbox_url = excluded.shared_inbox_url, outbox_url = excluded.outbox_url,
			followers_url = excluded.followers_url, moderators_url = excluded.moderators_url,
			featured_url = excluded.featured_url, public_key_pem = excluded.public_key_pem,
			last_refreshed_at = now(),
			updated = CASE WHEN (c.name, c.title, c.description, c.description_html, c.icon_url, c.banner_url,
					c.nsfw, c.posting_restricted_to_mods, c.inbox_url, c.shared_inbox_url, c.outbox_url,
					c.followers_url, c.moderators_url, c.featured_url, c.public_key_pem)
				IS DISTINCT FROM (excluded.name, excluded.title, excluded.description, excluded.description_html,
					excluded.icon_url, excluded.banner_url, excluded.nsfw, excluded.posting_restricted_to_mods,
					excluded.inbox_url, excluded.shared_inbox_url, excluded.outbox_url, excluded.followers_url,
					excluded.moderators_url, excluded.featured_url, excluded.public_key_pem)
				THEN now() ELSE c.updated END
		WHERE NOT c.local
		RETURNING id`,
		c.APID, c.InstanceID, c.Name, c.Title, c.Description, c.DescriptionHTML, c.IconURL, c.BannerURL,
		c.NSFW, c.PostingRestrictedToMods, c.InboxURL, c.SharedInboxURL, c.OutboxURL, c.FollowersURL,
		c.ModeratorsURL, c.FeaturedURL, c.PublicKeyPEM, c.Published).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Community{}, fmt.Errorf("%s: %w", op, ErrLocalActor)
	}
	if err != nil {
		return Community{}, wrap(op, err)
	}
	return s.CommunityByID(ctx, id)
}

// ActorRow is what federation needs of a stored person or community to
// check a signature or deliver to it. InstanceBlocked is set when we do not
// federate with the actor's instance: it is blocked, or the site federates
// only with allowed instances and it is not one.
type ActorRow struct {
	Kind            string    `db:"kind"` // "person" or "community"
	ID              int64     `db:"id"`
	APID            string    `db:"ap_id"`
	Local           bool      `db:"local"`
	Domain          string    `db:"domain"`
	InstanceBlocked bool      `db:"instance_blocked"`
	InboxURL        string    `db:"inbox_url"`
	SharedInboxURL  string    `db:"shared_inbox_url"`
	PublicKeyPEM    string    `db:"public_key_pem"`
	Deleted         bool      `db:"deleted"`
	Banned          bool      `db:"banned"` // a person banned from this site now
	LastRefreshedAt time.Time `db:"last_refreshed_at"`
}

// ActorByAPID finds the person or the community whose ap_id is apID
// (a person first, should both exist); ErrNotFound when neither does.
func (s *Store) ActorByAPID(ctx context.Context, apID string) (ActorRow, error) {
	rows, _ := s.db.Query(ctx, `
		(SELECT 'person' AS kind, p.id, p.ap_id, p.local, i.domain, `+refusedSQL+` AS instance_blocked, p.inbox_url,
			coalesce(p.shared_inbox_url, '') AS shared_inbox_url, p.public_key_pem, p.deleted,
			`+bannedSQL+` AS banned, p.last_refreshed_at
		FROM people p JOIN instances i ON i.id = p.instance_id WHERE p.ap_id = $1)
		UNION ALL
		(SELECT 'community', c.id, c.ap_id, c.local, i.domain, `+refusedSQL+`, c.inbox_url,
			coalesce(c.shared_inbox_url, ''), c.public_key_pem, c.deleted, false, c.last_refreshed_at
		FROM communities c JOIN instances i ON i.id = c.instance_id WHERE c.ap_id = $1)
		LIMIT 1`, apID)
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[ActorRow])
	return a, wrap("get actor "+apID, err)
}
