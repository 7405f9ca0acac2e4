package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// MaxCommentDepth is how deep replies may nest, as in Lemmy; the schema
// refuses deeper ones.
const MaxCommentDepth = 50

// Comment is a comment with its author's name for display.
type Comment struct {
	ID            int64      `db:"id"`
	APID          string     `db:"ap_id"`
	Local         bool       `db:"local"`
	CreatorID     int64      `db:"creator_id"`
	CreatorName   string     `db:"creator_name"`
	CreatorDomain string     `db:"creator_domain"`
	CreatorBot    bool       `db:"creator_bot"`
	CreatorAvatar string     `db:"creator_avatar_url"`
	PostID        int64      `db:"post_id"`
	ParentID      *int64     `db:"parent_id"`
	Path          []int64    `db:"path"`
	Body          string     `db:"body"`
	BodyHTML      string     `db:"body_html"`
	Language      string     `db:"language"`
	Published     time.Time  `db:"published"`
	Updated       *time.Time `db:"updated"`
	Deleted       bool       `db:"deleted"`
	Removed       bool       `db:"removed"`
	Distinguished bool       `db:"distinguished"`
	Score         int        `db:"score"`
	Upvotes       int        `db:"upvotes"`
	Downvotes     int        `db:"downvotes"`
	HotRank       float64    `db:"hot_rank"`
	Controversy   float64    `db:"controversy_rank"`
}

// Depth is 0 for a top-level comment.
func (c Comment) Depth() int { return len(c.Path) - 1 }

const commentColumns = `cm.id, cm.ap_id, cm.local, cm.creator_id, cr.name AS creator_name, cri.domain AS creator_domain,
	cr.bot AS creator_bot, coalesce(cr.avatar_url, '') AS creator_avatar_url,
	cm.post_id, cm.parent_id, cm.path, cm.body, cm.body_html, cm.language, cm.published, cm.updated,
	cm.deleted, cm.removed, cm.distinguished, cm.score, cm.upvotes, cm.downvotes, cm.hot_rank, cm.controversy_rank`

var threadColumns = strings.Replace(commentColumns, "cm.body, ", "'' AS body, ", 1)

const commentFrom = ` FROM comments cm JOIN people cr ON cr.id = cm.creator_id JOIN instances cri ON cri.id = cr.instance_id `

// NewComment is what it takes to store a comment. ParentID zero means a
// top-level comment; ID zero takes the next id.
type NewComment struct {
	ID        int64
	APID      string
	Local     bool
	CreatorID int64
	PostID    int64
	ParentID  int64
	Body      string
	BodyHTML  string
	Language  string
	Published time.Time
	Updated   *time.Time
}

// NextCommentID reserves an id for a local comment.
func (s *Store) NextCommentID(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('comments', 'id'))`).Scan(&id)
	return id, wrap("reserve comment id", err)
}

// InsertComment stores a comment under its parent, which must belong to the
// same post; ErrNotFound when it does not, ErrInvalid when too deep.
func (s *Store) InsertComment(ctx context.Context, c NewComment) (Comment, error) {
	if c.Published.IsZero() {
		c.Published = time.Now()
	}
	if c.Language == "" {
		c.Language = "und"
	}
	if c.ID == 0 {
		id, err := s.NextCommentID(ctx)
		if err != nil {
			return Comment{}, err
		}
		c.ID = id
	}
	var parentPath []int64
	if c.ParentID != 0 {
		err := s.db.QueryRow(ctx, `SELECT path FROM comments WHERE id = $1 AND post_id = $2`,
			c.ParentID, c.PostID).Scan(&parentPath)
		if err != nil {
			return Comment{}, wrap("insert comment: find parent", err)
		}
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO comments (id, ap_id, local, creator_id, post_id, parent_id, path, body, body_html,
			language, published, updated)
		VALUES ($1, $2, $3, $4, $5, nullif($6, 0), $7, $8, $9, $10, $11, $12)`,
		c.ID, c.APID, c.Local, c.CreatorID, c.PostID, c.ParentID, append(parentPath, c.ID), c.Body, c.BodyHTML,
		c.Language, c.Published, c.Updated)
	if err != nil {
		return Comment{}, wrap("insert comment", err)
	}
	return s.CommentByID(ctx, c.ID)
}

// CommentByID finds a comment, deleted and removed ones included.
func (s *Store) CommentByID(ctx context.Context, id int64) (Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+commentFrom+` WHERE cm.id = $1`, id)
	c, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Comment])
	return c, wrap("get comment", err)
}

// CommentByAPID finds a comment by ActivityPub id.
func (s *Store) CommentByAPID(ctx context.Context, apID string) (Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+commentFrom+` WHERE cm.ap_id = $1`, apID)
	c, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Comment])
	return c, wrap("get comment "+apID, err)
}

// Thread reads a post's whole comment tree in one index range scan, parents
// before children and siblings oldest first; callers re-sort siblings.
// The markdown source is left out: a thread shows only the HTML, and the
// rows are half as wide without it.
func (s *Store) Thread(ctx context.Context, postID int64) ([]Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+threadColumns+commentFrom+` WHERE cm.post_id = $1 ORDER BY cm.path`, postID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	return out, wrap("read thread", err)
}

// Subtree reads a comment and every reply under it, to depth levels below
// it (0 for all), in one range scan of the path index.
func (s *Store) Subtree(ctx context.Context, commentID int64, depth int) ([]Comment, error) {
	rows, _ := s.db.Query(ctx, `
		WITH root AS (SELECT post_id, path FROM comments WHERE id = $1)
		SELECT `+commentColumns+commentFrom+`, root
		WHERE cm.post_id = root.post_id AND cm.path >= root.path
			AND cm.path < root.path[:cardinality(root.path) - 1] || (root.path[cardinality(root.path)] + 1)
			AND ($2 = 0 OR cardinality(cm.path) <= cardinality(root.path) + $2)
		ORDER BY cm.path`, commentID, depth)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	if err == nil && len(out) == 0 {
		err = pgx.ErrNoRows
	}
	return out, wrap("read subtree", err)
}

// Ancestors reads a comment's parents, top-level first.
func (s *Store) Ancestors(ctx context.Context, commentID int64) ([]Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+commentFrom+`
		WHERE cm.id = ANY ((SELECT path[:cardinality(path) - 1] FROM comments WHERE id = $1)::bigint[])
		ORDER BY cm.path`, commentID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	return out, wrap("read ancestors", err)
}

// UpdateCommentBody applies an author's edit and marks it edited.
func (s *Store) UpdateCommentBody(ctx context.Context, id int64, body, bodyHTML string) error {
	tag, err := s.db.Exec(ctx, `UPDATE comments SET body = $2, body_html = $3, updated = now() WHERE id = $1`,
		id, body, bodyHTML)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("update comment", err)
}

// SetCommentFlags switches deleted and removed; nil keeps the state.
func (s *Store) SetCommentFlags(ctx context.Context, id int64, deleted, removed *bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE comments SET deleted = coalesce($2, deleted), removed = coalesce($3, removed)
		WHERE id = $1`, id, deleted, removed)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set comment flags", err)
}

// CommentWithPost is a comment shown out of its thread, with its post's title.
type CommentWithPost struct {
	Comment
	PostTitle string `db:"post_title"`
}

// PersonComments lists a person's visible comments, newest first.
func (s *Store) PersonComments(ctx context.Context, personID int64, limit int) ([]CommentWithPost, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+`, po.title AS post_title `+commentFrom+`
		JOIN posts po ON po.id = cm.post_id JOIN communities co ON co.id = po.community_id
		WHERE cm.creator_id = $1 AND NOT cm.deleted AND NOT cm.removed AND NOT po.deleted AND NOT po.removed
			AND NOT co.deleted AND NOT co.removed
		ORDER BY cm.published DESC, cm.id DESC LIMIT $2`, personID, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[CommentWithPost])
	return out, wrap("list person comments", err)
}
