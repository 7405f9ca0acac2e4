package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Kinds of Report.
const (
	ReportOfPost    = "post"
	ReportOfComment = "comment"
)

// Report is a report of a post or a comment, with what the moderators'
// queue shows beside it: who reported it and who resolved it, what the
// content said then, and where it is and what became of it now.
type Report struct {
	ID   int64  `db:"id"`
	Kind string `db:"kind"` // ReportOfPost or ReportOfComment
	APID string `db:"ap_id"`
	// The reporter; CreatorID is zero, and CreatorName empty, when their
	// server did not say who it was, and CreatorDomain is then the host
	// the report came from.
	CreatorID     int64  `db:"creator_id"`
	CreatorName   string `db:"creator_name"`
	CreatorDomain string `db:"creator_domain"`
	Reason        string `db:"reason"`
	// The content as it was when reported: a post's title, link and text,
	// or a comment's text (OriginalTitle and OriginalURL empty).
	OriginalTitle string `db:"original_title"`
	OriginalURL   string `db:"original_url"`
	OriginalText  string `db:"original_text"`
	Resolved      bool   `db:"resolved"`
	// Who resolved it, or took the resolution back; zero for the admin CLI.
	ResolverID     int64      `db:"resolver_id"`
	ResolverName   string     `db:"resolver_name"`
	ResolverDomain string     `db:"resolver_domain"`
	Published      time.Time  `db:"published"`
	Updated        *time.Time `db:"updated"`

	// The content now.
	PostID         int64  `db:"post_id"`
	CommentID      int64  `db:"comment_id"` // zero for a post
	PostTitle      string `db:"post_title"`
	ObjectAPID     string `db:"object_ap_id"`
	AuthorID       int64  `db:"author_id"`
	AuthorName     string `db:"author_name"`
	AuthorDomain   string `db:"author_domain"`
	ContentDeleted bool   `db:"content_deleted"`
	ContentRemoved bool   `db:"content_removed"`

	CommunityID     int64  `db:"community_id"`
	CommunityName   string `db:"community_name"`
	CommunityDomain string `db:"community_domain"`
	CommunityTitle  string `db:"community_title"`
	CommunityLocal  bool   `db:"community_local"`
}

// reportColumns is what both kinds share, after their own columns; the
// reporter is rp, the resolver rv, the post po, its community co.
const reportColumns = `r.id, r.ap_id, coalesce(r.creator_id, 0) AS creator_id, coalesce(rp.name, '') AS creator_name,
	coalesce(rpi.domain, substring(r.ap_id FROM '://([^/]+)'), '') AS creator_domain, r.reason, r.resolved,
	coalesce(r.resolver_id, 0) AS resolver_id, coalesce(rv.name, '') AS resolver_name,
	coalesce(rvi.domain, '') AS resolver_domain, r.published, r.updated,
	po.id AS post_id, po.title AS post_title, au.id AS author_id, au.name AS author_name, aui.domain AS author_domain,
	co.id AS community_id, co.name AS community_name, coi.domain AS community_domain, co.title AS community_title,
	co.local AS community_local`

// reportJoins joins what both kinds show, given the column of the
// content's author.
func reportJoins(author string) string {
	return `
	JOIN people au ON au.id = ` + author + ` JOIN instances aui ON aui.id = au.instance_id
	JOIN communities co ON co.id = po.community_id JOIN instances coi ON coi.id = co.instance_id
	LEFT JOIN people rp ON rp.id = r.creator_id LEFT JOIN instances rpi ON rpi.id = rp.instance_id
	LEFT JOIN people rv ON rv.id = r.resolver_id LEFT JOIN instances rvi ON rvi.id = rv.instance_id`
}

// reportRows are both kinds of report as one relation, q, for a WHERE.
var reportRows = `(
	SELECT 'post' AS kind, 0::bigint AS comment_id, r.original_post_name AS original_title,
		coalesce(r.original_post_url, '') AS original_url, coalesce(r.original_post_body, '') AS original_text,
		po.ap_id AS object_ap_id, po.deleted AS content_deleted, po.removed AS content_removed, ` + reportColumns + `
	FROM post_reports r JOIN posts po ON po.id = r.post_id` + reportJoins("po.creator_id") + `
	UNION ALL
	SELECT 'comment', cm.id, '', '', r.original_comment_text,
		cm.ap_id, cm.deleted, cm.removed, ` + reportColumns + `
	FROM comment_reports r JOIN comments cm ON cm.id = r.comment_id JOIN posts po ON po.id = cm.post_id` +
	reportJoins("cm.creator_id") + `
) q`

// ReportFilter selects a page of the reports queue, newest first.
type ReportFilter struct {
	// ModeratorID limits the queue to the communities this person
	// moderates; zero for every community (an admin's queue).
	ModeratorID int64
	CommunityID int64 // only this community when non-zero
	OpenOnly    bool
	Before      int64 // the last id of the previous page; zero for the first
	Limit       int
	// Kind keeps one kind (ReportOfPost or ReportOfComment); "" both.
	Kind string
	// PostID or CommentID keeps the reports of one post or comment.
	PostID, CommentID int64
	// Offset skips as many, for clients that number pages.
	Offset int
}

// ListReports returns a page of reports, newest first.
func (s *Store) ListReports(ctx context.Context, f ReportFilter) ([]Report, error) {
	rows, _ := s.db.Query(ctx, `SELECT * FROM `+reportRows+`
		WHERE ($1 = 0 OR q.community_id IN (`+moderatedBy1+`))
			AND ($2 = 0 OR q.community_id = $2) AND (NOT $3 OR NOT q.resolved) AND ($4 = 0 OR q.id < $4)
			AND ($6 = '' OR q.kind = $6) AND ($7 = 0 OR q.post_id = $7) AND ($8 = 0 OR q.comment_id = $8)
		ORDER BY q.id DESC LIMIT $5 OFFSET $9`, f.ModeratorID, f.CommunityID, f.OpenOnly, f.Before, f.Limit,
		f.Kind, f.PostID, f.CommentID, f.Offset)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Report])
	return out, wrap("list reports", err)
}

// ReportByID finds a report of either kind.
func (s *Store) ReportByID(ctx context.Context, id int64) (Report, error) {
	rows, _ := s.db.Query(ctx, `SELECT * FROM `+reportRows+` WHERE q.id = $1`, id)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Report])
	return r, wrap("get report", err)
}

// ReportByAPID finds a report by the id of its Flag.
func (s *Store) ReportByAPID(ctx context.Context, apID string) (Report, error) {
	rows, _ := s.db.Query(ctx, `SELECT * FROM `+reportRows+` WHERE q.ap_id = $1`, apID)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Report])
	return r, wrap("get report by Flag id", err)
}

// moderatedBy1 selects the communities person $1 moderates and is not
// banned from: a banned moderator may not resolve reports, so they are not
// shown theirs either.
const moderatedBy1 = `SELECT m.community_id FROM community_moderators m WHERE m.person_id = $1
	AND NOT EXISTS (SELECT 1 FROM community_bans b WHERE b.community_id = m.community_id
		AND b.person_id = m.person_id AND (b.expires_at IS NULL OR b.expires_at > now()))`

// CountOpenReports counts the open reports of the communities moderatorID
// moderates, or of every community when it is zero.
func (s *Store) CountOpenReports(ctx context.Context, moderatorID int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `
		WITH mine AS (`+moderatedBy1+`)
		SELECT (SELECT count(*) FROM post_reports r JOIN posts po ON po.id = r.post_id
				WHERE NOT r.resolved AND ($1 = 0 OR po.community_id IN (SELECT community_id FROM mine)))
			+ (SELECT count(*) FROM comment_reports r JOIN comments cm ON cm.id = r.comment_id
				JOIN posts po ON po.id = cm.post_id
				WHERE NOT r.resolved AND ($1 = 0 OR po.community_id IN (SELECT community_id FROM mine)))`,
		moderatorID).Scan(&n)
	return n, wrap("count open reports", err)
}

// CountOpenReportsOfKinds counts the open reports of posts and of
// comments in the communities moderatorID moderates (zero: every
// community), in one community when communityID is not zero.
func (s *Store) CountOpenReportsOfKinds(ctx context.Context, moderatorID, communityID int64) (posts, comments int, err error) {
	err = s.db.QueryRow(ctx, `
		WITH mine AS (`+moderatedBy1+`)
		SELECT count(*) FILTER (WHERE q.kind = 'post'), count(*) FILTER (WHERE q.kind = 'comment')
		FROM `+reportRows+`
		WHERE NOT q.resolved AND ($1 = 0 OR q.community_id IN (SELECT community_id FROM mine))
			AND ($2 = 0 OR q.community_id = $2)`, moderatorID, communityID).Scan(&posts, &comments)
	return posts, comments, wrap("count open reports by kind", err)
}

// ModeratesAny reports whether a person moderates at least one community.
func (s *Store) ModeratesAny(ctx context.Context, personID int64) (bool, error) {
	var yes bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM community_moderators WHERE person_id = $1)`,
		personID).Scan(&yes)
	return yes, wrap("check moderator", err)
}

// ResolveReportsOf marks every open report of a post (commentID zero) or
// of a comment resolved by resolverID (zero for none): a moderator's
// removal deals with them all.
func (s *Store) ResolveReportsOf(ctx context.Context, postID, commentID, resolverID int64) error {
	sql := `UPDATE post_reports SET resolved = true, resolver_id = nullif($2, 0), updated = now()
		WHERE post_id = $1 AND NOT resolved`
	id := postID
	if commentID != 0 {
		sql = `UPDATE comment_reports SET resolved = true, resolver_id = nullif($2, 0), updated = now()
			WHERE comment_id = $1 AND NOT resolved`
		id = commentID
	}
	_, err := s.db.Exec(ctx, sql, id, resolverID)
	return wrap("resolve reports of removed content", err)
}

// SetReportResolved marks a report resolved, or open again, by resolverID
// (zero for the admin CLI). Opening a report while the same person has
// reported the same thing again since is ErrConflict.
func (s *Store) SetReportResolved(ctx context.Context, id int64, resolved bool, resolverID int64) error {
	var n int
	err := s.db.QueryRow(ctx, `
		WITH p AS (UPDATE post_reports SET resolved = $2, resolver_id = nullif($3, 0), updated = now()
				WHERE id = $1 RETURNING id),
			c AS (UPDATE comment_reports SET resolved = $2, resolver_id = nullif($3, 0), updated = now()
				WHERE id = $1 RETURNING id)
		SELECT (SELECT count(*) FROM p) + (SELECT count(*) FROM c)`, id, resolved, resolverID).Scan(&n)
	if err == nil && n == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("resolve report", err)
}
