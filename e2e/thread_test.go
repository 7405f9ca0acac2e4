package e2e_test

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

var (
	threadToken = regexp.MustCompile(`(?s)<ol class="comment-tree">|</ol>|<li class="comment" id="c(\d+)">|` +
		`<a class="author" href="[^"]*">([^<]*)</a>|<span class="score"[^>]*>(-?\d+)</span>|` +
		`<div class="md">(.*?)</div>|<p class="gone">([^<]*)</p>`)
	tags     = regexp.MustCompile(`<[^>]*>`)
	titleTag = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
)

// renderThread is what a reader sees of a thread page, one line per
// comment indented by depth, with the authors' full handles (host is the
// instance the page is from), so that two instances' pages compare equal
// when they show the same thing.
func renderThread(page, host string) string {
	var out strings.Builder
	if m := titleTag.FindStringSubmatch(page); m != nil {
		fmt.Fprintf(&out, "post %q", text(m[1]))
	}
	depth, inTree, inComment, scored := 0, false, false, false
	for _, m := range threadToken.FindAllStringSubmatch(page, -1) {
		switch {
		case m[0] == `<ol class="comment-tree">`:
			depth++
			inTree = true
		case m[0] == "</ol>":
			if depth > 0 {
				depth--
			}
		case m[1] != "":
			inComment, scored = true, false
			fmt.Fprintf(&out, "\n%s-", strings.Repeat("  ", depth))
		case m[2] != "" && inComment:
			name := html.UnescapeString(m[2])
			if !strings.Contains(name, "@") {
				name += "@" + host
			}
			fmt.Fprintf(&out, " %s", name)
		case m[3] != "" && !scored:
			// The first score in the page is the post's, then each comment's.
			fmt.Fprintf(&out, " [%s]", m[3])
			scored = true
		case (m[4] != "" || m[5] != "") && inTree && inComment:
			fmt.Fprintf(&out, " %q", text(m[4]+m[5]))
		}
	}
	return out.String()
}

func text(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, " "))), " ")
}

// commentID is the local id of the comment on page whose text contains s.
func commentID(t *testing.T, page, s string) string {
	t.Helper()
	i := strings.Index(page, s)
	if i < 0 {
		t.Fatalf("no comment %q on the page", s)
	}
	j := strings.LastIndex(page[:i], `<li class="comment" id="c`)
	if j < 0 {
		t.Fatalf("comment %q is not in the thread", s)
	}
	rest := page[j+len(`<li class="comment" id="c`):]
	return rest[:strings.Index(rest, `"`)]
}

// between is the text of s from start to end, for failure messages.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
