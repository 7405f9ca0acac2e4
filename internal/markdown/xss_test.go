package markdown_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/markdown"
)

// allowedElements is everything the policy may let through.
var allowedElements = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`a img p br hr div span wbr h1 h2 h3 h4 h5 h6 blockquote pre
		figure figcaption article aside section em strong b i u s strike del ins small mark sub sup
		abbr cite dfn kbd samp var q tt code ruby rp rt bdi bdo details summary time
		ul ol li dl dt dd table thead tbody tfoot tr th td caption col colgroup`) {
		allowedElements[e] = true
	}
}

var (
	safeHref = regexp.MustCompile(`^(?:https?://|magnet:|/(?:[^/\\]|$))`)
	safeSrc  = regexp.MustCompile(`^https?://`)
)

// assertSafe fails unless h is made only of allowed elements, carries no
// event handlers, styles or other script-bearing attributes, and every URL
// in it is http(s), magnet (links) or a path on this site (links).
func assertSafe(t *testing.T, h string) {
	t.Helper()
	if strings.Contains(strings.ToLower(h), "<script") {
		t.Errorf("script tag in %q", h)
	}
	for _, tok := range tags(t, h) {
		if !allowedElements[tok.Data] {
			t.Errorf("element <%s> in %q", tok.Data, h)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc", key == "srcset",
				key == "formaction", key == "action", key == "data", key == "target",
				strings.Contains(key, ":"), key == "id", key == "name":
				t.Errorf("attribute %s=%q on <%s> in %q", a.Key, a.Val, tok.Data, h)
			case key == "href":
				if tok.Data != "a" || !safeHref.MatchString(val) {
					t.Errorf("href %q on <%s> in %q", a.Val, tok.Data, h)
				}
			case key == "src":
				if tok.Data != "img" || !safeSrc.MatchString(val) {
					t.Errorf("src %q on <%s> in %q", a.Val, tok.Data, h)
				}
			case key == "class":
				if val != "language-go" && !strings.HasPrefix(val, "language-") && val != "u-url mention" {
					t.Errorf("class %q on <%s> in %q", a.Val, tok.Data, h)
				}
			}
			for _, bad := range []string{"javascript:", "vbscript:", "data:", "livescript:"} {
				if strings.Contains(strings.ReplaceAll(val, "\t", ""), bad) {
					t.Errorf("%s in %s=%q on <%s> in %q", bad, a.Key, a.Val, tok.Data, h)
				}
			}
		}
	}
}

// xssPayloads are run through both Render (as markdown) and Sanitize (as
// HTML from another instance).
var xssPayloads = []struct{ name, in string }{
	{"script tag", `<script>alert(1)</script>`},
	{"script tag upper case with src", `<SCRIPT SRC=https://evil.example/x.js></SCRIPT>`},
	{"script split by null", "<scr\x00ipt>alert(1)</scr\x00ipt>"},
	{"img onerror", `<img src=x onerror=alert(1)>`},
	{"img onerror with good src", `<img src="https://example.com/a.png" onerror="alert(1)">`},
	{"img srcset", `<img src="https://example.com/a.png" srcset="javascript:alert(1)">`},
	{"body onload", `<body onload=alert(1)>`},
	{"details ontoggle", `<details open ontoggle=alert(1)><summary>x</summary></details>`},
	{"javascript link html", `<a href="javascript:alert(1)">x</a>`},
	{"javascript link markdown", `[x](javascript:alert(1))`},
	{"javascript link markdown angle brackets", `[x](<javascript:alert(1)>)`},
	{"javascript reference link", "[y][x]\n\n[x]: javascript:alert(1)"},
	{"javascript autolink", `<javascript:alert(1)>`},
	{"mixed case scheme html", `<a href="JaVaScRiPt:alert(1)">x</a>`},
	{"mixed case scheme markdown", `[x](JaVaScRiPt:alert(1))`},
	{"tab in scheme html", `<a href="java&#x09;script:alert(1)">x</a>`},
	{"tab in scheme markdown", `[x](java&#x09;script:alert(1))`},
	{"newline in scheme", "<a href=\"java\nscript:alert(1)\">x</a>"},
	{"entity-encoded scheme", `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`},
	{"entity-encoded scheme markdown", `[x](&#106;avascript:alert(1))`},
	{"leading space scheme", `<a href="  javascript:alert(1)">x</a>`},
	{"vbscript", `<a href="vbscript:msgbox(1)">x</a> [y](VBScript:msgbox(1))`},
	{"data html link", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`},
	{"data html link markdown", `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`},
	{"data image markdown", `![x](data:image/png;base64,iVBORw0KGgo=)`},
	{"data svg image html", `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`},
	{"svg with script", `<svg><script>alert(1)</script></svg>`},
	{"svg onload", `<svg onload=alert(1)><circle r=1 /></svg>`},
	{"svg xlink", `<svg><a xlink:href="javascript:alert(1)"><text x="1">x</text></a></svg>`},
	{"math mxss", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`},
	{"noscript breakout", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`},
	{"style attribute", `<p style="background:url(javascript:alert(1))">x</p><span style="position:fixed;inset:0">y</span>`},
	{"style element", `<style>body{display:none}</style>`},
	{"iframe", `<iframe src="https://evil.example"></iframe>`},
	{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`},
	{"object and embed", `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">`},
	{"form", `<form action="https://evil.example"><input name=p type=password><button formaction=javascript:alert(1)>x</button></form>`},
	{"base and meta", `<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><link rel=stylesheet href=https://evil.example/x.css>`},
	{"onclick and target on a good link", `<a href="https://ok.example" onclick="alert(1)" target="_blank">x</a>`},
	{"event handler on magnet", `<a href="magnet:?xt=urn:btih:x" onmouseover="alert(1)">x</a>`},
	{"markdown title injection", `[x](https://example.com "a\" onmouseover=\"alert(1)")`},
	{"markdown title injection single quotes", `[x](https://example.com 'a" onmouseover="alert(1)')`},
	{"markdown image title injection", `![x](https://example.com/a.png "\" onerror=\"alert(1)")`},
	{"markdown alt injection", `![x" onerror="alert(1)](https://example.com/a.png)`},
	{"html comment", `<!-- <script>alert(1)</script> -->`},
	{"html comment breakout", `<!--><img src=x onerror=alert(1)>-->`},
	{"conditional comment", `<!--[if IE]><script>alert(1)</script><![endif]-->`},
	{"cdata", `<![CDATA[<script>alert(1)</script>]]>`},
	{"textarea and title raw text", `<textarea><script>alert(1)</script></textarea><title><img src=x onerror=alert(1)></title>`},
	{"unclosed attribute", `<a href="https://ok.example/" title="x><img src=x onerror=alert(1)>">y</a>`},
	{"spoiler title", "::: spoiler <img src=x onerror=alert(1)>\n<script>alert(1)</script>\n:::"},
	{"mention with payload", `@a"onmouseover="alert(1)@b.example !x<script>@y.example`},
	{"code class injection", "```go\" onclick=\"alert(1)\nx\n```"},
	{"nested quotes in href", `<a href='https://ok.example/"onclick="alert(1)'>x</a>`},
}

func TestXSS(t *testing.T) {
	t.Parallel()
	r := markdown.New()
	for _, p := range xssPayloads {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			out, err := r.Render(p.in)
			if err != nil {
				t.Fatal(err)
			}
			assertSafe(t, out)
			assertSafe(t, r.Sanitize(p.in))
			// Sanitizing twice changes nothing.
			if again := r.Sanitize(out); again != out {
				t.Errorf("Sanitize(Render(%q)) = %q, not %q", p.in, again, out)
			}
		})
	}
}

// The payloads' text, where it survives, is shown, not run.
func TestRawHTMLInMarkdownIsText(t *testing.T) {
	t.Parallel()
	out := render(t, `<img src=x onerror=alert(1)> and <script>alert(1)</script>`)
	want := "<p>&lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
