package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindSpoiler is the goldmark node kind of a spoiler block.
var KindSpoiler = ast.NewNodeKind("Spoiler")

// SpoilerBlock is Lemmy's collapsed block:
//
//	::: spoiler TITLE
//	markdown
//	:::
//
// rendered as <details><summary>TITLE</summary>…</details>. TITLE is plain
// text. A block without its closing line runs to the end of its container.
// Spoilers may be nested; each ":::" closes the innermost open one.
type SpoilerBlock struct {
	ast.BaseBlock
	Title []byte
}

// Kind implements ast.Node.
func (n *SpoilerBlock) Kind() ast.NodeKind { return KindSpoiler }

// Dump implements ast.Node.
func (n *SpoilerBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Title": string(n.Title)}, nil)
}

// defaultSpoilerTitle is shown for "::: spoiler" without a title.
const defaultSpoilerTitle = "Spoiler"

type spoilerParser struct{}

func (spoilerParser) Trigger() []byte { return []byte{':'} }

func (spoilerParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	title, ok := spoilerOpening(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &SpoilerBlock{Title: title}, parser.NoChildren
}

func (spoilerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 && pos < len(line) && spoilerClosing(line[pos:]) && !innerSpoilerOpen(node, pc) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (spoilerParser) Close(ast.Node, text.Reader, parser.Context) {}

func (spoilerParser) CanInterruptParagraph() bool { return true }

func (spoilerParser) CanAcceptIndentedLine() bool { return false }

// innerSpoilerOpen reports whether a spoiler opened inside node is still
// open; the closing line then belongs to it.
func innerSpoilerOpen(node ast.Node, pc parser.Context) bool {
	inside := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == node {
			inside = true
		} else if inside && b.Node.Kind() == KindSpoiler {
			return true
		}
	}
	return false
}

var spoilerWord = []byte("spoiler")

// spoilerOpening parses "::: spoiler TITLE" (three or more colons, the word
// spoiler, then the title up to the end of the line).
func spoilerOpening(line []byte) (title []byte, ok bool) {
	rest, ok := colons(line)
	if !ok {
		return nil, false
	}
	rest = bytes.TrimLeft(rest, " \t")
	if !bytes.HasPrefix(rest, spoilerWord) {
		return nil, false
	}
	rest = rest[len(spoilerWord):]
	if len(rest) > 0 && !util.IsSpace(rest[0]) {
		return nil, false // "::: spoilers", say
	}
	title = bytes.TrimSpace(rest)
	if len(title) == 0 {
		title = []byte(defaultSpoilerTitle)
	}
	return bytes.Clone(title), true
}

// spoilerClosing reports whether line is ":::" (three or more colons) with
// nothing but white space after it.
func spoilerClosing(line []byte) bool {
	rest, ok := colons(line)
	return ok && util.IsBlank(rest)
}

// colons strips a run of at least three colons from the start of line.
func colons(line []byte) (rest []byte, ok bool) {
	i := 0
	for i < len(line) && line[i] == ':' {
		i++
	}
	return line[i:], i >= 3
}

type spoilerRenderer struct{}

func (spoilerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSpoiler, renderSpoiler)
}

func renderSpoiler(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<details><summary>")
		_, _ = w.Write(util.EscapeHTML(node.(*SpoilerBlock).Title))
		_, _ = w.WriteString("</summary>\n")
	} else {
		_, _ = w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}

type spoilerExtension struct{}

// Spoiler is the goldmark extension for Lemmy's spoiler blocks.
var Spoiler goldmark.Extender = spoilerExtension{}

func (spoilerExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(spoilerParser{}, 750)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(spoilerRenderer{}, 500)))
}
