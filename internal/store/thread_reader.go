package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ThreadReader is a logged-in reader's side of a thread: their votes and
// saves on the post and its comments, and which of its authors they block
// (themselves or by their instance).
type ThreadReader struct {
	PostVote     int
	PostSaved    bool
	CommentVotes map[int64]int
	Saved        map[int64]bool // comment ids
	Blocked      map[int64]bool // person ids, the post's author among them
}

// ReadThreadReader reads all of a reader's side of a thread in one round
// trip, which on a busy server costs more than the lookups themselves;
// blocks are looked for only when the reader has any.
func (s *Store) ReadThreadReader(ctx context.Context, personID, postID int64, hasBlocks bool) (ThreadReader, error) {
	r := ThreadReader{CommentVotes: map[int64]int{}, Saved: map[int64]bool{}, Blocked: map[int64]bool{}}
	rows, _ := s.db.Query(ctx, `
		SELECT 'post_vote', post_id, score::int FROM post_votes WHERE post_id = $2 AND person_id = $1
		UNION ALL SELECT 'post_saved', post_id, 1 FROM saved_posts WHERE person_id = $1 AND post_id = $2
		UNION ALL SELECT 'vote', comment_id, score::int FROM comment_votes WHERE person_id = $1 AND post_id = $2
		UNION ALL SELECT 'saved', sc.comment_id, 1 FROM saved_comments sc JOIN comments cm ON cm.id = sc.comment_id
			WHERE sc.person_id = $1 AND cm.post_id = $2
		UNION ALL SELECT 'blocked', p.id, 1 FROM people p
			WHERE $3 AND p.id IN (SELECT creator_id FROM comments WHERE post_id = $2 UNION SELECT creator_id FROM posts WHERE id = $2)
			AND (EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = $1 AND b.target_id = p.id)
				OR EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = $1 AND ib.instance_id = p.instance_id))`,
		personID, postID, hasBlocks)
	var kind string
	var id int64
	var n int
	_, err := pgx.ForEachRow(rows, []any{&kind, &id, &n}, func() error {
		switch kind {
		case "post_vote":
			r.PostVote = n
		case "post_saved":
			r.PostSaved = true
		case "vote":
			r.CommentVotes[id] = n
		case "saved":
			r.Saved[id] = true
		case "blocked":
			r.Blocked[id] = true
		}
		return nil
	})
	return r, wrap("read the reader's side of a thread", err)
}
