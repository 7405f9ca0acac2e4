package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Handle names a person (@name@domain) or a community (!name@domain) as
// people write them; Domain is "" for one of ours, and otherwise in the
// canonical form instances are stored in.
type Handle struct {
	Community bool
	Name      string
	Domain    string
}

// HandleActor is the stored actor a Handle names.
type HandleActor struct {
	Handle        // as asked for
	APID   string // the actor's id
	// Name and Domain are the actor's as stored: its name's spelling,
	// which a handle may write in another case, and its instance.
	Name, Domain string
	// Gone: a deleted person, or a deleted or removed community.
	Gone bool
}

// ActorsByHandle finds the actors that handles name, in one query, however
// many there are: names compare without case, as everywhere. Handles that
// name nobody stored are left out.
func (s *Store) ActorsByHandle(ctx context.Context, handles []Handle) ([]HandleActor, error) {
	if len(handles) == 0 {
		return nil, nil
	}
	community := make([]bool, len(handles))
	names := make([]string, len(handles))
	domains := make([]string, len(handles))
	for i, h := range handles {
		community[i], names[i], domains[i] = h.Community, h.Name, h.Domain
	}
	// Each branch follows an index: (instance_id, lower(name)) for another
	// server's actors, lower(name) WHERE local for ours.
	rows, _ := s.db.Query(ctx, `
		WITH h AS (SELECT * FROM unnest($1::boolean[], $2::text[], $3::text[]) AS h(community, name, domain))
		SELECT false AS community, h.name AS handle_name, h.domain AS handle_domain, p.ap_id, p.name, i.domain,
			p.deleted AS gone
		FROM h JOIN instances i ON i.domain = lower(h.domain)
		JOIN people p ON p.instance_id = i.id AND lower(p.name) = lower(h.name)
		WHERE NOT h.community AND h.domain <> ''
		UNION ALL
		SELECT false, h.name, h.domain, p.ap_id, p.name, i.domain, p.deleted
		FROM h JOIN people p ON p.local AND lower(p.name) = lower(h.name) JOIN instances i ON i.id = p.instance_id
		WHERE NOT h.community AND h.domain = ''
		UNION ALL
		SELECT true, h.name, h.domain, c.ap_id, c.name, i.domain, c.deleted OR c.removed
		FROM h JOIN instances i ON i.domain = lower(h.domain)
		JOIN communities c ON c.instance_id = i.id AND lower(c.name) = lower(h.name)
		WHERE h.community AND h.domain <> ''
		UNION ALL
		SELECT true, h.name, h.domain, c.ap_id, c.name, i.domain, c.deleted OR c.removed
		FROM h JOIN communities c ON c.local AND lower(c.name) = lower(h.name) JOIN instances i ON i.id = c.instance_id
		WHERE h.community AND h.domain = ''`,
		community, names, domains)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (HandleActor, error) {
		var a HandleActor
		err := row.Scan(&a.Community, &a.Handle.Name, &a.Handle.Domain, &a.APID, &a.Name, &a.Domain, &a.Gone)
		return a, err
	})
	return out, wrap("find actors by handle", err)
}

// MentionInboxes are the inboxes of the remote people among apIDs, in
// their order, one query however many: a person's shared inbox where they
// have one, else their own (GoToSocial's accounts have none). Local
// people, deleted ones, those of instances we do not federate with, and
// ids of no person stored here are left out.
func (s *Store) MentionInboxes(ctx context.Context, apIDs []string) ([]string, error) {
	if len(apIDs) == 0 {
		return nil, nil
	}
	rows, _ := s.db.Query(ctx, `
		SELECT coalesce(nullif(p.shared_inbox_url, ''), p.inbox_url)
		FROM unnest($1::text[]) WITH ORDINALITY AS m(ap_id, n)
		JOIN people p ON p.ap_id = m.ap_id JOIN instances i ON i.id = p.instance_id
		WHERE NOT p.local AND NOT p.deleted AND NOT `+refusedSQL+` AND p.inbox_url <> ''
		ORDER BY m.n`, apIDs)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return out, wrap("find the inboxes of mentioned people", err)
}
