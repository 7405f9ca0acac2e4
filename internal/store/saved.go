package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// SavePost keeps a post in a person's saved things; saving it again
// changes nothing, and keeps its place. ErrNotFound when the post does not
// exist.
func (s *Store) SavePost(ctx context.Context, personID, postID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO saved_posts (person_id, post_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		personID, postID)
	return wrap("save post", err)
}

// UnsavePost takes a post out of a person's saved things, if it was there.
func (s *Store) UnsavePost(ctx context.Context, personID, postID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM saved_posts WHERE person_id = $1 AND post_id = $2`, personID, postID)
	return wrap("unsave post", err)
}

// SaveComment is SavePost for a comment.
func (s *Store) SaveComment(ctx context.Context, personID, commentID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO saved_comments (person_id, comment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		personID, commentID)
	return wrap("save comment", err)
}

// UnsaveComment is UnsavePost for a comment.
func (s *Store) UnsaveComment(ctx context.Context, personID, commentID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM saved_comments WHERE person_id = $1 AND comment_id = $2`, personID, commentID)
	return wrap("unsave comment", err)
}

// SavedPostIDs tells which of a page's posts a person saved.
func (s *Store) SavedPostIDs(ctx context.Context, personID int64, postIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if personID == 0 || len(postIDs) == 0 {
		return out, nil
	}
	rows, _ := s.db.Query(ctx, `SELECT post_id FROM saved_posts WHERE person_id = $1 AND post_id = ANY ($2)`,
		personID, postIDs)
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&id}, func() error { out[id] = true; return nil })
	return out, wrap("get saved posts", err)
}

// SavedCommentsInPost tells which comments of a thread a person saved.
func (s *Store) SavedCommentsInPost(ctx context.Context, personID, postID int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	rows, _ := s.db.Query(ctx, `SELECT sc.comment_id FROM saved_comments sc JOIN comments cm ON cm.id = sc.comment_id
		WHERE sc.person_id = $1 AND cm.post_id = $2`, personID, postID)
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&id}, func() error { out[id] = true; return nil })
	return out, wrap("get saved comments", err)
}

// SavedCursor marks a place in a person's saved things: when the last one
// shown was saved, and what it was.
type SavedCursor struct {
	At      time.Time
	Comment bool
	ID      int64
}

// IsZero reports whether the cursor is the start.
func (c SavedCursor) IsZero() bool { return c.ID == 0 }

// String encodes the cursor for a URL.
func (c SavedCursor) String() string {
	if c.IsZero() {
		return ""
	}
	kind := "p"
	if c.Comment {
		kind = "c"
	}
	return strconv.FormatInt(c.At.UnixMicro(), 10) + "_" + kind + strconv.FormatInt(c.ID, 10)
}

// ParseSavedCursor reads a cursor from a URL; a malformed one is ErrInvalid.
func ParseSavedCursor(s string) (SavedCursor, error) {
	if s == "" {
		return SavedCursor{}, nil
	}
	at, rest, ok := strings.Cut(s, "_")
	us, err1 := strconv.ParseInt(at, 10, 64)
	if !ok || err1 != nil || len(rest) < 2 || (rest[0] != 'p' && rest[0] != 'c') {
		return SavedCursor{}, fmt.Errorf("parse saved cursor %q: %w", s, ErrInvalid)
	}
	id, err2 := strconv.ParseInt(rest[1:], 10, 64)
	if err2 != nil || id <= 0 {
		return SavedCursor{}, fmt.Errorf("parse saved cursor %q: %w", s, ErrInvalid)
	}
	return SavedCursor{At: time.UnixMicro(us), Comment: rest[0] == 'c', ID: id}, nil
}

// SavedItem is a saved post or comment (one of the two is set), with when
// it was saved.
type SavedItem struct {
	SavedAt time.Time
	Post    *Post
	Comment *CommentWithPost
}

// SavedPage is a page of saved things and the cursor of the next one.
type SavedPage struct {
	Items []SavedItem
	Next  SavedCursor // zero on the last page
}

// ListSaved reads a page of a person's saved posts and comments together,
// newest saved first (at the same instant, posts before comments), from
// one index range of each table. What was deleted or removed since it was
// saved stays listed, so that it can be unsaved; the page says so.
func (s *Store) ListSaved(ctx context.Context, personID int64, after SavedCursor, limit int) (SavedPage, error) {
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	args := pgx.NamedArgs{"person": personID, "limit": limit + 1}
	postAfter, commentAfter := "", ""
	if !after.IsZero() {
		kind := 1
		if after.Comment {
			kind = 0
		}
		args["at"], args["kind"], args["after"] = after.At, kind, after.ID
		postAfter = ` AND saved_at <= @at AND (saved_at, 1, post_id) < (@at, @kind::int, @after)`
		commentAfter = ` AND saved_at <= @at AND (saved_at, 0, comment_id) < (@at, @kind::int, @after)`
	}
	rows, _ := s.db.Query(ctx, `SELECT kind, id, saved_at FROM (
			(SELECT 1 AS kind, post_id AS id, saved_at FROM saved_posts WHERE person_id = @person`+postAfter+`
				ORDER BY saved_at DESC, post_id DESC LIMIT @limit)
			UNION ALL
			(SELECT 0, comment_id, saved_at FROM saved_comments WHERE person_id = @person`+commentAfter+`
				ORDER BY saved_at DESC, comment_id DESC LIMIT @limit)) saved
		ORDER BY saved_at DESC, kind DESC, id DESC LIMIT @limit`, args)
	type ref struct {
		Kind    int       `db:"kind"`
		ID      int64     `db:"id"`
		SavedAt time.Time `db:"saved_at"`
	}
	refs, err := pgx.CollectRows(rows, pgx.RowToStructByName[ref])
	if err != nil {
		return SavedPage{}, wrap("list saved", err)
	}
	var page SavedPage
	if len(refs) > limit {
		last := refs[limit-1]
		page.Next = SavedCursor{At: last.SavedAt, Comment: last.Kind == 0, ID: last.ID}
		refs = refs[:limit]
	}
	var postIDs, commentIDs []int64
	for _, r := range refs {
		if r.Kind == 1 {
			postIDs = append(postIDs, r.ID)
		} else {
			commentIDs = append(commentIDs, r.ID)
		}
	}
	posts := map[int64]*Post{}
	if len(postIDs) > 0 {
		rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+` WHERE po.id = ANY ($1)`, postIDs)
		got, err := pgx.CollectRows(rows, pgx.RowToStructByName[Post])
		if err != nil {
			return SavedPage{}, wrap("list saved posts", err)
		}
		for i := range got {
			posts[got[i].ID] = &got[i]
		}
	}
	comments := map[int64]*CommentWithPost{}
	if len(commentIDs) > 0 {
		rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+`, po.title AS post_title `+commentFrom+`
			JOIN posts po ON po.id = cm.post_id WHERE cm.id = ANY ($1)`, commentIDs)
		got, err := pgx.CollectRows(rows, pgx.RowToStructByName[CommentWithPost])
		if err != nil {
			return SavedPage{}, wrap("list saved comments", err)
		}
		for i := range got {
			comments[got[i].ID] = &got[i]
		}
	}
	for _, r := range refs {
		it := SavedItem{SavedAt: r.SavedAt}
		if r.Kind == 1 {
			it.Post = posts[r.ID]
		} else {
			it.Comment = comments[r.ID]
		}
		if it.Post != nil || it.Comment != nil {
			page.Items = append(page.Items, it)
		}
	}
	return page, nil
}

// PostMarks reads a person's votes on these posts and which of them they
// saved, in one round trip, for a listing page.
func (s *Store) PostMarks(ctx context.Context, personID int64, postIDs []int64) (votes map[int64]int, saved map[int64]bool, err error) {
	votes, saved = map[int64]int{}, map[int64]bool{}
	if personID == 0 || len(postIDs) == 0 {
		return votes, saved, nil
	}
	rows, _ := s.db.Query(ctx, `SELECT post_id, score::int, false FROM post_votes WHERE person_id = $1 AND post_id = ANY ($2)
		UNION ALL SELECT post_id, 0, true FROM saved_posts WHERE person_id = $1 AND post_id = ANY ($2)`, personID, postIDs)
	var id int64
	var score int
	var isSave bool
	_, err = pgx.ForEachRow(rows, []any{&id, &score, &isSave}, func() error {
		if isSave {
			saved[id] = true
		} else {
			votes[id] = score
		}
		return nil
	})
	return votes, saved, wrap("get post votes and saves", err)
}
