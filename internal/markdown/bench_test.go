package markdown_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/markdown"
)

// benchComment is a long comment of about 5,000 characters using most of
// what people write: paragraphs, emphasis, links, mentions, lists, quotes,
// code, a table and a spoiler.
func benchComment() string {
	const chunk = `I think **this** is the _right_ call, @alice@lemmy.example, and the [report](https://example.com/report?id=42)
agrees. See also !news@lemmy.world and !local, or https://example.org/some/long/path for details.

> Quoted text from the parent comment, with ` + "`inline code`" + ` and ~~a correction~~.

1. first point
2. second point with a [relative link](/c/news)
- nested *emphasis* and more words to make this look like real prose

` + "```go\nfunc main() {\n\tfmt.Println(\"hello, world\")\n}\n```" + `

| option | value |
|:-------|------:|
| speed  | 10    |

::: spoiler what happens next
Nobody expected it. Not even @bob@mastodon.example.
:::

`
	var b strings.Builder
	for b.Len() < 5000 {
		b.WriteString(chunk)
	}
	return b.String()[:5000]
}

// BenchmarkRender renders a 5,000-character comment. It also reports how
// long bluemonday alone takes to sanitize the HTML goldmark makes of it
// (sanitize-ns/op) and the ratio of the two (render/sanitize).
func BenchmarkRender(b *testing.B) {
	r := markdown.New()
	src := benchComment()
	rawHTML := markdown.GoldmarkHTML(src)

	// Timed by hand: testing.Benchmark cannot run inside a benchmark.
	var sanitizeRuns int
	start := time.Now()
	for sanitizeRuns < 10 || time.Since(start) < 200*time.Millisecond {
		_ = markdown.BluemondaySanitize(rawHTML)
		sanitizeRuns++
	}
	sanitizeNs := float64(time.Since(start).Nanoseconds()) / float64(sanitizeRuns)

	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
	renderNs := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(sanitizeNs, "sanitize-ns/op")
	b.ReportMetric(renderNs/sanitizeNs, "render/sanitize")
}
