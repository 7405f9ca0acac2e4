package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Post is a post with what a listing shows beside it.
type Post struct {
	ID                int64      `db:"id"`
	APID              string     `db:"ap_id"`
	Local             bool       `db:"local"`
	CreatorID         int64      `db:"creator_id"`
	CreatorName       string     `db:"creator_name"`
	CreatorDomain     string     `db:"creator_domain"`
	CommunityID       int64      `db:"community_id"`
	CommunityName     string     `db:"community_name"`
	CommunityDomain   string     `db:"community_domain"`
	Title             string     `db:"title"`
	URL               string     `db:"url"`
	Body              string     `db:"body"`
	BodyHTML          string     `db:"body_html"`
	URLTitle          string     `db:"url_title"`
	URLDescription    string     `db:"url_description"`
	ThumbnailURL      string     `db:"thumbnail_url"`
	URLContentType    string     `db:"url_content_type"` // the link's type, image/* for a picture
	Language          string     `db:"language"`
	NSFW              bool       `db:"nsfw"`
	Published         time.Time  `db:"published"`
	Updated           *time.Time `db:"updated"`
	Deleted           bool       `db:"deleted"`
	Removed           bool       `db:"removed"`
	Locked            bool       `db:"locked"`
	FeaturedCommunity bool       `db:"featured_community"`
	FeaturedLocal     bool       `db:"featured_local"`
	Score             int        `db:"score"`
	Upvotes           int        `db:"upvotes"`
	Downvotes         int        `db:"downvotes"`
	Comments          int        `db:"comments"`
	NewestCommentTime time.Time  `db:"newest_comment_time"`
	// Version names the state of the post's row and of its author's and
	// community's, for a page that keeps the post's markup: the listings
	// fill it in (see postVersion), other reads leave it empty.
	Version string `db:"-"`
}

// postVersion is the transactions that last wrote the post, its author and
// its community: any change to what a listing row shows gives a new one.
const postVersion = `po.xmin::text || '.' || cr.xmin::text || '.' || co.xmin::text AS version`

const postColumns = `po.id, po.ap_id, po.local, po.creator_id, cr.name AS creator_name, cri.domain AS creator_domain,
	po.community_id, co.name AS community_name, coi.domain AS community_domain, po.title,
	coalesce(po.url, '') AS url, coalesce(po.body, '') AS body, coalesce(po.body_html, '') AS body_html,
	coalesce(po.url_title, '') AS url_title, coalesce(po.url_description, '') AS url_description,
	coalesce(po.thumbnail_url, '') AS thumbnail_url, coalesce(po.url_content_type, '') AS url_content_type, po.language, po.nsfw, po.published, po.updated,
	po.deleted, po.removed, po.locked, po.featured_community, po.featured_local,
	po.score, po.upvotes, po.downvotes, po.comments, po.newest_comment_time`

const postFrom = ` FROM posts po
	JOIN people cr ON cr.id = po.creator_id JOIN instances cri ON cri.id = cr.instance_id
	JOIN communities co ON co.id = po.community_id JOIN instances coi ON coi.id = co.instance_id `

// NewPost is what it takes to store a post. ID is zero for remote posts;
// local ones take theirs from NextPostID to build their ActivityPub id.
type NewPost struct {
	ID           int64
	APID         string
	Local        bool
	CreatorID    int64
	CommunityID  int64
	Title        string
	URL          string
	Body         string
	BodyHTML     string
	ThumbnailURL string
	Language     string
	NSFW         bool
	Published    time.Time
	Updated      *time.Time
}

// NextPostID reserves an id for a local post.
func (s *Store) NextPostID(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('posts', 'id'))`).Scan(&id)
	return id, wrap("reserve post id", err)
}

// InsertPost stores a post.
func (s *Store) InsertPost(ctx context.Context, p NewPost) (Post, error) {
	if p.Published.IsZero() {
		p.Published = time.Now()
	}
	if p.Language == "" {
		p.Language = "und"
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO posts (id, ap_id, local, creator_id, community_id, title, url, body, body_html,
			thumbnail_url, language, nsfw, published, updated)
		VALUES (coalesce(nullif($1, 0), nextval(pg_get_serial_sequence('posts', 'id'))), $2, $3, $4, $5, $6,
			nullif($7, ''), nullif($8, ''), nullif($9, ''), nullif($10, ''), $11, $12, $13, $14)
		RETURNING id`,
		p.ID, p.APID, p.Local, p.CreatorID, p.CommunityID, p.Title, p.URL, p.Body, p.BodyHTML,
		p.ThumbnailURL, p.Language, p.NSFW, p.Published, p.Updated).Scan(&id)
	if err != nil {
		return Post{}, wrap("insert post", err)
	}
	return s.PostByID(ctx, id)
}

// PostByID finds a post, deleted and removed ones included.
func (s *Store) PostByID(ctx context.Context, id int64) (Post, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+` WHERE po.id = $1`, id)
	p, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Post])
	return p, wrap("get post", err)
}

// PostByAPID finds a post by ActivityPub id.
func (s *Store) PostByAPID(ctx context.Context, apID string) (Post, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+` WHERE po.ap_id = $1`, apID)
	p, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Post])
	return p, wrap("get post "+apID, err)
}

// PostEdit is a change by a post's author; nil fields stay as they are.
type PostEdit struct {
	Title    *string
	URL      *string
	Body     *string
	BodyHTML *string
	NSFW     *bool
	Language *string
}

// UpdatePost applies an edit and marks the post updated.
func (s *Store) UpdatePost(ctx context.Context, id int64, e PostEdit) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE posts SET title = coalesce($2, title), url = CASE WHEN $3::text IS NULL THEN url ELSE nullif($3, '') END,
			-- A new link's preview is fetched again; the old one must not stay.
			url_title = CASE WHEN $3::text IS NULL OR $3 IS NOT DISTINCT FROM url THEN url_title END,
			url_description = CASE WHEN $3::text IS NULL OR $3 IS NOT DISTINCT FROM url THEN url_description END,
			thumbnail_url = CASE WHEN $3::text IS NULL OR $3 IS NOT DISTINCT FROM url THEN thumbnail_url END,
			url_fetched_at = CASE WHEN $3::text IS NULL OR $3 IS NOT DISTINCT FROM url THEN url_fetched_at END,
			body = CASE WHEN $4::text IS NULL THEN body ELSE nullif($4, '') END,
			body_html = CASE WHEN $5::text IS NULL THEN body_html ELSE nullif($5, '') END,
			nsfw = coalesce($6, nsfw), language = coalesce($7, language), updated = now()
		WHERE id = $1`, id, e.Title, e.URL, e.Body, e.BodyHTML, e.NSFW, e.Language)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("update post", err)
}

// PostFlags are the states a post's author or moderators switch.
type PostFlags struct {
	Deleted, Removed, Locked, FeaturedCommunity, FeaturedLocal, NSFW *bool
}

// SetPostFlags switches the given states and keeps the others.
func (s *Store) SetPostFlags(ctx context.Context, id int64, f PostFlags) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE posts SET deleted = coalesce($2, deleted), removed = coalesce($3, removed),
			locked = coalesce($4, locked), featured_community = coalesce($5, featured_community),
			featured_local = coalesce($6, featured_local), nsfw = coalesce($7, nsfw)
		WHERE id = $1`, id, f.Deleted, f.Removed, f.Locked, f.FeaturedCommunity, f.FeaturedLocal, f.NSFW)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set post flags", err)
}

// SetLinkMetadata stores what the linked page says about itself.
func (s *Store) SetLinkMetadata(ctx context.Context, id int64, title, description, contentType, thumbnail string) error {
	_, err := s.db.Exec(ctx, `
		UPDATE posts SET url_title = nullif($2, ''), url_description = nullif($3, ''),
			url_content_type = nullif($4, ''), thumbnail_url = coalesce(nullif($5, ''), thumbnail_url),
			url_fetched_at = now()
		WHERE id = $1`, id, title, description, contentType, thumbnail)
	return wrap("set link metadata", err)
}

// FeaturedPosts lists a community's visible pinned posts, newest first.
func (s *Store) FeaturedPosts(ctx context.Context, communityID int64) ([]Post, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+`
		WHERE po.community_id = $1 AND po.featured_community AND NOT po.deleted AND NOT po.removed
		ORDER BY po.published DESC`, communityID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Post])
	return out, wrap("list featured posts", err)
}
