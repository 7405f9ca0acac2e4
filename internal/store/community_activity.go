package store

import "context"

// RefreshCommunityActivity recounts each local community's monthly active
// users (people who posted, commented or voted in it in the last 30 days),
// as Lemmy's users_active_month, and copies changed counts to the posts that
// the Scaled sort ranks with. It reports how many communities changed.
func (s *Store) RefreshCommunityActivity(ctx context.Context) (int64, error) {
	tag, err := s.db.Exec(ctx, `
		WITH active AS (
			SELECT c.id, (
				SELECT count(DISTINCT person) FROM (
					SELECT po.creator_id AS person FROM posts po
					WHERE po.community_id = c.id AND po.published > now() - interval '30 days'
					UNION ALL
					SELECT cm.creator_id FROM comments cm JOIN posts po ON po.id = cm.post_id
					WHERE po.community_id = c.id AND cm.published > now() - interval '30 days'
					UNION ALL
					SELECT v.person_id FROM post_votes v JOIN posts po ON po.id = v.post_id
					WHERE po.community_id = c.id AND v.published > now() - interval '30 days'
				) people) AS n
			FROM communities c WHERE c.local
		), changed AS (
			UPDATE communities c SET users_active_month = a.n
			FROM active a WHERE c.id = a.id AND c.users_active_month <> a.n
			RETURNING c.id, c.users_active_month
		), posts_changed AS (
			UPDATE posts po SET community_active_users = ch.users_active_month
			FROM changed ch WHERE po.community_id = ch.id
		)
		SELECT 1 FROM changed`)
	return tag.RowsAffected(), wrap("refresh community activity", err)
}
