package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/web/webtest"
)

// With script, the button beside a text box uploads a picture at once and
// puts its markdown where the cursor was; a refused file is said beside
// the box, and nothing is put in the text.
func TestBrowserInsertPicture(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	seedBrowserThread(t, s)
	br := s.Browser(t)
	tab := br.NewTab("alice", true)
	lookLogIn(t, tab, "alice")
	tab.Open("/create_post?community=worldnews")
	if got := tab.Text("button.upload-picture"); got != "Insert a picture" {
		t.Fatalf("beside the text box: %q, want the Insert a picture button", got)
	}
	tab.Fill("#body", "Before after")
	webtest.Eval[bool](tab, `(() => { document.querySelector("#body").setSelectionRange(7, 7); return true })()`)
	dir := t.TempDir()
	choose := func(name string, data []byte) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		tab.Do("choose "+name, chromedp.SetUploadFiles(chromedp.CSS("#body_image"), []string{path}))
	}
	status := func(want string) {
		t.Helper()
		deadline := time.Now().Add(webtest.StepTimeout)
		for got := ""; ; got = tab.Text(".upload-status") {
			if strings.Contains(got, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("beside the text box: %q, want %q", got, want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	choose("harbour.png", mediatest.PNG(400, 300, false))
	status("Picture inserted.")
	body := webtest.Eval[string](tab, `document.querySelector("#body").value`)
	if !strings.HasPrefix(body, "Before ![]("+s.URL+"/pictrs/image/") || !strings.HasSuffix(body, ")after") {
		t.Errorf("the text is %q, want the picture's markdown where the cursor was", body)
	}
	if v := webtest.Eval[string](tab, `document.querySelector("#body_image").value`); v != "" {
		t.Errorf("the file field still holds %q, which the form would send again", v)
	}
	if n := count(t, s, `SELECT count(*) FROM images WHERE purpose = 'markdown'`); n != 1 {
		t.Errorf("%d pictures stored, want 1", n)
	}

	choose("notes.png", mediatest.NotImage())
	status("not an image that can be used here")
	if after := webtest.Eval[string](tab, `document.querySelector("#body").value`); after != body {
		t.Errorf("a refused file changed the text to %q", after)
	}
	if n := count(t, s, `SELECT count(*) FROM images`); n != 1 {
		t.Errorf("%d pictures stored after a refusal, want 1", n)
	}
}
