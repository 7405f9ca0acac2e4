package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// PurgeScope is what a purge deletes with its target: the posts and the
// comments (replies hang from their parents, so a comment takes the
// replies beneath it) and the votes on them or cast by a purged person.
type PurgeScope struct {
	Posts    int64 `db:"posts"`
	Comments int64 `db:"comments"`
	Votes    int64 `db:"votes"`
}

// The scopes count the rows the purges' cascades delete.
const (
	postScopeSQL = `SELECT 1::bigint AS posts,
		(SELECT count(*) FROM comments WHERE post_id = $1) AS comments,
		(SELECT count(*) FROM post_votes WHERE post_id = $1) + (SELECT count(*) FROM comment_votes WHERE post_id = $1)
			AS votes
		FROM posts WHERE id = $1`
	commentScopeSQL = `WITH gone AS (
			SELECT c.id FROM comments t JOIN comments c ON c.post_id = t.post_id AND t.id = ANY (c.path) WHERE t.id = $1)
		SELECT 0::bigint AS posts, (SELECT count(*) FROM gone) AS comments,
			(SELECT count(*) FROM comment_votes WHERE comment_id IN (SELECT id FROM gone)) AS votes
		FROM comments WHERE id = $1`
	personScopeSQL = `WITH own_posts AS (SELECT id FROM posts WHERE creator_id = $1),
		gone AS (
			SELECT c.id FROM comments c WHERE c.post_id IN (SELECT id FROM own_posts)
			UNION
			SELECT c.id FROM comments t JOIN comments c ON c.post_id = t.post_id AND t.id = ANY (c.path)
			WHERE t.creator_id = $1)
		SELECT (SELECT count(*) FROM own_posts) AS posts, (SELECT count(*) FROM gone) AS comments,
			(SELECT count(*) FROM post_votes WHERE person_id = $1 OR post_id IN (SELECT id FROM own_posts))
			+ (SELECT count(*) FROM comment_votes WHERE person_id = $1 OR comment_id IN (SELECT id FROM gone)) AS votes
		FROM people WHERE id = $1`
	communityScopeSQL = `SELECT (SELECT count(*) FROM posts WHERE community_id = $1) AS posts,
		(SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.community_id = $1) AS comments,
		(SELECT count(*) FROM post_votes v JOIN posts p ON p.id = v.post_id WHERE p.community_id = $1)
		+ (SELECT count(*) FROM comment_votes v JOIN posts p ON p.id = v.post_id WHERE p.community_id = $1) AS votes
		FROM communities WHERE id = $1`
)

func (s *Store) purgeScope(ctx context.Context, op, sql string, id int64) (PurgeScope, error) {
	rows, _ := s.db.Query(ctx, sql, id)
	out, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[PurgeScope])
	return out, wrap(op, err)
}

// PostPurgeScope is what purging a post deletes; ErrNotFound without it.
func (s *Store) PostPurgeScope(ctx context.Context, id int64) (PurgeScope, error) {
	return s.purgeScope(ctx, "count post purge", postScopeSQL, id)
}

// CommentPurgeScope is what purging a comment deletes.
func (s *Store) CommentPurgeScope(ctx context.Context, id int64) (PurgeScope, error) {
	return s.purgeScope(ctx, "count comment purge", commentScopeSQL, id)
}

// PersonPurgeScope is what purging a person deletes.
func (s *Store) PersonPurgeScope(ctx context.Context, id int64) (PurgeScope, error) {
	return s.purgeScope(ctx, "count person purge", personScopeSQL, id)
}

// CommunityPurgeScope is what purging a community deletes.
func (s *Store) CommunityPurgeScope(ctx context.Context, id int64) (PurgeScope, error) {
	return s.purgeScope(ctx, "count community purge", communityScopeSQL, id)
}

// The purges below delete for good, the only deletions Tidings makes.
// What the target owns goes by the schema's ON DELETE CASCADE, and so do
// the log entries that refer to it; the log entry of the purge, written
// after, keeps its name.

// PurgePost deletes a post with its comments and votes.
func (s *Store) PurgePost(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "purge post", `DELETE FROM posts WHERE id = $1`, id)
}

// PurgeComment deletes a comment with the replies beneath it and their
// votes.
func (s *Store) PurgeComment(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "purge comment", `DELETE FROM comments WHERE id = $1`, id)
}

// PurgePerson deletes a person with their account, sessions, posts,
// comments (and the replies beneath them), votes, follows, bans and
// moderator roles. The log entries they took as moderator stay, under the
// name they had.
func (s *Store) PurgePerson(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `UPDATE mod_actions m SET moderator_name = p.name || '@' || i.domain
		FROM people p JOIN instances i ON i.id = p.instance_id WHERE p.id = $1 AND m.moderator_id = p.id`, id)
	if err != nil {
		return wrap("keep purged moderator's name", err)
	}
	return s.deleteRow(ctx, "purge person", `DELETE FROM people WHERE id = $1`, id)
}

// PurgeCommunity deletes a community with its posts, comments, votes,
// follows, bans and moderators.
func (s *Store) PurgeCommunity(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "purge community", `DELETE FROM communities WHERE id = $1`, id)
}

func (s *Store) deleteRow(ctx context.Context, op, sql string, id int64) error {
	tag, err := s.db.Exec(ctx, sql, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap(op, err)
}
