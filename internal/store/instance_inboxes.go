package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// InstanceInboxes lists one shared inbox per remote instance we federate
// with, as its people and communities publish it: where an activity for
// every instance goes (a site ban, as Lemmy sends one to every instance
// it knows). An instance whose actors have no shared inbox (GoToSocial,
// say: the one stored is then their own inbox) is left out, as Lemmy
// leaves out software without an instance actor: it would not understand
// such an activity.
func (s *Store) InstanceInboxes(ctx context.Context) ([]string, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT DISTINCT ON (x.instance_id) x.inbox FROM (
			SELECT instance_id, inbox, count(*) AS n FROM (
				SELECT instance_id, shared_inbox_url AS inbox FROM people
				WHERE NOT local AND shared_inbox_url <> inbox_url
				UNION ALL
				SELECT instance_id, shared_inbox_url FROM communities
				WHERE NOT local AND shared_inbox_url <> inbox_url) a
			GROUP BY instance_id, inbox) x
		JOIN instances i ON i.id = x.instance_id
		WHERE NOT `+refusedSQL+`
		ORDER BY x.instance_id, x.n DESC, x.inbox`)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return out, wrap("list instance inboxes", err)
}
