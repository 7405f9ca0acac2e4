package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindMention is the goldmark node kind of a mention or community link.
var KindMention = ast.NewNodeKind("Mention")

// MentionNode is a reference to an actor as Lemmy writes them:
//
//	@name@host   a person            → /u/name@host
//	!name@host   a community         → /c/name@host
//	!name        a local community   → /c/name
//
// A bare @name names a person here, who is notified, but it is shown as
// text and not linked, as in Lemmy.
type MentionNode struct {
	ast.BaseInline
	Community bool
	Name      string
	Host      string // empty for a local community, and for a bare @name
	bare      bool

	// For RenderFederated: the actor's id to link to instead of Path, or,
	// with plain, no link at all.
	href  string
	plain bool
}

// Kind implements ast.Node.
func (n *MentionNode) Kind() ast.NodeKind { return KindMention }

// Dump implements ast.Node.
func (n *MentionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Text": n.Handle()}, nil)
}

// Handle is the mention as written: "@name@host", "!name@host" or "!name".
func (n *MentionNode) Handle() string {
	marker := "@"
	if n.Community {
		marker = "!"
	}
	if n.Host == "" {
		return marker + n.Name
	}
	return marker + n.Name + "@" + n.Host
}

// Path is the link target on this site.
func (n *MentionNode) Path() string {
	p := "/u/"
	if n.Community {
		p = "/c/"
	}
	if n.Host == "" {
		return p + n.Name
	}
	return p + n.Name + "@" + n.Host
}

type mentionParser struct{}

func (mentionParser) Trigger() []byte { return []byte{'@', '!'} }

func (mentionParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// Inside [link text] a mention would nest links.
	if pc.IsInLinkLabel() {
		return nil
	}
	before := block.PrecendingCharacter()
	if !mentionMayFollow(before) {
		return nil
	}
	line, _ := block.PeekLine()
	n, length := scanMention(line, before == '_')
	if n == nil {
		return nil
	}
	block.Advance(length)
	return n
}

// mentionMayFollow reports whether a mention may start after r: at the
// start of a line, after white space or opening punctuation and emphasis,
// but not inside words, e-mail addresses, URLs or paths.
func mentionMayFollow(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(`([{<*_~"'>,;`, r)
}

// scanMention reads a mention at the start of line ('@' or '!' first) and
// returns it with its length in bytes, or nil.
func scanMention(line []byte, afterUnderscore bool) (*MentionNode, int) {
	if len(line) < 2 {
		return nil, 0
	}
	community := line[0] == '!'
	i := 1
	for i < len(line) && isNameByte(line[i]) {
		i++
	}
	name := string(line[1:i])
	host := ""
	if i+1 < len(line) && line[i] == '@' {
		if h, n := scanHost(line[i+1:]); n > 0 {
			host = h
			i += 1 + n
		} else {
			return nil, 0
		}
	} else {
		// End of a sentence or an emphasis: "see !news." or "_!news_".
		trimmed := strings.TrimRight(name, ".-")
		if afterUnderscore {
			trimmed = strings.TrimSuffix(trimmed, "_")
		}
		i -= len(name) - len(trimmed)
		name = trimmed
	}
	if !validName(name) {
		return nil, 0
	}
	// "@a@b@c", "!a@b.example/x": part of something else.
	if i < len(line) && (line[i] == '@' || line[i] == '/') {
		return nil, 0
	}
	return &MentionNode{Community: community, Name: name, Host: host, bare: !community && host == ""}, i
}

func isNameByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// validName: letters, digits and underscores, with single dots or hyphens
// between them.
func validName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	prevSep := true
	for i := 0; i < len(name); i++ {
		sep := name[i] == '.' || name[i] == '-'
		if sep && prevSep {
			return false
		}
		prevSep = sep
	}
	return !prevSep
}

// scanHost reads a host name with an optional port at the start of b and
// returns it lower-cased with its length, or "" and 0. A trailing dot or
// hyphen is left out ("ask @a@b.example.").
func scanHost(b []byte) (string, int) {
	i := 0
	for i < len(b) && (b[i] == '.' || b[i] == '-' || b[i] >= '0' && b[i] <= '9' ||
		b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z') {
		i++
	}
	for i > 0 && (b[i-1] == '.' || b[i-1] == '-') {
		i--
	}
	host := string(b[:i])
	if host == "" || len(host) > 253 {
		return "", 0
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "", 0
		}
	}
	if i+1 < len(b) && b[i] == ':' && b[i+1] >= '0' && b[i+1] <= '9' {
		j := i + 1
		for j < len(b) && j-i <= 5 && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		host, i = string(b[:j]), j
	}
	return strings.ToLower(host), i
}

type mentionRenderer struct{}

func (mentionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMention, renderMention)
}

func renderMention(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*MentionNode)
	if n.plain || n.bare {
		_, _ = w.Write(util.EscapeHTML([]byte(n.Handle())))
		return ast.WalkSkipChildren, nil
	}
	href := n.href
	if href == "" {
		href = n.Path()
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(href)))
	_, _ = w.WriteString(`" class="u-url mention">`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Handle())))
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

type mentionExtension struct{}

// Mention is the goldmark extension for mentions and community links.
var Mention goldmark.Extender = mentionExtension{}

func (mentionExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(mentionParser{}, 600)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mentionRenderer{}, 500)))
}
