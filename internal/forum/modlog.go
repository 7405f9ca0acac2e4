package forum

import (
	"context"

	"github.com/tidings/tidings/internal/store"
)

// ModLogKind is a kind of action the moderation log is filtered by, as
// Lemmy's modlog offers them: an action and its reversal go together.
type ModLogKind struct {
	Name    string
	Label   string
	Actions []string
}

// ModLogKinds are the log's kinds of action, in the order pages list them.
var ModLogKinds = []ModLogKind{
	{"remove_post", "Post removals", []string{"remove_post", "restore_post"}},
	{"lock_post", "Post locks", []string{"lock_post", "unlock_post"}},
	{"feature_post", "Pins", []string{"feature_post", "unfeature_post", "feature_post_local", "unfeature_post_local"}},
	{"nsfw", "NSFW marks", []string{"mark_post_nsfw", "unmark_post_nsfw"}},
	{"remove_comment", "Comment removals", []string{"remove_comment", "restore_comment"}},
	{"lock_comment", "Comment locks", []string{"lock_comment", "unlock_comment"}},
	{"ban_from_community", "Community bans", []string{"ban_from_community", "unban_from_community"}},
	{"moderator", "Moderators", []string{"add_moderator", "remove_moderator", "transfer_community"}},
	{"community", "Community changes", []string{"update_community", "remove_community", "restore_community"}},
	{"ban_from_site", "Site bans", []string{"ban_from_site", "unban_from_site"}},
	{"admin", "Admins", []string{"add_admin", "remove_admin"}},
	{"purge", "Purges", []string{"purge_post", "purge_comment", "purge_person", "purge_community"}},
}

// ModLogQuery is what a reader asks of the log; zero fields do not filter.
type ModLogQuery struct {
	CommunityID int64
	// PersonID keeps what was done to a person, and what they did as a
	// moderator unless the site hides moderators from this reader.
	PersonID int64
	Kind     string // a ModLogKind's Name
	// Actions keeps these actions (as the log names them), when Kind is
	// not given.
	Actions []string
	// ModeratorID keeps what one moderator did, unless the site hides
	// moderators from this reader; PostID and CommentID what was done to
	// one post or comment.
	ModeratorID, PostID, CommentID int64
	After                          *store.ModLogCursor
	Offset, Limit                  int
}

// ModLogPage is a page of the log as one reader may see it.
type ModLogPage struct {
	Entries []store.ModLogEntry
	Next    *store.ModLogCursor
	// NamesHidden: the site hides who moderated from this reader, and the
	// entries name nobody.
	NamesHidden bool
}

// ModLog reads a page of the public moderation log, newest first. When the
// site hides moderators' names (as Lemmy's hide_modlog_mod_names does),
// only admins, and a community's moderators reading its log, see them;
// for others the entries name no moderator, and a person's log lists only
// what was done to them, so that the filter gives nobody away either.
func (s *Service) ModLog(ctx context.Context, viewer *store.LocalUser, q ModLogQuery) (ModLogPage, error) {
	f := store.ModLogFilter{CommunityID: q.CommunityID, PersonID: q.PersonID, After: q.After, Limit: q.Limit,
		Actions: q.Actions, ModeratorID: q.ModeratorID, PostID: q.PostID, CommentID: q.CommentID, Offset: q.Offset}
	if q.Kind != "" {
		for _, k := range ModLogKinds {
			if k.Name == q.Kind {
				f.Actions = k.Actions
			}
		}
		if f.Actions == nil {
			return ModLogPage{}, inputErr("type", "there is no kind of action called %q in the log", q.Kind)
		}
	}
	hidden, err := s.modNamesHidden(ctx, viewer, q.CommunityID)
	if err != nil {
		return ModLogPage{}, err
	}
	f.PersonModerated = !hidden
	if hidden {
		f.ModeratorID = 0
	}
	entries, next, err := s.store.ModLog(ctx, f)
	if err != nil {
		return ModLogPage{}, err
	}
	if hidden {
		for i := range entries {
			entries[i].ModeratorID, entries[i].ModeratorName, entries[i].ModeratorDomain = 0, "", ""
		}
	}
	return ModLogPage{Entries: entries, Next: next, NamesHidden: hidden}, nil
}

// modNamesHidden decides whether viewer may not see who moderated.
func (s *Service) modNamesHidden(ctx context.Context, viewer *store.LocalUser, communityID int64) (bool, error) {
	site, err := s.store.GetSite(ctx)
	if err != nil || !site.HideModlogModNames {
		return false, err
	}
	if viewer == nil {
		return true, nil
	}
	if viewer.Admin {
		return false, nil
	}
	if communityID == 0 {
		return true, nil
	}
	mod, err := s.store.IsModerator(ctx, communityID, viewer.ID)
	return !mod, err
}
