package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Emulate sizes the tab's viewport to width×height CSS pixels (a phone's,
// with mobile behaviour, below 600) and sets prefers-color-scheme to dark
// or light, for this page and those loaded after.
func (tab *Tab) Emulate(width, height int, dark bool) {
	tab.t.Helper()
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	ctx, cancel := context.WithTimeout(tab.ctx, StepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: int64(height), DeviceScaleFactor: 1, Mobile: width < 600,
	}); err != nil {
		tab.fail(fmt.Sprintf("set the viewport to %dx%d", width, height), err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		tab.fail("prefer the "+scheme+" scheme", err)
	}
}

// AxeScript is the source of axe-core's axe.min.js from interop/axe, which
// `npm ci --prefix interop/axe` installs. Without it the test is skipped
// with a message saying so, unless TIDINGS_REQUIRE_INTEROP=1 (as in CI),
// when it fails.
func AxeScript(t testing.TB) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "interop", "axe", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v): run `npm ci --prefix interop/axe`", err)
		if os.Getenv("TIDINGS_REQUIRE_INTEROP") == "1" {
			t.Fatal(msg + " (TIDINGS_REQUIRE_INTEROP=1)")
		}
		t.Skip(msg)
	}
	return string(b)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// AxeViolation is one rule axe-core found broken, with the elements that
// break it.
type AxeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v AxeViolation) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%s):", v.ID, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&sb, "\n    … and %d more", len(v.Nodes)-5)
			break
		}
		fmt.Fprintf(&sb, "\n    %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return sb.String()
}

// Axe runs axe-core's WCAG 2.x A and AA rules (and its best practices) on
// the page shown and returns what it found. The script is evaluated through
// DevTools, so it runs even in a tab with the page's own scripts off.
func (tab *Tab) Axe(script string) []AxeViolation {
	tab.t.Helper()
	Run(tab, "load axe-core", chromedp.Evaluate[bool](script+";true"))
	out := Run(tab, "run axe-core", chromedp.Evaluate[string](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
		resultTypes: ["violations"],
	}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	var v []AxeViolation
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		tab.t.Fatalf("%s: axe-core's answer: %v", tab.name, err)
	}
	return v
}
