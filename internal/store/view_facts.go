package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// The client API shows every post and comment with its author and
// community whole, and with facts about both (is the author a moderator
// there, banned there, an admin). These read them for a whole page at
// once, a query per kind rather than per row.

// PeopleByIDs reads the people with these ids.
func (s *Store) PeopleByIDs(ctx context.Context, ids []int64) (map[int64]Person, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+personFrom+` WHERE p.id = ANY($1)`, ids)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[Person])
	out := make(map[int64]Person, len(list))
	for _, p := range list {
		out[p.ID] = p
	}
	return out, wrap("read people", err)
}

// CommunitiesByIDs reads the communities with these ids, with their counts.
func (s *Store) CommunitiesByIDs(ctx context.Context, ids []int64) (map[int64]Community, error) {
	return s.communitiesByIDs(ctx, communityCounts, ids)
}

// CommunitiesByIDsUncounted reads the communities with these ids without
// their counts (zero), for what shows a community beside a post or a
// comment: counting a busy community's posts costs more than the page.
func (s *Store) CommunitiesByIDsUncounted(ctx context.Context, ids []int64) (map[int64]Community, error) {
	return s.communitiesByIDs(ctx, communityNoCounts, ids)
}

func (s *Store) communitiesByIDs(ctx context.Context, counts string, ids []int64) (map[int64]Community, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+communityColumns+counts+communityFrom+` WHERE c.id = ANY($1)`, ids)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[Community])
	out := make(map[int64]Community, len(list))
	for _, c := range list {
		out[c.ID] = c
	}
	return out, wrap("read communities", err)
}

// MemberFacts is what a page of posts or comments says of their authors
// in their communities.
type MemberFacts struct {
	Moderator map[[2]int64]bool // [community, person]: moderates it
	Banned    map[[2]int64]bool // [community, person]: a community ban in force
	Admin     map[int64]bool    // person: an admin here
}

// ReadMemberFacts reads, for these communities and people, who moderates
// which, who is banned from which, and who is an admin.
func (s *Store) ReadMemberFacts(ctx context.Context, communityIDs, personIDs []int64) (MemberFacts, error) {
	f := MemberFacts{Moderator: map[[2]int64]bool{}, Banned: map[[2]int64]bool{}, Admin: map[int64]bool{}}
	var c, p int64
	rows, err := s.db.Query(ctx, `SELECT community_id, person_id FROM community_moderators
		WHERE community_id = ANY($1) AND person_id = ANY($2)`, communityIDs, personIDs)
	if err == nil {
		_, err = pgx.ForEachRow(rows, []any{&c, &p}, func() error { f.Moderator[[2]int64{c, p}] = true; return nil })
	}
	if err != nil {
		return f, wrap("read moderators", err)
	}
	rows, err = s.db.Query(ctx, `SELECT community_id, person_id FROM community_bans
		WHERE community_id = ANY($1) AND person_id = ANY($2) AND (expires_at IS NULL OR expires_at > now())`,
		communityIDs, personIDs)
	if err == nil {
		_, err = pgx.ForEachRow(rows, []any{&c, &p}, func() error { f.Banned[[2]int64{c, p}] = true; return nil })
	}
	if err != nil {
		return f, wrap("read community bans", err)
	}
	rows, err = s.db.Query(ctx, `SELECT person_id FROM local_users WHERE admin AND person_id = ANY($1)`, personIDs)
	if err == nil {
		_, err = pgx.ForEachRow(rows, []any{&p}, func() error { f.Admin[p] = true; return nil })
	}
	return f, wrap("read admins", err)
}

// PersonCounts is how many posts and comments a person has written.
type PersonCounts struct {
	Posts    int64
	Comments int64
}

// CountPersonContent counts each person's posts and comments that still
// stand.
func (s *Store) CountPersonContent(ctx context.Context, ids []int64) (map[int64]PersonCounts, error) {
	rows, _ := s.db.Query(ctx, `SELECT p.id,
		(SELECT count(*) FROM posts po WHERE po.creator_id = p.id AND NOT po.deleted AND NOT po.removed),
		(SELECT count(*) FROM comments cm WHERE cm.creator_id = p.id AND NOT cm.deleted AND NOT cm.removed)
		FROM people p WHERE p.id = ANY($1)`, ids)
	out := map[int64]PersonCounts{}
	var id int64
	var n PersonCounts
	_, err := pgx.ForEachRow(rows, []any{&id, &n.Posts, &n.Comments}, func() error { out[id] = n; return nil })
	return out, wrap("count person content", err)
}

// AdminPeople lists the site's admins, the first made first.
func (s *Store) AdminPeople(ctx context.Context) ([]Person, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+personFrom+`
		JOIN local_users u ON u.person_id = p.id WHERE u.admin AND NOT p.deleted ORDER BY u.created_at, p.id`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Person])
	return out, wrap("list admins", err)
}

// ModeratedCommunityIDs lists the communities a person moderates.
func (s *Store) ModeratedCommunityIDs(ctx context.Context, personID int64) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT community_id FROM community_moderators WHERE person_id = $1
		ORDER BY added_at, community_id`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return out, wrap("list moderated communities", err)
}

// SiteCounts is what the site's page counts beside nodeinfo's usage.
type SiteCounts struct {
	LocalInstanceID int64
	Communities     int64
	ActiveDay       int64
	ActiveWeek      int64
}

// CountSite counts local communities and the people active in the last
// day and week (who posted or commented), and finds the local instance.
func (s *Store) CountSite(ctx context.Context, host string) (SiteCounts, error) {
	var c SiteCounts
	err := s.db.QueryRow(ctx, `
		WITH activity AS (
			SELECT creator_id, published FROM posts WHERE local AND published > now() - interval '7 days'
			UNION ALL
			SELECT creator_id, published FROM comments WHERE local AND published > now() - interval '7 days'
		)
		SELECT coalesce((SELECT id FROM instances WHERE domain = $1), 0),
			(SELECT count(*) FROM communities WHERE local AND NOT deleted AND NOT removed),
			(SELECT count(DISTINCT creator_id) FROM activity WHERE published > now() - interval '1 day'),
			(SELECT count(DISTINCT creator_id) FROM activity)`, host).
		Scan(&c.LocalInstanceID, &c.Communities, &c.ActiveDay, &c.ActiveWeek)
	return c, wrap("count site", err)
}

// CommunityCommentCounts counts the standing comments in each community.
func (s *Store) CommunityCommentCounts(ctx context.Context, ids []int64) (map[int64]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT po.community_id, count(*) FROM comments cm JOIN posts po ON po.id = cm.post_id
		WHERE po.community_id = ANY($1) AND NOT cm.deleted AND NOT cm.removed GROUP BY po.community_id`, ids)
	out := map[int64]int64{}
	var id, n int64
	_, err := pgx.ForEachRow(rows, []any{&id, &n}, func() error { out[id] = n; return nil })
	return out, wrap("count community comments", err)
}

// CountUnreadNotificationKinds splits CountUnreadNotifications into
// replies and mentions, as the apps badge them apart.
func (s *Store) CountUnreadNotificationKinds(ctx context.Context, recipientID int64) (replies, mentions int, err error) {
	err = s.db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE n.kind = 'reply'), count(*) FILTER (WHERE n.kind = 'mention')`+
		notificationJoins+` WHERE n.recipient_id = $1 AND NOT n.read AND`+notificationShown, recipientID).Scan(&replies, &mentions)
	return replies, mentions, wrap("count unread notifications", err)
}
