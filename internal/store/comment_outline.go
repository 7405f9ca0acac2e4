package store

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
)

// A thread page shows hundreds of comments whose HTML rarely changes while
// their scores do. ThreadOutline reads the tree without the HTML, each
// comment with the version of its row, and the page keeps the HTML it has
// already read by (id, version): a thread of 500 comments is then 50 KB
// from the database rather than 400 KB. The version is the row's xmin,
// the transaction that last wrote it, so every edit, vote count, deletion
// or removal gives a new one, in whichever server process it was made.

// ThreadVersion digests a post's comments, each one's id and the versions
// of its row and of its author's: it changes whenever any comment of the
// post is written, added or purged, or its author's profile changes, so a
// page can keep a whole outline under it. One index range scan, 32 bytes
// back.
func (s *Store) ThreadVersion(ctx context.Context, postID int64) (string, error) {
	var v string
	err := s.db.QueryRow(ctx, `SELECT md5(coalesce(string_agg(cm.id || ':' || cm.xmin || ':' || cr.xmin, ',' ORDER BY cm.id), ''))
		FROM comments cm JOIN people cr ON cr.id = cm.creator_id WHERE cm.post_id = $1`, postID).Scan(&v)
	return v, wrap("read thread version", err)
}

// OutlinedComment is a comment without its HTML, and the version of its
// row.
type OutlinedComment struct {
	Comment
	Version int64 `db:"version"`
}

// CommentHTML is a comment's HTML as of a version of its row.
type CommentHTML struct {
	ID      int64  `db:"id"`
	HTML    string `db:"body_html"`
	Version int64  `db:"version"`
}

var outlineColumns = strings.Replace(threadColumns, "cm.body_html, ", "'' AS body_html, ", 1) +
	`, cm.xmin::text::int8 AS version`

// ThreadOutline reads a post's comment tree as Thread does, parents before
// children, with each comment's version and without its HTML.
func (s *Store) ThreadOutline(ctx context.Context, postID int64) ([]OutlinedComment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+outlineColumns+commentFrom+` WHERE cm.post_id = $1 ORDER BY cm.path`, postID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[OutlinedComment])
	return out, wrap("read thread outline", err)
}

// CommentsHTML reads the HTML of these comments with the version it is
// from, which may be newer than the outline's.
func (s *Store) CommentsHTML(ctx context.Context, ids []int64) ([]CommentHTML, error) {
	rows, _ := s.db.Query(ctx, `SELECT id, body_html, xmin::text::int8 AS version FROM comments WHERE id = ANY($1)`, ids)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[CommentHTML])
	return out, wrap("read comments' HTML", err)
}
