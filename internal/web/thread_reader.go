package web

import (
	"context"
	"slices"

	"github.com/tidings/tidings/internal/store"
)

// threadReader is what a logged-in reader brings to a thread: what they
// saved, whom they block, and what they chose not to read. Its zero value,
// for everyone else, changes nothing and costs nothing.
type threadReader struct {
	saved map[int64]bool // comment ids
	// blocked are the comment authors the reader blocks, by themselves or
	// by their instance: their comments collapse to "blocked", their
	// replies stay.
	blocked    map[int64]bool
	hideBots   bool
	languages  []string
	hideScores bool
}

// newThreadReaderOf is a reader with their side of a whole thread, read
// with the post (see store.ReadThreadReader).
func newThreadReaderOf(u store.LocalUser, mine store.ThreadReader) threadReader {
	rd := readerPreferences(u)
	rd.saved, rd.blocked = mine.Saved, mine.Blocked
	return rd
}

func readerPreferences(u store.LocalUser) threadReader {
	return threadReader{hideBots: !u.ShowBotAccounts, languages: u.Languages(), hideScores: !u.ShowScores}
}

// newThreadReader reads the reader's saves and blocks among some of a
// thread's comments: one query, two when they block anyone.
func (h *Handler) newThreadReader(ctx context.Context, u *store.LocalUser, postID int64, comments []store.Comment) (threadReader, error) {
	if u == nil {
		return threadReader{}, nil
	}
	rd := readerPreferences(*u)
	var err error
	if rd.saved, err = h.store.SavedCommentsInPost(ctx, u.ID, postID); err != nil {
		return rd, err
	}
	if u.HasBlocks && len(comments) > 0 {
		authors := make([]int64, 0, len(comments))
		for _, c := range comments {
			authors = append(authors, c.CreatorID)
		}
		if rd.blocked, err = h.store.BlockedAmong(ctx, u.ID, authors); err != nil {
			return rd, err
		}
	}
	return rd, nil
}

// unread tells why the reader leaves a comment unread: "" to read it.
func (rd threadReader) unread(c store.Comment) string {
	switch {
	case rd.blocked[c.CreatorID]:
		return "blocked"
	case rd.hideBots && c.CreatorBot:
		return "bot"
	case len(rd.languages) > 0 && c.Language != "und" && !slices.Contains(rd.languages, c.Language):
		return "language"
	}
	return ""
}
