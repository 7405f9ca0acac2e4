package markdown

import (
	"html"
	"unicode/utf8"
)

// SanitizeMax is Sanitize for HTML that is kept: the result is at most max
// characters. The source is cut to max characters first, so that no more
// than that is ever parsed (the sanitizer closes whatever the cut leaves
// open, and drops a tag cut in two); should cleaning make it longer
// (escaping "&" as "&amp;", giving links their rel), the source is cut
// shorter in proportion and cleaned again. Past a few rounds, which only
// HTML made to grow takes, what is kept is the escaped text.
func (r *Renderer) SanitizeMax(htmlSrc string, max int) string {
	src := cutRunes(htmlSrc, max)
	out := r.Sanitize(src)
	for range 4 {
		n := utf8.RuneCountInString(out)
		if n <= max {
			return out
		}
		src = cutRunes(src, utf8.RuneCountInString(src)*max/n)
		out = r.Sanitize(src)
	}
	if utf8.RuneCountInString(out) <= max {
		return out
	}
	// Escaping makes a character at most five ("&amp;", "&#34;").
	return html.EscapeString(cutRunes(htmlToText(out), max/5))
}

// cutRunes is s cut to at most n characters.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
