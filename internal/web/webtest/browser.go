package webtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// StepTimeout bounds one browser step (a navigation, a click and the page it
// loads, a wait for an element); a browser lives at most browserTimeout.
const (
	StepTimeout    = 30 * time.Second
	browserTimeout = 5 * time.Minute
)

// Browser is a headless Chromium for one test, driven over the DevTools
// protocol. It is closed when the test ends.
type Browser struct {
	t      testing.TB
	ctx    context.Context
	base   string
	output *syncBuffer
}

// ChromiumPath is the browser the tests run: $CHROMIUM, else Debian's
// /usr/bin/chromium.
func ChromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Browser starts Chromium for the test. A missing Chromium fails the test,
// since a skipped browser test passes silently in CI; TIDINGS_SKIP_BROWSER=1
// skips instead, for machines that cannot have one.
func (s *Server) Browser(t testing.TB) *Browser {
	t.Helper()
	if os.Getenv("TIDINGS_SKIP_BROWSER") == "1" {
		t.Skip("TIDINGS_SKIP_BROWSER=1: browser tests skipped")
	}
	path := ChromiumPath()
	if _, err := exec.LookPath(path); err != nil {
		t.Fatalf("no Chromium at %s (%v): install Debian's chromium (apt-get install chromium), "+
			"or set CHROMIUM to a Chromium binary; TIDINGS_SKIP_BROWSER=1 skips the browser tests", path, err)
	}
	out := &syncBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		// No name resolves, so nothing but the loopback test server can
		// be reached even by accident.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
	)
	root, cancelRoot := context.WithTimeout(context.Background(), browserTimeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(root, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		cancelRoot()
	})
	// The first Do starts the browser, bound to ctx for its whole life, so
	// a start that hangs is cut short by a timer rather than a timeout.
	hung := time.AfterFunc(time.Minute, cancelRoot)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v\n%s", path, err, out.String())
	}
	hung.Stop()
	return &Browser{t: t, ctx: ctx, base: s.URL, output: out}
}

// Tab is a page in its own browser context: its own cookies and storage, as
// a separate person on a separate machine would have.
type Tab struct {
	t    testing.TB
	ctx  context.Context
	base string
	name string
	b    *Browser
}

// NewTab opens a tab in a fresh browser context. With js false the page's
// scripts never run (Emulation.setScriptExecutionDisabled), as for a reader
// who turned JavaScript off.
func (b *Browser) NewTab(name string, js bool) *Tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	tab := &Tab{t: b.t, ctx: ctx, base: b.base, name: name, b: b}
	// The tab's event loop lives as long as the context of its first Do,
	// so that one must not be a step's timeout; the browser's own deadline
	// still bounds it.
	if err := chromedp.Do(ctx); err != nil {
		tab.fail("open a tab", err)
	}
	if !js {
		sctx, scancel := context.WithTimeout(ctx, StepTimeout)
		defer scancel()
		if _, err := chromedp.Call(sctx, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			b.t.Fatalf("%s: turn JavaScript off: %v", name, err)
		}
	}
	return tab
}

// Name is the tab's name, for messages and file names.
func (tab *Tab) Name() string { return tab.name }

// Ctx is the tab's chromedp context, for actions the helpers lack; bound
// each call with a timeout.
func (tab *Tab) Ctx() context.Context { return tab.ctx }

// Do runs actions with the step timeout, failing the test (with a screenshot
// of the page as it was) when one fails.
func (tab *Tab) Do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, StepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tab.fail(what, err)
	}
}

// Run runs one action that returns a value, with the step timeout.
func Run[T any](tab *Tab, what string, action chromedp.Action[T]) T {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, StepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		tab.fail(what, err)
	}
	return v
}

// Eval evaluates a JavaScript expression in the page (through DevTools, so
// it runs even with the page's scripts off) and decodes its value.
func Eval[T any](tab *Tab, expr string) T {
	tab.t.Helper()
	return Run(tab, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

func (tab *Tab) fail(what string, err error) {
	tab.t.Helper()
	msg := fmt.Sprintf("%s: %s: %v", tab.name, what, err)
	if errors.Is(err, context.DeadlineExceeded) {
		msg += fmt.Sprintf(" (gave up after %s)", StepTimeout)
	}
	ctx, cancel := context.WithTimeout(tab.ctx, 5*time.Second)
	defer cancel()
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		msg += "\npage: " + loc
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		if p, err := writeScreenshot(tab.t, tab.name+"-failed", png); err == nil {
			msg += "\nscreenshot: " + p
		}
	}
	if out := tab.b.output.String(); out != "" {
		msg += "\nChromium said:\n" + lastLines(out, 20)
	}
	tab.t.Fatal(msg)
}

// Open loads a path of the test server and fails unless it answers 200.
func (tab *Tab) Open(path string) {
	tab.t.Helper()
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		tab.t.Fatalf("%s: Open takes a path on the test server, not %q", tab.name, path)
	}
	resp := Run(tab, "open "+path, chromedp.NavigateResponse(tab.base+path))
	if resp == nil || resp.Status != 200 {
		tab.t.Fatalf("%s: open %s: status %v", tab.name, path, status(resp))
	}
}

// Submit clicks what sel finds (a submit button, a link) and waits for the
// page it leads to, which must answer 200 on the test server. It returns
// the path (with query and fragment) of the page now shown.
func (tab *Tab) Submit(sel string) string {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, StepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		tab.fail("click "+sel+" and wait for the next page", err)
	}
	if resp == nil || resp.Status != 200 {
		tab.t.Fatalf("%s: click %s: the next page answered %v", tab.name, sel, status(resp))
	}
	return tab.Path()
}

// Path is the path, query and fragment of the page shown; it fails the test
// if the tab has left the test server.
func (tab *Tab) Path() string {
	tab.t.Helper()
	loc := Run(tab, "read the location", chromedp.Location())
	if !strings.HasPrefix(loc, tab.base+"/") {
		tab.t.Fatalf("%s: the tab left the test server: %s", tab.name, loc)
	}
	u, err := url.Parse(loc)
	if err != nil {
		tab.t.Fatalf("%s: location %q: %v", tab.name, loc, err)
	}
	p := u.RequestURI()
	if u.Fragment != "" {
		p += "#" + u.Fragment
	}
	return p
}

// Fill types text into the field sel finds, as a person would.
func (tab *Tab) Fill(sel, text string) {
	tab.t.Helper()
	tab.Do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// Choose sets a select's (or any field's) value.
func (tab *Tab) Choose(sel, value string) {
	tab.t.Helper()
	tab.Do("choose "+value+" in "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

// Click clicks what sel finds without waiting for a page.
func (tab *Tab) Click(sel string) {
	tab.t.Helper()
	tab.Do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Text is the visible text of what sel finds, trimmed.
func (tab *Tab) Text(sel string) string {
	tab.t.Helper()
	return strings.TrimSpace(Run(tab, "read the text of "+sel, chromedp.Text(chromedp.CSS(sel))))
}

// Attr is an attribute of what sel finds ("" when it has none).
func (tab *Tab) Attr(sel, name string) string {
	tab.t.Helper()
	return Run(tab, "read "+name+" of "+sel, chromedp.AttributeValue(chromedp.CSS(sel), name)).Value
}

// WaitVisible waits, up to the step timeout, until sel finds a visible element.
func (tab *Tab) WaitVisible(sel string) {
	tab.t.Helper()
	tab.Do("wait until "+sel+" is visible", chromedp.WaitVisible(chromedp.CSS(sel)))
}

// Visible reports whether what sel finds is rendered now, by the page's own
// Element.checkVisibility: false under display:none and inside a closed
// <details>, whose content Chromium hides with content-visibility, which
// chromedp's WaitNotVisible (box sizes) does not see.
func (tab *Tab) Visible(sel string) bool {
	tab.t.Helper()
	return Eval[bool](tab, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		if (!el) throw new Error("nothing matches " + %q);
		return el.checkVisibility();
	})()`, sel, sel))
}

// Screenshot saves a full-page PNG named after the test and name, and
// returns its path.
func (tab *Tab) Screenshot(name string) string {
	tab.t.Helper()
	png := Run(tab, "take a screenshot", chromedp.FullScreenshot(100))
	p, err := writeScreenshot(tab.t, name, png)
	if err != nil {
		tab.t.Fatal(err)
	}
	return p
}

// ScreenshotDir is where screenshots go: $TIDINGS_SCREENSHOTS, else
// tidings-screenshots in the system's temporary directory.
func ScreenshotDir() string {
	if d := os.Getenv("TIDINGS_SCREENSHOTS"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "tidings-screenshots")
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func writeScreenshot(t testing.TB, name string, png []byte) (string, error) {
	dir := ScreenshotDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("screenshot directory: %w", err)
	}
	p := filepath.Join(dir, unsafeFileChars.ReplaceAllString(t.Name()+"-"+name, "_")+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		return "", fmt.Errorf("save screenshot: %w", err)
	}
	return p, nil
}

func status(resp *network.Response) string {
	if resp == nil {
		return "nothing"
	}
	return fmt.Sprintf("%d %s (%s)", resp.Status, resp.StatusText, resp.URL)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// syncBuffer collects Chromium's output, written from another goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
