package e2e_test

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
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

// subscribe has the user of c find the community name on the instance at
// host by its handle and follow it through the subscribe form, and waits
// for the community's Accept. It returns the community's path on c's
// instance.
func subscribe(t *testing.T, c *fedtest.Client, name, host string) string {
	t.Helper()
	handle := "!" + name + "@" + host
	found := c.Get(t, "/search?q="+url.QueryEscape(handle))
	remote := "/c/" + url.PathEscape(name+"@"+host)
	if found.Status != 303 || found.Location != remote {
		t.Fatalf("search %s: %d to %q, want 303 to %s\n%s", handle, found.Status, found.Location, remote, found.Body)
	}
	if resp := c.PostForm(t, remote+"/subscribe", url.Values{}); resp.Status != 303 {
		t.Fatalf("subscribe: %d\n%s", resp.Status, resp.Body)
	}
	fedtest.WaitFor(t, deliveryTimeout, host+" accepts the follow of "+handle, func() (bool, string) {
		page := c.Get(t, remote)
		return strings.Contains(page.Body, ">Unsubscribe<"), between(page.Body, "<form method=\"post\" action=\""+remote, "</form>")
	})
	return remote
}

var listedPost = regexp.MustCompile(`<a href="/post/(\d+)">([^<]*)</a>`)

// listed finds the post whose title contains title in a listing page, and
// returns its local path and the listing's comment count ("2 comments"),
// or "" when it is not listed.
func listed(page, title string) (path, comments string) {
	id := ""
	for _, m := range listedPost.FindAllStringSubmatch(page, -1) {
		switch {
		case id == "" && strings.Contains(html.UnescapeString(m[2]), title):
			id = m[1]
		case id != "" && m[1] == id && strings.Contains(m[2], "comment"):
			return "/post/" + id, m[2]
		}
	}
	if id == "" {
		return "", ""
	}
	return "/post/" + id, ""
}
