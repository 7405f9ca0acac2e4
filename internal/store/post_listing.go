package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Sorts of a post listing.
const (
	SortHot           = "hot"
	SortActive        = "active"
	SortScaled        = "scaled"
	SortControversial = "controversial"
	SortNew           = "new"
	SortOld           = "old"
	SortMostComments  = "most_comments"
	SortTopDay        = "top_day"
	SortTopWeek       = "top_week"
	SortTopMonth      = "top_month"
	SortTopYear       = "top_year"
	SortTopAll        = "top_all"
)

// Listings: which posts a listing draws from.
const (
	ListingAll        = "all"
	ListingLocal      = "local"
	ListingSubscribed = "subscribed"
)

// sortSpec is one sort: a stored, indexed column, its type for the cursor,
// and the time window for Top.
type sortSpec struct {
	column string
	cast   string
	asc    bool
	window time.Duration
}

var sorts = map[string]sortSpec{
	SortHot:           {column: "po.hot_rank", cast: "float8"},
	SortActive:        {column: "po.active_rank", cast: "float8"},
	SortScaled:        {column: "po.scaled_rank", cast: "float8"},
	SortControversial: {column: "po.controversy_rank", cast: "float8"},
	SortNew:           {column: "po.published", cast: "timestamptz"},
	SortOld:           {column: "po.published", cast: "timestamptz", asc: true},
	SortMostComments:  {column: "po.comments", cast: "int8"},
	SortTopDay:        {column: "po.score", cast: "int8", window: 24 * time.Hour},
	SortTopWeek:       {column: "po.score", cast: "int8", window: 7 * 24 * time.Hour},
	SortTopMonth:      {column: "po.score", cast: "int8", window: 30 * 24 * time.Hour},
	SortTopYear:       {column: "po.score", cast: "int8", window: 365 * 24 * time.Hour},
	SortTopAll:        {column: "po.score", cast: "int8"},
}

// ValidSort reports whether name is one of the sorts above.
func ValidSort(name string) bool { _, ok := sorts[name]; return ok }

// PostQuery selects a page of a listing.
type PostQuery struct {
	Sort        string
	Listing     string
	CommunityID int64 // only this community when non-zero
	PersonID    int64 // whose subscriptions, for ListingSubscribed
	ShowNSFW    bool
	Limit       int
	After       Cursor // the last row of the previous page; zero for the first
	Now         time.Time
	// SkipPinned leaves out the posts pinned above the listing (see
	// PinnedPosts): in its community for a community's listing, on the
	// front page for the others.
	SkipPinned bool
	// Reader is what the reader's blocks and preferences leave out.
	Reader ReaderFilter
	// Vote, 1 or -1, keeps only the posts PersonID voted so (Lemmy's
	// liked_only and disliked_only); 0 keeps all.
	Vote int
	// Saved keeps only the posts PersonID saved (Lemmy's saved_only).
	Saved bool
}

// Cursor marks a position in a listing: the sort key and id of a row. A page
// continues strictly after it, so posts arriving meanwhile do not shift the
// pages a reader is walking through.
type Cursor struct {
	Key string
	ID  int64
}

// IsZero reports whether the cursor is the start.
func (c Cursor) IsZero() bool { return c.ID == 0 }

// PostPage is a page of posts and the cursor of the next one.
type PostPage struct {
	Posts []Post
	Next  Cursor // zero on the last page
}

// ListPosts reads one page of a listing with a single index scan of the
// sort's column (see the ranking notes in the posts migration).
func (s *Store) ListPosts(ctx context.Context, q PostQuery) (PostPage, error) {
	spec, ok := sorts[q.Sort]
	if !ok {
		return PostPage{}, fmt.Errorf("list posts: unknown sort %q: %w", q.Sort, ErrInvalid)
	}
	switch {
	case q.Limit <= 0:
		q.Limit = 25
	case q.Limit > 100:
		q.Limit = 100
	}
	dir, cmp := "DESC", "<"
	if spec.asc {
		dir, cmp = "ASC", ">"
	}
	args := pgx.NamedArgs{"nsfw": q.ShowNSFW}
	where := `NOT po.deleted AND NOT po.removed AND NOT co.deleted AND NOT co.removed
		AND (@nsfw OR NOT (po.nsfw OR co.nsfw))`
	switch {
	case q.CommunityID != 0:
		where += ` AND po.community_id = @community`
		args["community"] = q.CommunityID
	case q.Listing == ListingLocal:
		where += ` AND po.local`
	case q.Listing == ListingSubscribed:
		where += ` AND po.community_id IN (SELECT community_id FROM community_follows WHERE person_id = @person AND state <> 'rejected')`
		args["person"] = q.PersonID
	}
	switch {
	case q.SkipPinned && q.CommunityID != 0:
		where += ` AND NOT po.featured_community`
	case q.SkipPinned:
		where += ` AND NOT po.featured_local`
	}
	reader := q.Reader
	reader.InCommunity = q.CommunityID != 0
	where += reader.postSQL(args)
	if q.Vote != 0 {
		where += ` AND EXISTS (SELECT 1 FROM post_votes v WHERE v.post_id = po.id AND v.person_id = @voter AND v.score = @vote)`
		args["voter"], args["vote"] = q.PersonID, q.Vote
	}
	if q.Saved {
		where += ` AND EXISTS (SELECT 1 FROM saved_posts sp WHERE sp.post_id = po.id AND sp.person_id = @saver)`
		args["saver"] = q.PersonID
	}
	switch {
	case spec.window > 0 && q.Now.IsZero():
		// now() rather than a parameter: Postgres estimates a stable
		// expression's value when it plans, but guesses a third of the
		// table for a parameter, and that generic plan walks the score
		// index through a year of posts to find a day's.
		where += fmt.Sprintf(` AND po.published > now() - interval '%d seconds'`, int(spec.window.Seconds()))
	case spec.window > 0:
		where += ` AND po.published > @since`
		args["since"] = q.Now.Add(-spec.window)
	}
	if !q.After.IsZero() {
		where += fmt.Sprintf(` AND (%s, po.id) %s (@key::%s, @after)`, spec.column, cmp, spec.cast)
		args["key"], args["after"] = q.After.Key, q.After.ID
	}
	// The limit is written into the statement, not passed: with it a
	// parameter, Postgres guesses a tenth of the table for the generic
	// plan, never adopts it, and plans this five-way join afresh on every
	// call, which costs ten times the scan itself.
	sql := fmt.Sprintf(`SELECT %s, %s, %s::text AS sort_key %s WHERE %s ORDER BY %s %s, po.id %s LIMIT %d`,
		postColumns, postVersion, spec.column, postFrom, where, spec.column, dir, dir, q.Limit+1)
	rows, err := s.db.Query(ctx, sql, args)
	if err != nil {
		return PostPage{}, wrap("list posts", err)
	}
	type row struct {
		versionedPost
		SortKey string `db:"sort_key"`
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[row])
	if err != nil {
		return PostPage{}, wrap("list posts", err)
	}
	var page PostPage
	for i, r := range got {
		if i == q.Limit {
			last := got[i-1]
			page.Next = Cursor{Key: last.SortKey, ID: last.ID}
			break
		}
		page.Posts = append(page.Posts, r.post())
	}
	return page, nil
}

// versionedPost is a listing's row: a post and its version.
type versionedPost struct {
	Post
	Version string `db:"version"`
}

func (v versionedPost) post() Post {
	v.Post.Version = v.Version
	return v.Post
}

// PinnedPosts lists the visible posts pinned in a community by its
// moderators, or (communityID zero) on the front page by the admins,
// newest first, NSFW ones only when asked, less what the reader leaves
// out. Few posts are pinned, so they are read apart from the listing they
// head.
func (s *Store) PinnedPosts(ctx context.Context, communityID int64, showNSFW bool, reader ReaderFilter) ([]Post, error) {
	pinned, args := `po.featured_local`, pgx.NamedArgs{"nsfw": showNSFW}
	if communityID != 0 {
		pinned, args["community"] = `po.featured_community AND po.community_id = @community`, communityID
		reader.InCommunity = true
	}
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+`, `+postVersion+postFrom+` WHERE `+pinned+`
			AND NOT po.deleted AND NOT po.removed AND NOT co.deleted AND NOT co.removed
			AND (@nsfw OR NOT (po.nsfw OR co.nsfw))`+reader.postSQL(args)+`
		ORDER BY po.published DESC, po.id DESC LIMIT 100`, args)
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[versionedPost])
	out := make([]Post, len(got))
	for i, r := range got {
		out[i] = r.post()
	}
	return out, wrap("list pinned posts", err)
}

// String encodes a cursor for a URL.
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	return strconv.FormatInt(c.ID, 10) + "_" + c.Key
}

// ParseCursor reads a cursor from a URL; a malformed one is ErrInvalid.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	id, key, ok := strings.Cut(s, "_")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 || key == "" || len(key) > 64 {
		return Cursor{}, fmt.Errorf("parse cursor %q: %w", s, ErrInvalid)
	}
	return Cursor{Key: key, ID: n}, nil
}

// PostVotes maps post id to a person's vote, for a page of posts.
func (s *Store) PostVotes(ctx context.Context, personID int64, postIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if personID == 0 || len(postIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT post_id, score FROM post_votes WHERE person_id = $1 AND post_id = ANY($2)`,
		personID, postIDs)
	if err != nil {
		return nil, wrap("get post votes", err)
	}
	var id int64
	var score int
	_, err = pgx.ForEachRow(rows, []any{&id, &score}, func() error { out[id] = score; return nil })
	return out, wrap("get post votes", err)
}

// PersonPosts lists a person's visible posts, newest first; NSFW ones only
// when asked.
func (s *Store) PersonPosts(ctx context.Context, personID int64, limit int, showNSFW bool) ([]Post, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+`
		WHERE po.creator_id = $1 AND NOT po.deleted AND NOT po.removed AND NOT co.deleted AND NOT co.removed
			AND ($3 OR NOT (po.nsfw OR co.nsfw))
		ORDER BY po.published DESC, po.id DESC LIMIT $2`, personID, limit, showNSFW)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Post])
	return out, wrap("list person posts", err)
}
