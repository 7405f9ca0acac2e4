package store

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Reading is how a person reads: what their listings and threads leave
// out and how they look. It comes with the session's user, so applying it
// costs no query of its own.
type Reading struct {
	ShowReadPosts   bool `db:"show_read_posts"`
	ShowScores      bool `db:"show_scores"`
	ShowBotAccounts bool `db:"show_bot_accounts"`
	BlurNSFW        bool `db:"blur_nsfw"`
	// DiscussionLanguages are the codes of the only languages shown,
	// beside undetermined, joined by commas; empty shows every language.
	// A string, not a slice, so that a LocalUser stays comparable (tests
	// and callers use it as a map key).
	DiscussionLanguages string `db:"discussion_languages"`
	// HasBlocks: the person blocks someone, a community or an instance.
	// Without any, listings skip the anti-joins for blocks altogether.
	HasBlocks bool `db:"has_blocks"`
}

const readingColumns = `u.show_read_posts, u.show_scores, u.show_bot_accounts, u.blur_nsfw,
	array_to_string(u.discussion_languages, ',') AS discussion_languages,
	(EXISTS (SELECT 1 FROM person_blocks WHERE person_id = u.person_id)
		OR EXISTS (SELECT 1 FROM community_blocks WHERE person_id = u.person_id)
		OR EXISTS (SELECT 1 FROM instance_blocks WHERE person_id = u.person_id)) AS has_blocks`

// Languages are the codes of DiscussionLanguages; nil for every language.
func (r Reading) Languages() []string {
	if r.DiscussionLanguages == "" {
		return nil
	}
	return strings.Split(r.DiscussionLanguages, ",")
}

// UpdateReading saves a person's reading preferences (HasBlocks aside,
// which follows their blocks), with the languages they read.
func (s *Store) UpdateReading(ctx context.Context, personID int64, r Reading, languages []string) error {
	if languages == nil {
		languages = []string{}
	}
	tag, err := s.db.Exec(ctx, `UPDATE local_users SET show_read_posts = $2, show_scores = $3,
			show_bot_accounts = $4, blur_nsfw = $5, discussion_languages = $6
		WHERE person_id = $1`, personID, r.ShowReadPosts, r.ShowScores, r.ShowBotAccounts, r.BlurNSFW, languages)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("update reading preferences", err)
}

// SetBot marks a person's account as a bot's or not; a bot's actor is a
// Service, and people who hide bots do not see what it writes.
func (s *Store) SetBot(ctx context.Context, personID int64, bot bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE people SET bot = $2 WHERE id = $1`, personID, bot)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set bot account", err)
}

// MarkPostRead records that a person opened a post, with how many
// comments it had then (for the apps' unread comments): one upsert, no
// write when nothing changed since the last visit.
func (s *Store) MarkPostRead(ctx context.Context, personID, postID int64) error {
	return s.MarkPostsRead(ctx, personID, []int64{postID})
}

// MarkPostsRead is MarkPostRead for several posts at once, as an app
// marks a page of them; ids of no post are skipped.
func (s *Store) MarkPostsRead(ctx context.Context, personID int64, postIDs []int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO post_reads (person_id, post_id, read_comments)
		SELECT $1, id, comments FROM posts WHERE id = ANY ($2)
		ON CONFLICT (person_id, post_id) DO UPDATE SET read_comments = EXCLUDED.read_comments
			WHERE post_reads.read_comments <> EXCLUDED.read_comments`, personID, postIDs)
	return wrap("mark posts read", err)
}

// MarkPostsUnread takes a person's read marks of posts back.
func (s *Store) MarkPostsUnread(ctx context.Context, personID int64, postIDs []int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM post_reads WHERE person_id = $1 AND post_id = ANY ($2)`, personID, postIDs)
	return wrap("mark posts unread", err)
}

// ReaderFilter is what a person's listings leave out. Its zero value
// leaves out nothing and adds nothing to a query, which is what logged-out
// readers and people without blocks or filters get.
type ReaderFilter struct {
	ReaderID int64
	// Blocks applies the reader's blocks of people, communities and
	// instances; set it only for readers who have some.
	Blocks bool
	// InCommunity: the listing is a community's own page, which its
	// reader opened on purpose; their block of the community, or of its
	// instance, does not empty it (the page says that it is blocked).
	// Blocked people, and a blocked instance's people in communities of
	// other instances, stay out.
	InCommunity bool
	HideRead    bool
	HideBots    bool
	Languages   []string
}

// ReaderFilterFor is the filter of a local user's preferences.
func ReaderFilterFor(u LocalUser) ReaderFilter {
	return ReaderFilter{ReaderID: u.ID, Blocks: u.HasBlocks, HideRead: !u.ShowReadPosts,
		HideBots: !u.ShowBotAccounts, Languages: u.Languages()}
}

// postSQL is the filter as conditions on a post listing's aliases (po, cr,
// co), adding its arguments to args; "" when it leaves out nothing.
//
// Each NOT EXISTS ends in OFFSET 0, which keeps it a subplan: a probe of
// its table's primary key for each row that the listing's index scan
// reads, until a page is full. As anti-joins, PostgreSQL planned them
// badly twice over: instance ids have so few distinct values that it took
// a block of one instance to leave no post, and sorted the whole table
// instead of reading the sort's index (over a minute at a million posts);
// and five more relations to join cost it more time to plan than the page
// took to read (9 ms against 0.5 ms).
func (f ReaderFilter) postSQL(args pgx.NamedArgs) string {
	if f.ReaderID == 0 {
		return ""
	}
	var b strings.Builder
	if f.Blocks || f.HideRead {
		args["reader"] = f.ReaderID
	}
	if f.Blocks {
		b.WriteString(`
		AND NOT EXISTS (SELECT 1 FROM person_blocks xb WHERE xb.person_id = @reader AND xb.target_id = po.creator_id OFFSET 0)`)
		if f.InCommunity {
			// A blocked instance's people stay out of other communities'
			// pages, but not out of their own instance's communities.
			b.WriteString(`
		AND NOT EXISTS (SELECT 1 FROM instance_blocks xi WHERE xi.person_id = @reader AND xi.instance_id = cr.instance_id
			AND cr.instance_id <> co.instance_id OFFSET 0)`)
		} else {
			b.WriteString(`
		AND NOT EXISTS (SELECT 1 FROM community_blocks xc WHERE xc.person_id = @reader AND xc.community_id = po.community_id OFFSET 0)
		AND NOT EXISTS (SELECT 1 FROM instance_blocks xi WHERE xi.person_id = @reader AND xi.instance_id = cr.instance_id OFFSET 0)
		AND NOT EXISTS (SELECT 1 FROM instance_blocks xj WHERE xj.person_id = @reader AND xj.instance_id = co.instance_id OFFSET 0)`)
		}
	}
	if f.HideRead {
		b.WriteString(`
		AND NOT EXISTS (SELECT 1 FROM post_reads xr WHERE xr.person_id = @reader AND xr.post_id = po.id OFFSET 0)`)
	}
	if f.HideBots {
		b.WriteString(` AND NOT cr.bot`)
	}
	if len(f.Languages) > 0 {
		args["languages"] = f.Languages
		b.WriteString(` AND (po.language = 'und' OR po.language = ANY (@languages))`)
	}
	return b.String()
}

// commentSQL is the filter as conditions on a comment list's aliases (cm,
// cr), written as postSQL's are; comments have no read state, and their
// community is not filtered.
func (f ReaderFilter) commentSQL(args pgx.NamedArgs) string {
	if f.ReaderID == 0 {
		return ""
	}
	var b strings.Builder
	if f.Blocks {
		args["reader"] = f.ReaderID
		b.WriteString(`
		AND NOT EXISTS (SELECT 1 FROM person_blocks xb WHERE xb.person_id = @reader AND xb.target_id = cm.creator_id OFFSET 0)
		AND NOT EXISTS (SELECT 1 FROM instance_blocks xi WHERE xi.person_id = @reader AND xi.instance_id = cr.instance_id OFFSET 0)`)
	}
	if f.HideBots {
		b.WriteString(` AND NOT cr.bot`)
	}
	if len(f.Languages) > 0 {
		args["languages"] = f.Languages
		b.WriteString(` AND (cm.language = 'und' OR cm.language = ANY (@languages))`)
	}
	return b.String()
}
