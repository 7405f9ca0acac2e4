package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ModAction is one entry of the moderation log. Zero ids are absent.
type ModAction struct {
	Action      string
	ModeratorID int64 // zero when the admin CLI, or a check of ours, acted
	// Automatic marks an action no person took: a check of ours did (it
	// took down content that its origin server disowns, say).
	Automatic      bool
	CommunityID    int64
	PostID         int64
	CommentID      int64
	TargetPersonID int64
	Reason         string
	// TargetName is what the target was called (a post's title, a
	// person's or community's name), for a purge, whose target and the
	// references to it are gone.
	TargetName string
	// ExpiresAt is when a ban ends; zero for never, and for other actions.
	ExpiresAt time.Time
}

// LogModAction appends to the moderation log.
func (s *Store) LogModAction(ctx context.Context, a ModAction) error {
	var expires *time.Time
	if !a.ExpiresAt.IsZero() {
		expires = &a.ExpiresAt
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO mod_actions (action, moderator_id, community_id, post_id, comment_id, target_person_id, reason,
			target_name, expires_at, automatic)
		VALUES ($1, nullif($2, 0), nullif($3, 0), nullif($4, 0), nullif($5, 0), nullif($6, 0), nullif($7, ''),
			nullif($8, ''), $9, $10)`,
		a.Action, a.ModeratorID, a.CommunityID, a.PostID, a.CommentID, a.TargetPersonID, a.Reason, a.TargetName,
		expires, a.Automatic)
	return wrap("log mod action "+a.Action, err)
}

// ModLogEntry is an entry of the moderation log with the names of what it
// refers to, as its page shows them. A zero id is absent, or gone: a purge
// takes the target with it, and keeps only its name.
type ModLogEntry struct {
	ID        int64      `db:"id"`
	Action    string     `db:"action"`
	CreatedAt time.Time  `db:"created_at"`
	Reason    string     `db:"reason"`
	ExpiresAt *time.Time `db:"expires_at"`
	Automatic bool       `db:"automatic"`
	// The moderator: a person stored here, or (ModeratorID zero) one since
	// purged, by the name kept, or nobody (the CLI, or a check of ours).
	ModeratorID     int64  `db:"moderator_id"`
	ModeratorName   string `db:"moderator_name"`
	ModeratorDomain string `db:"moderator_domain"`
	CommunityID     int64  `db:"community_id"`
	CommunityName   string `db:"community_name"`
	CommunityDomain string `db:"community_domain"`
	CommunityTitle  string `db:"community_title"`
	PostID          int64  `db:"post_id"`
	PostTitle       string `db:"post_title"`
	CommentID       int64  `db:"comment_id"`
	CommentText     string `db:"comment_text"` // the start of the comment's markdown
	TargetPersonID  int64  `db:"target_person_id"`
	TargetPerson    string `db:"target_person"`
	TargetDomain    string `db:"target_domain"`
	TargetName      string `db:"target_name"`
}

// ModLogCursor is where a page of the log begins: just after the entry at
// (CreatedAt, ID), so that entries logged since do not shift the pages.
type ModLogCursor struct {
	CreatedAt time.Time
	ID        int64
}

// String is the cursor as it stands in a URL.
func (c ModLogCursor) String() string {
	return strconv.FormatInt(c.CreatedAt.UnixMicro(), 10) + "_" + strconv.FormatInt(c.ID, 10)
}

// ParseModLogCursor reads what String wrote.
func ParseModLogCursor(s string) (ModLogCursor, bool) {
	t, id, ok := strings.Cut(s, "_")
	if !ok {
		return ModLogCursor{}, false
	}
	micros, err1 := strconv.ParseInt(t, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err1 != nil || err2 != nil || n <= 0 || micros < 0 {
		return ModLogCursor{}, false
	}
	return ModLogCursor{CreatedAt: time.UnixMicro(micros), ID: n}, true
}

// ModLogFilter narrows the log. Zero fields do not filter.
type ModLogFilter struct {
	CommunityID int64
	// PersonID keeps the entries about a person, and with
	// PersonModerated also those the person took as moderator.
	PersonID        int64
	PersonModerated bool
	Actions         []string
	After           *ModLogCursor
	Limit           int
	// ModeratorID keeps what one moderator did; PostID and CommentID
	// what was done to one post (or a comment in it) or one comment.
	ModeratorID, PostID, CommentID int64
	// Offset skips as many, for clients that number pages.
	Offset int
}

const modLogSelect = `SELECT m.id, m.action, m.created_at, coalesce(m.reason, '') AS reason, m.expires_at, m.automatic,
	coalesce(m.moderator_id, 0) AS moderator_id, coalesce(mp.name, m.moderator_name, '') AS moderator_name,
	coalesce(mi.domain, '') AS moderator_domain,
	coalesce(m.community_id, 0) AS community_id, coalesce(c.name, '') AS community_name,
	coalesce(ci.domain, '') AS community_domain, coalesce(c.title, '') AS community_title,
	coalesce(m.post_id, cm.post_id, 0) AS post_id, coalesce(p.title, '') AS post_title,
	coalesce(m.comment_id, 0) AS comment_id, coalesce(left(cm.body, 200), '') AS comment_text,
	coalesce(m.target_person_id, 0) AS target_person_id, coalesce(tp.name, '') AS target_person,
	coalesce(ti.domain, '') AS target_domain, coalesce(m.target_name, '') AS target_name
FROM mod_actions m
LEFT JOIN people mp ON mp.id = m.moderator_id LEFT JOIN instances mi ON mi.id = mp.instance_id
LEFT JOIN communities c ON c.id = m.community_id LEFT JOIN instances ci ON ci.id = c.instance_id
LEFT JOIN comments cm ON cm.id = m.comment_id
LEFT JOIN posts p ON p.id = coalesce(m.post_id, cm.post_id)
LEFT JOIN people tp ON tp.id = m.target_person_id LEFT JOIN instances ti ON ti.id = tp.instance_id`

// ModLog reads a page of the moderation log, newest first, and the cursor
// of the next page (nil on the last).
func (s *Store) ModLog(ctx context.Context, f ModLogFilter) ([]ModLogEntry, *ModLogCursor, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	// Only the filters asked for are in the query, so that each shape is
	// planned for the index that serves it.
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.CommunityID != 0 {
		where = append(where, "m.community_id = "+arg(f.CommunityID))
	}
	if f.PersonID != 0 {
		p := arg(f.PersonID)
		if f.PersonModerated {
			where = append(where, "(m.target_person_id = "+p+" OR m.moderator_id = "+p+")")
		} else {
			where = append(where, "m.target_person_id = "+p)
		}
	}
	if len(f.Actions) > 0 {
		where = append(where, "m.action = ANY ("+arg(f.Actions)+")")
	}
	if f.ModeratorID != 0 {
		where = append(where, "m.moderator_id = "+arg(f.ModeratorID))
	}
	if f.PostID != 0 {
		where = append(where, "coalesce(m.post_id, cm.post_id) = "+arg(f.PostID))
	}
	if f.CommentID != 0 {
		where = append(where, "m.comment_id = "+arg(f.CommentID))
	}
	if f.After != nil {
		where = append(where, "(m.created_at, m.id) < ("+arg(f.After.CreatedAt)+", "+arg(f.After.ID)+")")
	}
	sql := modLogSelect
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	sql += " ORDER BY m.created_at DESC, m.id DESC LIMIT " + arg(f.Limit+1) + " OFFSET " + arg(f.Offset)
	rows, _ := s.db.Query(ctx, sql, args...)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ModLogEntry])
	if err != nil {
		return nil, nil, wrap("read mod log", err)
	}
	if len(out) <= f.Limit {
		return out, nil, nil
	}
	out = out[:f.Limit]
	last := out[len(out)-1]
	return out, &ModLogCursor{CreatedAt: last.CreatedAt, ID: last.ID}, nil
}
