package web

import (
	"bytes"
	"html/template"

	lru "github.com/hashicorp/golang-lru/v2"
)

// A listing's rows are its page's costliest part to render: html/template
// reaches every field and function of a row by reflection. So each row's
// markup is kept, keyed by all that goes into it: the post's version
// (store.Post.Version, read in the listing's own query, so a vote, an edit
// or a removal in any server process gives a new key), what its relative
// time reads now, and the reader's side of it (their vote, their save,
// their display preferences). A reader's own vote is in the key, never
// only in the value, so one reader's markup never reaches another unless
// everything it shows of them is the same.

// rowEntries bounds the rows a process keeps: a few hundred listing pages.
const rowEntries = 5_000

// rowKey is everything templates/post_row.html reads of a postRow.
type rowKey struct {
	id        int64
	version   string
	ago       string // the published time as the row words it now
	vote      int    // the reader's
	save      int    // 0: no save button (logged out), 1: save, 2: unsave
	back      string // where the save button returns to
	pinned    bool
	blur      bool
	hideScore bool
	// The picture beside it, which comes from another table (a remote
	// picture kept here since, or purged) and so not with the version.
	thumb img
}

func newRowKey(r postRow) rowKey {
	k := rowKey{id: r.Post.ID, version: r.Post.Version, ago: relTime(r.Post.Published), pinned: r.Pinned, blur: r.Blur,
		hideScore: r.Vote.HideScore}
	if r.Thumb != nil {
		k.thumb = *r.Thumb
	}
	switch {
	case r.Vote.UpOn:
		k.vote = 1
	case r.Vote.DownOn:
		k.vote = -1
	}
	if r.Save != nil {
		k.save, k.back = 1, r.Save.Return
		if r.Save.Saved {
			k.save = 2
		}
	}
	return k
}

type rowCache = lru.Cache[rowKey, string]

func newRowCache() *rowCache {
	c, err := lru.New[rowKey, string](rowEntries)
	if err != nil {
		panic(err) // only for a size below one
	}
	return c
}

// rowsHTML renders a listing's rows with the page's post_row template,
// reusing the markup of rows rendered before.
func (h *Handler) rowsHTML(page string, rows []postRow) (template.HTML, error) {
	var b bytes.Buffer
	for _, r := range rows {
		k := newRowKey(r)
		html, ok := h.rows.Get(k)
		if !ok || k.version == "" {
			var err error
			if html, err = h.pages.Fragment(page, "post_row", r); err != nil {
				return "", err
			}
			if k.version != "" {
				h.rows.Add(k, html)
			}
		}
		b.WriteString(html)
	}
	return template.HTML(b.String()), nil //nolint:gosec // rendered by html/template
}
