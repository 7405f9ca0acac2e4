package web

import (
	"strings"
	"testing"
)

// The comment tree is written by hand, so its escaping is tested here
// directly, with every field hostile.
func TestCommentTreeEscapesEverything(t *testing.T) {
	t.Parallel()
	evil := `"><script>alert(1)</script><img src=x onerror=alert(2)>`
	c := &commentView{
		ID: 7, PostID: 3, Author: evil, AuthorPath: "/u/" + evil, Points: evil,
		Published: when{ISO: evil, Exact: evil, Ago: evil}, Edited: &when{Exact: evil},
		Language: evil, BodyHTML: "<p>kept</p>", FediLink: "javascript:alert(3)",
		Mine: true, CanReply: true, ReplyLabel: evil, MoreText: evil,
		Vote: newVote("comment", 7, 1, 1, 0, 1, evil),
	}
	got := string(treeHTML([]*commentView{c}))
	for _, bad := range []string{"<script", "<img", "javascript:"} {
		if strings.Contains(got, bad) {
			t.Errorf("rendered tree contains %q:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, "&lt;script&gt;") || !strings.Contains(got, "<p>kept</p>") {
		t.Errorf("text not escaped, or stored HTML not kept:\n%s", got)
	}
	c.FediLink = "https://lemmy.example/comment/1"
	if got := string(treeHTML([]*commentView{c})); !strings.Contains(got, `href="https://lemmy.example/comment/1"`) {
		t.Errorf("an http(s) fedilink was dropped:\n%s", got)
	}
}
