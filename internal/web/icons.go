package web

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
)

// iconPaths are the strokes of the few icons the pages use, drawn on a
// 24-unit grid. An icon is always next to a word or inside a control with
// an accessible name, so the SVG itself is hidden from screen readers.
var iconPaths = map[string]string{
	"up":       `<path d="M12 19V5M5 12l7-7 7 7"/>`,
	"down":     `<path d="M12 5v14M19 12l-7 7-7-7"/>`,
	"comment":  `<path d="M20 12a8 8 0 0 1-11.6 7.1L4 20l1-4.2A8 8 0 1 1 20 12z"/>`,
	"fedilink": `<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>`,
	"save":     `<path d="M6 3h12v18l-6-4.5L6 21z"/>`,
	"report":   `<path d="M5 21V4M5 4h12l-2.5 4L17 12H5"/>`,
	"share":    `<circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="6" r="2.5"/><circle cx="18" cy="18" r="2.5"/><path d="M8.2 10.8l7.6-3.6M8.2 13.2l7.6 3.6"/>`,
	"create":   `<path d="M12 5v14M5 12h14"/>`,
	"search":   `<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>`,
	"inbox":    `<path d="M5 5h14l2 8v6H3v-6z"/><path d="M3 13h5l1.5 3h5l1.5-3h5"/>`,
	"settings": `<path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1"/><circle cx="15" cy="6" r="2"/><circle cx="9" cy="12" r="2"/><circle cx="17" cy="18" r="2"/>`,
	"logout":   `<path d="M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10"/>`,
}

// iconSVG is an icon's markup: a reference to its symbol in the page's
// sprite (iconSprite), since a thread of 500 comments with four icons each
// would otherwise carry the same paths 2,000 times. An unknown name is a
// programming error, caught by the page tests.
func iconSVG(name string) string {
	if _, ok := iconPaths[name]; !ok {
		panic(fmt.Sprintf("no icon %q", name))
	}
	return `<svg class="icon" aria-hidden="true"><use href="#i-` + name + `"/></svg>`
}

// spriteHTML defines every icon once, for the layout to put at the top of
// each page's body.
var spriteHTML = func() template.HTML {
	var sb strings.Builder
	sb.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="sprite" width="0" height="0" aria-hidden="true">`)
	for _, name := range slices.Sorted(maps.Keys(iconPaths)) {
		sb.WriteString(`<symbol id="i-` + name + `" viewBox="0 0 24 24">` + iconPaths[name] + `</symbol>`)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String()) //nolint:gosec // our own constant markup
}()

// iconSprite is spriteHTML for the layout.
func iconSprite() template.HTML { return spriteHTML }

// icon is iconSVG for templates.
func icon(name string) (template.HTML, error) {
	if _, ok := iconPaths[name]; !ok {
		return "", fmt.Errorf("no icon %q", name)
	}
	return template.HTML(iconSVG(name)), nil //nolint:gosec // our own constant markup
}
