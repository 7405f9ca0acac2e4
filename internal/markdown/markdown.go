// Package markdown turns what people write into safe HTML: CommonMark with
// GitHub's tables, strikethrough and autolinks, then an allow-list sanitizer,
// which also cleans the HTML that other instances send.
package markdown

import (
	"bytes"
	"fmt"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// Renderer is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New builds a Renderer.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		// Raw HTML in markdown is dropped by goldmark and again by the policy.
		goldmark.WithRendererOptions(html.WithHardWraps()),
	)
	return &Renderer{md: md, policy: Policy()}
}

// Policy is the allow-list for every piece of HTML shown to a reader.
func Policy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "magnet")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.RequireNoReferrerOnLinks(false)
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("code", "details", "summary")
	p.AllowElements("details", "summary")
	p.RequireParseableURLs(true)
	return p
}

// Render converts markdown to sanitized HTML.
func (r *Renderer) Render(src string) (string, error) {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return r.policy.Sanitize(buf.String()), nil
}

// Sanitize cleans HTML from another instance.
func (r *Renderer) Sanitize(htmlSrc string) string {
	return r.policy.Sanitize(htmlSrc)
}
