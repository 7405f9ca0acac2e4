package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ReaderFacts are what one reader brings to a page of posts or comments:
// what they saved and read, and whom and what they block.
type ReaderFacts struct {
	SavedPosts    map[int64]bool
	SavedComments map[int64]bool
	// ReadComments is, for each post the reader has read, how many
	// comments it had when they last opened it.
	ReadComments map[int64]int
	// BlockedPeople are the people the reader blocks, by themselves or by
	// their instance.
	BlockedPeople      map[int64]bool
	BlockedCommunities map[int64]bool
}

// ReadReaderFacts reads a reader's facts about these posts, comments,
// people and communities in one round trip, each part a probe of a
// primary key per id; blocks only when hasBlocks, as most people have
// none.
func (s *Store) ReadReaderFacts(ctx context.Context, readerID int64, hasBlocks bool, postIDs, commentIDs, peopleIDs, communityIDs []int64) (ReaderFacts, error) {
	f := ReaderFacts{SavedPosts: map[int64]bool{}, SavedComments: map[int64]bool{}, ReadComments: map[int64]int{},
		BlockedPeople: map[int64]bool{}, BlockedCommunities: map[int64]bool{}}
	if readerID == 0 {
		return f, nil
	}
	if !hasBlocks {
		peopleIDs, communityIDs = nil, nil
	}
	// kind: 1 saved post, 2 saved comment, 3 read post, 4 blocked person,
	// 5 blocked community; n is the read post's comment count.
	rows, _ := s.db.Query(ctx, `
		SELECT 1, post_id, 0 FROM saved_posts WHERE person_id = $1 AND post_id = ANY ($2)
		UNION ALL SELECT 2, comment_id, 0 FROM saved_comments WHERE person_id = $1 AND comment_id = ANY ($3)
		UNION ALL SELECT 3, post_id, read_comments FROM post_reads WHERE person_id = $1 AND post_id = ANY ($2)
		UNION ALL SELECT 4, p.id, 0 FROM people p WHERE p.id = ANY ($4) AND (
			EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = $1 AND b.target_id = p.id)
			OR EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = $1 AND ib.instance_id = p.instance_id))
		UNION ALL SELECT 5, community_id, 0 FROM community_blocks WHERE person_id = $1 AND community_id = ANY ($5)`,
		readerID, postIDs, commentIDs, peopleIDs, communityIDs)
	var kind, n int
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&kind, &id, &n}, func() error {
		switch kind {
		case 1:
			f.SavedPosts[id] = true
		case 2:
			f.SavedComments[id] = true
		case 3:
			f.ReadComments[id] = n
		case 4:
			f.BlockedPeople[id] = true
		case 5:
			f.BlockedCommunities[id] = true
		}
		return nil
	})
	return f, wrap("read reader facts", err)
}

// SavedCommentsOf is a page of the comments a person saved, newest saved
// first, for the apps' saved list.
func (s *Store) SavedCommentsOf(ctx context.Context, personID int64, limit, offset int) ([]Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+commentFrom+`
		JOIN saved_comments sc ON sc.comment_id = cm.id AND sc.person_id = $1
		ORDER BY sc.saved_at DESC, cm.id DESC LIMIT $2 OFFSET $3`, personID, limit, offset)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	return out, wrap("list saved comments", err)
}
