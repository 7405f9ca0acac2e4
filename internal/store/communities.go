package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Community is a local or remote group.
type Community struct {
	ID                      int64      `db:"id"`
	APID                    string     `db:"ap_id"`
	InstanceID              int64      `db:"instance_id"`
	Domain                  string     `db:"domain"`
	Local                   bool       `db:"local"`
	Name                    string     `db:"name"`
	Title                   string     `db:"title"`
	Description             string     `db:"description"`
	DescriptionHTML         string     `db:"description_html"`
	IconURL                 string     `db:"icon_url"`
	BannerURL               string     `db:"banner_url"`
	NSFW                    bool       `db:"nsfw"`
	PostingRestrictedToMods bool       `db:"posting_restricted_to_mods"`
	InboxURL                string     `db:"inbox_url"`
	SharedInboxURL          string     `db:"shared_inbox_url"`
	OutboxURL               string     `db:"outbox_url"`
	FollowersURL            string     `db:"followers_url"`
	ModeratorsURL           string     `db:"moderators_url"`
	FeaturedURL             string     `db:"featured_url"`
	PublicKeyPEM            string     `db:"public_key_pem"`
	PrivateKeyPEM           string     `db:"private_key_pem"`
	UsersActiveMonth        int        `db:"users_active_month"`
	Deleted                 bool       `db:"deleted"`
	Removed                 bool       `db:"removed"`
	Published               time.Time  `db:"published"`
	Updated                 *time.Time `db:"updated"`
	Subscribers             int64      `db:"subscribers"` // only from ListCommunities and WithCounts
	Posts                   int64      `db:"posts"`
}

const communityColumns = `c.id, c.ap_id, c.instance_id, i.domain, c.local, c.name, c.title,
	coalesce(c.description, '') AS description, coalesce(c.description_html, '') AS description_html,
	coalesce(c.icon_url, '') AS icon_url, coalesce(c.banner_url, '') AS banner_url, c.nsfw,
	c.posting_restricted_to_mods, c.inbox_url, coalesce(c.shared_inbox_url, '') AS shared_inbox_url,
	coalesce(c.outbox_url, '') AS outbox_url, c.followers_url, coalesce(c.moderators_url, '') AS moderators_url,
	coalesce(c.featured_url, '') AS featured_url, c.public_key_pem, coalesce(c.private_key_pem, '') AS private_key_pem,
	c.users_active_month, c.deleted, c.removed, c.published, c.updated`

// Counting a community's subscribers and posts reads index entries in
// proportion to them, so only the pages that show the counts ask for them;
// a single community is read without them (zero).
const (
	communityNoCounts = `, 0::bigint AS subscribers, 0::bigint AS posts`
	communityCounts   = `,
	(SELECT count(*) FROM community_follows f WHERE f.community_id = c.id AND f.state = 'accepted') AS subscribers,
	(SELECT count(*) FROM posts po WHERE po.community_id = c.id AND NOT po.deleted AND NOT po.removed) AS posts`
)

const communityFrom = ` FROM communities c JOIN instances i ON i.id = c.instance_id `

// NewCommunity is what it takes to store a community.
type NewCommunity struct {
	APID                    string
	InstanceID              int64
	Local                   bool
	Name                    string
	Title                   string
	Description             string
	DescriptionHTML         string
	IconURL                 string
	BannerURL               string
	NSFW                    bool
	PostingRestrictedToMods bool
	InboxURL                string
	SharedInboxURL          string
	OutboxURL               string
	FollowersURL            string
	ModeratorsURL           string
	FeaturedURL             string
	PublicKeyPEM            string
	PrivateKeyPEM           string
	Published               time.Time
}

// InsertCommunity stores a new community; ErrConflict when the id or the
// name on that instance is taken.
func (s *Store) InsertCommunity(ctx context.Context, c NewCommunity) (Community, error) {
	if c.Published.IsZero() {
		c.Published = time.Now()
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO communities (ap_id, instance_id, local, name, title, description, description_html,
			icon_url, banner_url, nsfw, posting_restricted_to_mods, inbox_url, shared_inbox_url, outbox_url,
			followers_url, moderators_url, featured_url, public_key_pem, private_key_pem, published)
		VALUES ($1, $2, $3, $4, $5, nullif($6, ''), nullif($7, ''), nullif($8, ''), nullif($9, ''), $10, $11, $12,
			nullif($13, ''), nullif($14, ''), $15, nullif($16, ''), nullif($17, ''), $18, nullif($19, ''), $20)
		RETURNING id`,
		c.APID, c.InstanceID, c.Local, c.Name, c.Title, c.Description, c.DescriptionHTML, c.IconURL, c.BannerURL,
		c.NSFW, c.PostingRestrictedToMods, c.InboxURL, c.SharedInboxURL, c.OutboxURL, c.FollowersURL,
		c.ModeratorsURL, c.FeaturedURL, c.PublicKeyPEM, c.PrivateKeyPEM, c.Published).Scan(&id)
	if err != nil {
		return Community{}, wrap("insert community "+c.Name, err)
	}
	return s.CommunityByID(ctx, id)
}

// CommunityByID finds a community, local or remote.
func (s *Store) CommunityByID(ctx context.Context, id int64) (Community, error) {
	return s.oneCommunity(ctx, "get community", `WHERE c.id = $1`, id)
}

// CommunityByAPID finds a community by ActivityPub id.
func (s *Store) CommunityByAPID(ctx context.Context, apID string) (Community, error) {
	return s.oneCommunity(ctx, "get community "+apID, `WHERE c.ap_id = $1`, apID)
}

// IsCommunityFollowers reports whether any of ids is the followers
// collection of a community stored here, local or remote: addressing an
// object to it makes the object public in that community, as much as
// addressing it to Public does.
func (s *Store) IsCommunityFollowers(ctx context.Context, ids []string) (bool, error) {
	if len(ids) == 0 {
		return false, nil
	}
	var found bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM communities WHERE followers_url = ANY($1))`, ids).Scan(&found)
	return found, wrap("find community by followers collection", err)
}

// LocalCommunityByName finds a local community by name, ignoring case.
func (s *Store) LocalCommunityByName(ctx context.Context, name string) (Community, error) {
	return s.oneCommunity(ctx, "get local community "+name, `WHERE c.local AND lower(c.name) = lower($1)`, name)
}

func (s *Store) oneCommunity(ctx context.Context, op, where string, args ...any) (Community, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+communityColumns+communityNoCounts+communityFrom+where, args...)
	c, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Community])
	return c, wrap(op, err)
}

// ListCommunities returns communities by name; local ones only when asked.
func (s *Store) ListCommunities(ctx context.Context, localOnly, withDeleted bool) ([]Community, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+communityColumns+communityCounts+communityFrom+`
		WHERE (c.local OR NOT $1) AND ($2 OR NOT (c.deleted OR c.removed))
		ORDER BY c.local DESC, lower(c.name), i.domain`, localOnly, withDeleted)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Community])
	return out, wrap("list communities", err)
}

// TopLocalCommunities returns up to limit of this site's communities, the
// most active first, with their counts, for the front page's sidebar.
func (s *Store) TopLocalCommunities(ctx context.Context, limit int) ([]Community, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+communityColumns+communityCounts+communityFrom+`
		WHERE c.local AND NOT (c.deleted OR c.removed)
		ORDER BY c.users_active_month DESC, lower(c.name) LIMIT $1`, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Community])
	return out, wrap("list top local communities", err)
}

// SetCommunityDeleted marks a community deleted or restores it. Its posts
// stay stored, so a restore brings everything back.
func (s *Store) SetCommunityDeleted(ctx context.Context, id int64, deleted bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE communities SET deleted = $2, updated = now() WHERE id = $1`, id, deleted)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set community deleted", err)
}

// CommunityByNameAndDomain finds name@domain, local or remote.
func (s *Store) CommunityByNameAndDomain(ctx context.Context, name, domain string) (Community, error) {
	return s.oneCommunity(ctx, "get community "+name+"@"+domain,
		`WHERE lower(c.name) = lower($1) AND i.domain = lower($2)`, name, domain)
}

// WithCounts fills in a community's subscriber and post counts.
func (s *Store) WithCounts(ctx context.Context, c Community) (Community, error) {
	err := s.db.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM community_follows f WHERE f.community_id = $1 AND f.state = 'accepted'),
		(SELECT count(*) FROM posts po WHERE po.community_id = $1 AND NOT po.deleted AND NOT po.removed)`,
		c.ID).Scan(&c.Subscribers, &c.Posts)
	return c, wrap("count community "+c.Name, err)
}

// CommunityChoices lists the communities one may post to, without counts,
// for the post form.
func (s *Store) CommunityChoices(ctx context.Context) ([]Community, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+communityColumns+communityNoCounts+communityFrom+`
		WHERE NOT (c.deleted OR c.removed) ORDER BY c.local DESC, lower(c.title), i.domain`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Community])
	return out, wrap("list community choices", err)
}
