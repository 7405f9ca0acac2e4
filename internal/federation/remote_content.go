package federation

import (
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/runes"
)

// contentOf is a post's or comment's text and its sanitized HTML, at most
// maxHTML characters of it (forum's Max*HTMLLen). The text is
//   - the markdown source, from Lemmy, Mbin and PieFed;
//   - the content itself when the object says that is markdown (PeerTube
//     describes a video in markdown, with mediaType text/markdown), and
//     the HTML is then rendered from it;
//   - else the text of the sanitized HTML: Mastodon sends no source, and
//     a source in BBCode, HTML, plain text or Misskey's MFM, or a bare
//     string, is not markdown, and would be shown wrongly as if it were.
func contentOf(page ap.Page, maxHTML int) (text, html string) {
	switch {
	case page.Source.IsMarkdown() && page.Source.Content != "":
		return strings.TrimSpace(page.Source.Content), sanitizer.SanitizeMax(page.Content, maxHTML)
	case ap.IsMarkdown(page.MediaType):
		src := runes.Cut(page.Content, maxHTML)
		if rendered, err := sanitizer.Render(src); err == nil {
			return strings.TrimSpace(src), sanitizer.SanitizeMax(rendered, maxHTML)
		}
	}
	html = sanitizer.SanitizeMax(page.Content, maxHTML)
	return strings.TrimSpace(ap.HTMLText(html)), html
}

// maxContentHTML is the HTML limit of a post, or of a comment.
func maxContentHTML(page ap.Page) int {
	if ap.IsComment(page) {
		return forum.MaxCommentHTMLLen
	}
	return forum.MaxPostHTMLLen
}

// profileHTML is a bio or a community's description as kept: sanitized,
// at most forum.MaxProfileHTMLLen characters.
func profileHTML(s string) string {
	return sanitizer.SanitizeMax(s, forum.MaxProfileHTMLLen)
}

// sourceText is a profile's markdown source, cut to what the schema keeps;
// a source in anything but markdown is left out, as for posts.
func sourceText(s *ap.Source) string {
	if !s.IsMarkdown() {
		return ""
	}
	return runes.Cut(s.Content, forum.MaxProfileLen)
}
