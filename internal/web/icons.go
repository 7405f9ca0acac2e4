package web

import (
	"fmt"
	"html/template"
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
}

// iconSVG is an icon's markup; an unknown name is a programming error,
// caught by the page tests.
func iconSVG(name string) string {
	p, ok := iconPaths[name]
	if !ok {
		panic(fmt.Sprintf("no icon %q", name))
	}
	return `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">` + p + `</svg>`
}

// icon is iconSVG for templates.
func icon(name string) (template.HTML, error) {
	if _, ok := iconPaths[name]; !ok {
		return "", fmt.Errorf("no icon %q", name)
	}
	return template.HTML(iconSVG(name)), nil //nolint:gosec // our own constant markup
}
