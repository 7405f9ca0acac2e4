package markdown_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/tidings/tidings/internal/markdown"
)

const rel = `rel="nofollow ugc noopener"`

func render(t *testing.T, src string) string {
	t.Helper()
	out, err := markdown.New().Render(src)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return out
}

func TestRender(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string // substrings of the output
		not       []string // must not appear
	}{
		{
			name: "soft line break as in Lemmy",
			src:  "First\nSecond",
			want: []string{"<p>First\nSecond</p>"},
			not:  []string{"<br"},
		},
		{
			name: "hard line break",
			src:  "First  \nSecond",
			want: []string{"First<br/>\nSecond"},
		},
		{
			name: "emphasis",
			src:  "__bold__ **bold** *italic*",
			want: []string{"<strong>bold</strong> <strong>bold</strong> <em>italic</em>"},
		},
		{
			name: "strikethrough",
			src:  "~~gone~~",
			want: []string{"<del>gone</del>"},
		},
		{
			name: "headings",
			src:  "# h1\n###### h6",
			want: []string{"<h1>h1</h1>", "<h6>h6</h6>"},
		},
		{
			name: "table with alignment as attributes",
			src:  "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
			want: []string{"<table>", `<th align="left">a</th>`, `<th align="center">b</th>`, `<td align="right">3</td>`},
			not:  []string{"style"},
		},
		{
			name: "fenced code keeps its language",
			src:  "```go\nfmt.Println(\"<hi>\")\n```",
			want: []string{`<pre><code class="language-go">fmt.Println(&#34;&lt;hi&gt;&#34;)` + "\n</code></pre>"},
		},
		{
			name: "ordered list start",
			src:  "3. three\n4. four",
			want: []string{`<ol start="3">`, "<li>three</li>"},
		},
		{
			name: "blockquote",
			src:  "> quoted\n>> nested",
			want: []string{"<blockquote>\n<p>quoted</p>\n<blockquote>"},
		},
		{
			name: "linkify http and www",
			src:  "see https://example.com/a?b=c and www.example.org.",
			want: []string{
				`<a href="https://example.com/a?b=c" ` + rel + `>https://example.com/a?b=c</a>`,
				`<a href="http://www.example.org" ` + rel + `>www.example.org</a>.`,
			},
		},
		{
			name: "linkify leaves ftp and e-mail as text",
			src:  "ftp://example.com/x and me@example.com",
			want: []string{"<p>ftp://example.com/x and me@example.com</p>"},
			not:  []string{"<a"},
		},
		{
			name: "image",
			src:  `![alt text](https://example.com/a.png "the title")`,
			want: []string{`<img src="https://example.com/a.png" alt="alt text" title="the title"/>`},
		},
		{
			name: "raw HTML is shown as text, as Lemmy does",
			src:  "a <b>bold</b> claim\n\n<div>\nblock\n</div>",
			want: []string{"<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>", "<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>"},
			not:  []string{"<b>", "<div>", "raw HTML omitted"},
		},
		{
			name: "relative link kept",
			src:  "[community](/c/x)",
			want: []string{`<a href="/c/x" ` + rel + `>community</a>`},
		},
		{
			name: "protocol-relative link dropped",
			src:  "[elsewhere](//evil.example/x)",
			want: []string{"<p>elsewhere</p>"},
			not:  []string{"<a", "evil"},
		},
		{
			name: "magnet link kept",
			src:  "[get it](magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&dn=x)",
			want: []string{`<a href="magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&amp;dn=x" ` + rel + `>get it</a>`},
		},
		{
			name: "mailto dropped",
			src:  "[mail](mailto:me@example.com)",
			want: []string{"<p>mail</p>"},
		},
		{
			name: "data image dropped",
			src:  "![x](data:image/png;base64,iVBORw0KGgo=)",
			want: []string{"<p></p>"},
			not:  []string{"<img", "data:"},
		},
		{
			name: "relative image dropped",
			src:  "![x](/pictrs/image/a.png)",
			not:  []string{"<img"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := render(t, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.src, out, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("Render(%q) = %q, want no %q", tt.src, out, n)
				}
			}
			assertSafe(t, out)
		})
	}
}

func TestSpoiler(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{
			name: "basic",
			src:  "::: spoiler click to see more\nhow *spicy*!\n:::\n",
			want: "<details><summary>click to see more</summary>\n<p>how <em>spicy</em>!</p>\n</details>\n",
		},
		{
			name: "nested list and code",
			src:  "::: spoiler Answers\n- one\n- **two**\n\n```python\nprint('<x>')\n```\n:::\nafter",
			want: "<details><summary>Answers</summary>\n<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n" +
				"<pre><code class=\"language-python\">print(&#39;&lt;x&gt;&#39;)\n</code></pre>\n</details>\n<p>after</p>\n",
		},
		{
			name: "unterminated runs to the end",
			src:  "before\n\n::: spoiler open\n**bold**\n\n> quote",
			want: "<p>before</p>\n<details><summary>open</summary>\n<p><strong>bold</strong></p>\n<blockquote>\n<p>quote</p>\n</blockquote>\n</details>\n",
		},
		{
			name: "title is plain text, escaped",
			src:  "::: spoiler *not em* <img src=x onerror=alert(1)> & [l](https://x.example)\nbody\n:::",
			want: "<details><summary>*not em* &lt;img src=x onerror=alert(1)&gt; &amp; [l](https://x.example)</summary>\n<p>body</p>\n</details>\n",
		},
		{
			name: "interrupts a paragraph",
			src:  "text\n::: spoiler s\nhidden\n:::",
			want: "<p>text</p>\n<details><summary>s</summary>\n<p>hidden</p>\n</details>\n",
		},
		{
			name: "closing line ends a paragraph inside",
			src:  "::: spoiler s\nline one\nline two\n:::\nout",
			want: "<details><summary>s</summary>\n<p>line one\nline two</p>\n</details>\n<p>out</p>\n",
		},
		{
			name: "no title",
			src:  "::: spoiler\nx\n:::",
			want: "<details><summary>Spoiler</summary>\n<p>x</p>\n</details>\n",
		},
		{
			name: "no space after colons, more colons",
			src:  ":::: spoiler  t \nx\n::::",
			want: "<details><summary>t</summary>\n<p>x</p>\n</details>\n",
		},
		{
			name: "nested spoilers",
			src:  "::: spoiler outer\n::: spoiler inner\nx\n:::\ny\n:::\nz",
			want: "<details><summary>outer</summary>\n<details><summary>inner</summary>\n<p>x</p>\n</details>\n<p>y</p>\n</details>\n<p>z</p>\n",
		},
		{
			name: "inside a blockquote",
			src:  "> ::: spoiler q\n> x\n> :::\n\ny",
			want: "<blockquote>\n<details><summary>q</summary>\n<p>x</p>\n</details>\n</blockquote>\n<p>y</p>\n",
		},
		{
			name: "not a spoiler",
			src:  "::: spoilers here\n:::",
			want: "<p>::: spoilers here\n:::</p>\n",
		},
		{
			name: "indented four spaces is code",
			src:  "    ::: spoiler x",
			want: "<pre><code>::: spoiler x\n</code></pre>\n",
		},
		{
			name: "inside a code block it is code",
			src:  "```\n::: spoiler x\n:::\n```",
			want: "<pre><code>::: spoiler x\n:::\n</code></pre>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := render(t, tt.src); got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestMentionLinks(t *testing.T) {
	t.Parallel()
	link := func(href, text string) string {
		return `<a class="u-url mention" href="` + href + `" ` + rel + `>` + text + `</a>`
	}
	tests := []struct {
		name, src, want string
	}{
		{"remote community", "!test@lemmy-alpha", "<p>" + link("/c/test@lemmy-alpha", "!test@lemmy-alpha") + "</p>\n"},
		{"remote person", "@garda@lemmy.example", "<p>" + link("/u/garda@lemmy.example", "@garda@lemmy.example") + "</p>\n"},
		{"local community", "see !news.", "<p>see " + link("/c/news", "!news") + ".</p>\n"},
		{"host with port", "@a@localhost:8536 hi", "<p>" + link("/u/a@localhost:8536", "@a@localhost:8536") + " hi</p>\n"},
		{"end of sentence", "ask @bob@example.com.", "<p>ask " + link("/u/bob@example.com", "@bob@example.com") + ".</p>\n"},
		{"in parentheses", "(!rust@programming.dev)", "<p>(" + link("/c/rust@programming.dev", "!rust@programming.dev") + ")</p>\n"},
		{"in emphasis", "_!news_ **@a@b.example**", "<p><em>" + link("/c/news", "!news") + "</em> <strong>" + link("/u/a@b.example", "@a@b.example") + "</strong></p>\n"},
		{"bare @name is text", "hi @bob", "<p>hi @bob</p>\n"},
		{"e-mail is text", "mail bob@example.com", "<p>mail bob@example.com</p>\n"},
		{"exclamation is text", "wow! really!", "<p>wow! really!</p>\n"},
		{"inside a word", "yes!no x@a@b.example", "<p>yes!no x@a@b.example</p>\n"},
		{"escaped", `\!news \@a@b.example`, "<p>!news @a@b.example</p>\n"},
		{"code span", "`@a@b.example !news`", "<p><code>@a@b.example !news</code></p>\n"},
		{"code block", "```\n@a@b.example !news@c.example\n```", "<pre><code>@a@b.example !news@c.example\n</code></pre>\n"},
		{"indented code", "    @a@b.example", "<pre><code>@a@b.example\n</code></pre>\n"},
		{"link text", "[@a@b.example](https://b.example/u/a)", `<p><a href="https://b.example/u/a" ` + rel + ">@a@b.example</a></p>\n"},
		{"link text with community", "[see !news](/c/news)", `<p><a href="/c/news" ` + rel + ">see !news</a></p>\n"},
		{"inside an autolinked URL", "https://mastodon.example/@a@b.example", `<p><a href="https://mastodon.example/@a@b.example" ` + rel + ">https://mastodon.example/@a@b.example</a></p>\n"},
		{"after a path", "x/@a@b.example", "<p>x/@a@b.example</p>\n"},
		{"image is not a community", "![i](https://e.example/i.png)", `<p><img src="https://e.example/i.png" alt="i"/></p>` + "\n"},
		{"three parts", "@a@b@c.example", "<p>@a@b@c.example</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := render(t, tt.src); got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestMentions(t *testing.T) {
	t.Parallel()
	src := "Hi @alice@Example.COM and @bob@lemmy.example, !news@lemmy.example, !local.\n\n" +
		"Again @alice@example.com. Not `@carol@code.example`, not [@dave@link.example](https://link.example/u/dave),\n" +
		"not erin@mail.example, not @frank.\n\n" +
		"```\n@gina@block.example\n```\n\n" +
		"::: spoiler who\n@hank@spoiler.example\n:::\n" +
		"> @ivan@quote.example:8443\n"
	want := []string{"@alice@example.com", "@bob@lemmy.example", "@hank@spoiler.example", "@ivan@quote.example:8443"}
	if got := markdown.Mentions(src); !slices.Equal(got, want) {
		t.Errorf("Mentions() = %q, want %q", got, want)
	}
	if got := markdown.Mentions("no one here"); len(got) != 0 {
		t.Errorf("Mentions() = %q, want none", got)
	}
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	r := markdown.New()
	tests := []struct {
		name, in, want string
	}{
		{
			name: "Mastodon mention and hashtag",
			in: `<p><span class="h-card" translate="no"><a href="https://m.example/@a" class="u-url mention">@<span>a</span></a></span> hi ` +
				`<a href="https://m.example/tags/go" class="mention hashtag" rel="tag">#<span>go</span></a></p>`,
			want: `<p><span><a class="u-url mention" href="https://m.example/@a" ` + rel + `>@<span>a</span></a></span> hi ` +
				`<a href="https://m.example/tags/go" ` + rel + `>#<span>go</span></a></p>`,
		},
		{
			name: "rel and target replaced",
			in:   `<a href="https://x.example/" rel="opener" target="_blank">x</a>`,
			want: `<a href="https://x.example/" ` + rel + `>x</a>`,
		},
		{
			name: "relative and magnet kept, others dropped",
			in:   `<a href="/c/x">c</a><a href="magnet:?xt=urn:btih:abc">m</a><a href="//evil.example">e</a><a href="/\evil.example">f</a><a href="mailto:a@b.example">g</a><a href="ftp://x.example">h</a><a href="c/x">i</a>`,
			want: `<a href="/c/x" ` + rel + `>c</a><a href="magnet:?xt=urn:btih:abc" ` + rel + `>m</a>efghi`,
		},
		{
			name: "code language kept, other classes dropped",
			in:   `<pre><code class="language-rust">x</code></pre><code class="evil language-go">y</code><p class="btn">z</p>`,
			want: `<pre><code class="language-rust">x</code></pre><code>y</code><p>z</p>`,
		},
		{
			name: "details and summary",
			in:   `<details open><summary>s</summary><p>t</p></details>`,
			want: `<details open=""><summary>s</summary><p>t</p></details>`,
		},
		{
			name: "tables",
			in:   `<table><thead><tr><th align="left" style="color:red">a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>`,
			want: `<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>`,
		},
		{
			name: "images: http(s) only",
			in:   `<img src="https://x.example/a.png" alt="a" width="10" style="x"><img src="http://x.example/b.png"><img src="data:image/png;base64,AA" alt="d"><img src="/local.png"><img alt="none">`,
			want: `<img src="https://x.example/a.png" alt="a" width="10"/><img src="http://x.example/b.png"/>`,
		},
		{
			name: "unclosed link is closed where it ends",
			in:   `<p>see <a href="https://x.example/">this`,
			want: `<p>see <a href="https://x.example/" ` + rel + `>this</a></p>`,
		},
		{
			name: "stray end tags cannot close the page around",
			in:   `</div></section></a></details>text</div>`,
			want: `text`,
		},
		{
			name: "unclosed table and details are closed",
			in:   `<details><summary>s</summary><table><tr><td>x`,
			want: `<details><summary>s</summary><table><tbody><tr><td>x</td></tr></tbody></table></details>`,
		},
		{
			name: "ids dropped",
			in:   `<p id="logout">x</p>`,
			want: `<p>x</p>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := r.Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			assertSafe(t, got)
		})
	}
}

func TestRelIsExact(t *testing.T) {
	t.Parallel()
	r := markdown.New()
	md := "[a](https://a.example) https://b.example [c](/c/c) !d@e.example @f@g.example [h](magnet:?xt=urn:btih:h)\n\n" +
		"::: spoiler s\n[i](http://i.example \"t\")\n:::"
	htm := `<a href="https://a.example" rel="nofollow">a</a><a href="/c/b" rel="">b</a><a href="https://c.example" target="_top" rel="noreferrer opener">c</a><a href="https://d.example">d</a>`
	rendered, err := r.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"Render": rendered, "Sanitize": r.Sanitize(htm)} {
		links := 0
		for _, tok := range tags(t, out) {
			if tok.Data != "a" {
				continue
			}
			links++
			var rels []string
			for _, a := range tok.Attr {
				switch a.Key {
				case "rel":
					rels = append(rels, a.Val)
				case "target":
					t.Errorf("%s: link with target: %s", name, tok)
				}
			}
			if len(rels) != 1 || rels[0] != "nofollow ugc noopener" {
				t.Errorf("%s: link %s has rel %q, want exactly one \"nofollow ugc noopener\"", name, tok, rels)
			}
		}
		if want := 7; name == "Render" && links != want {
			t.Errorf("Render: %d links, want %d in %s", links, want, out)
		}
		if want := 4; name == "Sanitize" && links != want {
			t.Errorf("Sanitize: %d links, want %d in %s", links, want, out)
		}
	}
}

func TestPlainText(t *testing.T) {
	t.Parallel()
	r := markdown.New()
	tests := []struct {
		name, src string
		max       int
		want      string
	}{
		{"tags dropped, blocks separated", "# Title\n\nSome *text*\nhere.\n\n- a\n- b", 0, "Title Some text here. a b"},
		{"entities decoded", "Tom &amp; Jerry <3 \"quotes\"", 0, `Tom & Jerry <3 "quotes"`},
		{"raw HTML stays text", "<b>x</b>", 0, "<b>x</b>"},
		{"spoiler content hidden", "Before\n\n::: spoiler The ending\nEveryone dies.\n:::\n\nAfter", 0, "Before The ending After"},
		{"mentions and links keep their text", "hi @a@b.example, see [docs](https://d.example)", 0, "hi @a@b.example, see docs"},
		{"fits", "one two", 7, "one two"},
		{"cut on a word boundary", "one two three four", 12, "one two…"},
		{"cut right after a word", "one two three", 8, "one two…"},
		{"trailing punctuation dropped", "one, two three", 8, "one…"},
		{"long first word cut hard", "abcdefghijkl", 5, "abcd…"},
		{"runes, not bytes", "ääää öööö üüüü", 10, "ääää öööö…"},
		{"max one", "hello", 1, "…"},
		{"empty", "", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := r.PlainText(tt.src, tt.max)
			if got != tt.want {
				t.Errorf("PlainText(%q, %d) = %q, want %q", tt.src, tt.max, got, tt.want)
			}
			if tt.max > 0 && utf8.RuneCountInString(got) > tt.max {
				t.Errorf("PlainText(%q, %d) = %q: %d runes", tt.src, tt.max, got, utf8.RuneCountInString(got))
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	r := markdown.New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			src := fmt.Sprintf("::: spoiler %d\n@a%d@b.example **x** [l](https://l.example/%d)\n:::", i, i, i)
			want := fmt.Sprintf(`<a class="u-url mention" href="/u/a%d@b.example" %s>@a%d@b.example</a>`, i, rel, i)
			for range 50 {
				out, err := r.Render(src)
				if err != nil || !strings.Contains(out, want) {
					t.Errorf("Render(%q) = %q, %v", src, out, err)
					return
				}
				if m := markdown.Mentions(src); len(m) != 1 {
					t.Errorf("Mentions(%q) = %q", src, m)
					return
				}
			}
		})
	}
	wg.Wait()
}

// tags returns the start and self-closing tags of h, failing on comments.
func tags(t *testing.T, h string) []html.Token {
	t.Helper()
	var out []html.Token
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			out = append(out, z.Token())
		case html.CommentToken, html.DoctypeToken:
			t.Errorf("comment or doctype in output: %q", h)
		}
	}
}
