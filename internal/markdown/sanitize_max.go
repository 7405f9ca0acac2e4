package markdown

import (
	"html"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/runes"
)

// SanitizeMax is Sanitize for HTML that is kept: the result is at most max
// characters. The source is cut to max characters first, so that no more
// than that is ever parsed (the sanitizer closes whatever the cut leaves
// open, and drops a tag cut in two); should cleaning make it longer
// (escaping "&" as "&amp;", giving links their rel), the source is cut
// shorter in proportion and cleaned again. Past a few rounds, which only
// HTML made to grow takes, what is kept is the escaped text.
func (r *Renderer) SanitizeMax(htmlSrc string, max int) string {
	src := runes.Cut(htmlSrc, max)
	out := r.Sanitize(src)
	for range 4 {
		n := utf8.RuneCountInString(out)
		if n <= max {
			return out
		}
		src = runes.Cut(src, utf8.RuneCountInString(src)*max/n)
		out = r.Sanitize(src)
	}
	if utf8.RuneCountInString(out) <= max {
		return out
	}
	// Escaping makes a character at most five ("&amp;", "&#34;").
	return html.EscapeString(runes.Cut(htmlToText(out), max/5))
}
