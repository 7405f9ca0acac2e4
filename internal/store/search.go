package store

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
)

// SearchPosts finds visible posts matching words (web-search syntax:
// quotes, or, -word), best match first, using the full-text index, less
// what the reader leaves out.
func (s *Store) SearchPosts(ctx context.Context, q string, limit int, showNSFW bool, reader ReaderFilter) ([]Post, error) {
	args := pgx.NamedArgs{"q": q, "limit": limit, "nsfw": showNSFW}
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+`, websearch_to_tsquery('english', @q) AS query
		WHERE po.search_vector @@ query AND NOT po.deleted AND NOT po.removed AND NOT co.deleted AND NOT co.removed
			AND (@nsfw OR NOT (po.nsfw OR co.nsfw))`+reader.postSQL(args)+`
		ORDER BY ts_rank(po.search_vector, query) DESC, po.id DESC LIMIT @limit`, args)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Post])
	return out, wrap("search posts", err)
}

// SearchComments finds visible comments matching words, less what the
// reader leaves out (a blocked community's comments too).
func (s *Store) SearchComments(ctx context.Context, q string, limit int, reader ReaderFilter) ([]CommentWithPost, error) {
	args := pgx.NamedArgs{"q": q, "limit": limit}
	filter := reader.commentSQL(args)
	if reader.Blocks {
		filter += `
			AND NOT EXISTS (SELECT 1 FROM community_blocks xc WHERE xc.person_id = @reader AND xc.community_id = po.community_id OFFSET 0)
			AND NOT EXISTS (SELECT 1 FROM instance_blocks xj WHERE xj.person_id = @reader AND xj.instance_id = co.instance_id OFFSET 0)`
	}
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+`, po.title AS post_title `+commentFrom+`
		JOIN posts po ON po.id = cm.post_id JOIN communities co ON co.id = po.community_id,
			websearch_to_tsquery('english', @q) AS query
		WHERE cm.search_vector @@ query AND NOT cm.deleted AND NOT cm.removed AND NOT po.deleted AND NOT po.removed
			AND NOT co.deleted AND NOT co.removed`+filter+`
		ORDER BY ts_rank(cm.search_vector, query) DESC, cm.id DESC LIMIT @limit`, args)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[CommentWithPost])
	return out, wrap("search comments", err)
}

// likePattern matches q anywhere, with LIKE's wildcards taken literally.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

// SearchCommunities finds communities by name or title.
func (s *Store) SearchCommunities(ctx context.Context, q string, limit int) ([]Community, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+communityColumns+communityCounts+communityFrom+`
		WHERE (c.name ILIKE $1 OR c.title ILIKE $1) AND NOT c.deleted AND NOT c.removed
		ORDER BY c.local DESC, lower(c.name) LIMIT $2`, likePattern(q), limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Community])
	return out, wrap("search communities", err)
}

// SearchPeople finds people by name or display name.
func (s *Store) SearchPeople(ctx context.Context, q string, limit int) ([]Person, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+personFrom+`
		WHERE (p.name ILIKE $1 OR p.display_name ILIKE $1) AND NOT p.deleted
		ORDER BY p.local DESC, lower(p.name) LIMIT $2`, likePattern(q), limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Person])
	return out, wrap("search people", err)
}
