// Package markdown turns what people write into safe HTML, and cleans the
// HTML that other instances send.
//
// The dialect is Lemmy's: CommonMark with GitHub's tables, strikethrough and
// autolinked URLs, `::: spoiler TITLE` blocks, and `!community@host`,
// `!community` and `@person@host` links. Single newlines are soft breaks, as
// in Lemmy (markdown-it without `breaks`). Raw HTML in markdown is shown as
// text, as Lemmy does, never interpreted.
//
// Everything leaving this package has passed one allow-list sanitizer (see
// policy.go), so it may be put into a page as trusted HTML.
package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// Renderer is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a Renderer. Renderers share their parser and policy, so New is
// cheap.
func New() *Renderer {
	return &Renderer{md: sharedMarkdown(), policy: sharedPolicy()}
}

var sharedMarkdown = sync.OnceValue(newMarkdown)

func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// align="…" rather than style="text-align:…": the policy allows
			// no style attributes.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
			Spoiler,
			Mention,
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 100)),
		),
	)
}

// Render converts markdown to sanitized HTML.
func (r *Renderer) Render(src string) (string, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return r.sanitize(buf.Bytes()), nil
}

// Sanitize cleans HTML from another instance (or anywhere else) with the same
// allow-list that Render uses.
func (r *Renderer) Sanitize(htmlSrc string) string {
	return r.sanitize([]byte(htmlSrc))
}

func (r *Renderer) sanitize(htmlSrc []byte) string {
	return finish(string(r.policy.SanitizeBytes(htmlSrc)))
}

// PlainText renders src and reduces it to plain, unescaped text for
// OpenGraph descriptions, RSS summaries and the like: tags are dropped,
// whitespace is collapsed, the contents of spoilers are left out (their
// titles are kept), and the text is cut on a word boundary so that it is at
// most max runes long including the trailing "…". max <= 0 means no limit.
// The result must still be escaped where it is used.
func (r *Renderer) PlainText(src string, max int) string {
	rendered, err := r.Render(src)
	if err != nil {
		rendered = html.EscapeString(src)
	}
	return truncate(htmlToText(rendered), max)
}

// blockElements separate words when tags are dropped.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true,
	"caption": true, "dd": true, "details": true, "div": true, "dl": true, "dt": true,
	"figcaption": true, "figure": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "hr": true, "li": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "td": true, "th": true, "tr": true,
	"ul": true,
}

// htmlToText extracts the text of sanitized HTML, whitespace collapsed.
func htmlToText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	details, summary := 0, 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if details == 0 || summary > 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tt := z.Token()
			switch tt.Data {
			case "details":
				details += depthDelta(tt.Type)
			case "summary":
				summary += depthDelta(tt.Type)
			}
			if blockElements[tt.Data] {
				b.WriteByte(' ')
			}
		}
	}
}

func depthDelta(t html.TokenType) int {
	switch t {
	case html.StartTagToken:
		return 1
	case html.EndTagToken:
		return -1
	}
	return 0
}

const ellipsis = "…"

// truncate cuts s to at most max runes, on a word boundary where there is
// one, ending in an ellipsis when anything was cut.
func truncate(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return ellipsis
	}
	// Byte offset of the rune at index max-1: room for the ellipsis.
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	// Keep whole words: when the cut falls inside a word, go back to the
	// last space, unless the first word alone is longer than max.
	if next, _ := utf8.DecodeRuneInString(s[cut:]); next != ' ' {
		if i := strings.LastIndexByte(head, ' '); i > 0 {
			head = head[:i]
		}
	}
	head = strings.TrimRight(head, " ,;:-–—")
	return head + ellipsis
}

// rawHTMLAsText shows HTML written inside markdown as text, the way Lemmy
// (markdown-it with html: false) does, instead of goldmark's default of
// replacing it with an HTML comment.
type rawHTMLAsText struct{}

func (rawHTMLAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var text []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		text = append(text, seg.Value(source)...)
	}
	if n.HasClosure() {
		text = append(text, n.ClosureLine.Value(source)...)
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(bytes.TrimRight(text, " \t\r\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}
