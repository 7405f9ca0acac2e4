package web

import (
	"context"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/tidings/tidings/internal/store"
)

// A thread page reads its comments in three steps, each skipped when what
// it would read is already kept: the thread's version (store.ThreadVersion,
// always); the outline, kept by post under that version; and the HTML of
// the comments the outline names, kept by comment and row version. A vote
// on one comment thus costs a new outline but one comment's HTML, and an
// unchanged thread costs a 32-byte answer. Nothing kept is ever wrong for
// its version, so server processes sharing a database need not tell each
// other anything.

// Sizes of the caches: at about 600 bytes of HTML a comment, some 12 MB of
// comments and the outlines of the busiest hundred threads.
const (
	commentHTMLEntries = 20_000
	outlineEntries     = 100
)

// commentVersion names a comment's HTML as of one version of its row.
type commentVersion struct{ id, version int64 }

// threadOutline is a thread's comments, HTML filled in, as of version.
type threadOutline struct {
	version  string
	comments []store.Comment
}

// threadCaches are what a process keeps of threads.
type threadCaches struct {
	html     *lru.Cache[commentVersion, string]
	outlines *lru.Cache[int64, threadOutline]
}

func newThreadCaches() threadCaches {
	html, err := lru.New[commentVersion, string](commentHTMLEntries)
	if err != nil {
		panic(err) // only for a size below one
	}
	outlines, err := lru.New[int64, threadOutline](outlineEntries)
	if err != nil {
		panic(err)
	}
	return threadCaches{html: html, outlines: outlines}
}

// threadComments reads a post's comments for its page, parents first. The
// slice is shared with other requests: callers must not change it.
func (h *Handler) threadComments(ctx context.Context, postID int64) ([]store.Comment, error) {
	version, err := h.store.ThreadVersion(ctx, postID)
	if err != nil {
		return nil, err
	}
	if o, ok := h.threads.outlines.Get(postID); ok && o.version == version {
		return o.comments, nil
	}
	outline, err := h.store.ThreadOutline(ctx, postID)
	if err != nil {
		return nil, err
	}
	comments := make([]store.Comment, len(outline))
	var missing []int64
	at := make(map[int64]int)
	for i, o := range outline {
		comments[i] = o.Comment
		if html, ok := h.threads.html.Get(commentVersion{o.ID, o.Version}); ok {
			comments[i].BodyHTML = html
			continue
		}
		missing = append(missing, o.ID)
		at[o.ID] = i
	}
	if len(missing) > 0 {
		fresh, err := h.store.CommentsHTML(ctx, missing)
		if err != nil {
			return nil, err
		}
		for _, f := range fresh {
			// A comment edited since the outline was read comes with its
			// new version, and is kept under that one.
			h.threads.html.Add(commentVersion{f.ID, f.Version}, f.HTML)
			comments[at[f.ID]].BodyHTML = f.HTML
		}
	}
	// Kept under the version read first: if the thread changed in
	// between, the next request reads a newer version and reads again.
	h.threads.outlines.Add(postID, threadOutline{version: version, comments: comments})
	return comments, nil
}
