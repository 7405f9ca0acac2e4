// Package runes cuts text to a number of characters. Every limit here
// (a title, a reason, what another server may make us parse) counts
// characters, as PostgreSQL's char_length and Lemmy's limits do, and a
// cut must never split one: half a character is not UTF-8, which
// PostgreSQL refuses. It is a package of its own because markdown and
// activitypub, which both cut text, import nothing of ours to hold it.
package runes

// Cut is s cut to at most n characters (runes), never inside one; s itself
// when it is no longer. It reads no further than the cut.
func Cut(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s // n bytes hold at most n characters
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
