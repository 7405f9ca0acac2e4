package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/web/webtest"
)

// A thread's comment sort is a menu, as the listings' is: with its Show
// button without script, on its own with script.
func TestBrowserThreadSortMenu(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	th := seedBrowserThread(t, s)
	thread := "/post/" + strconv.FormatInt(th.post.ID, 10)
	br := s.Browser(t)

	plain := br.NewTab("no-script", false)
	plain.Open(thread)
	plain.Choose("#comment-sort", "new")
	// Back at the comments, sorted.
	if p := plain.Submit("#comment-sort ~ button[type=submit]"); p != thread+"?sort=new#comments-h" {
		t.Errorf("the Show button led to %s, want %s?sort=new#comments-h", p, thread)
	}
	if got := webtest.Eval[string](plain, `document.querySelector("#comment-sort").value`); got != "new" {
		t.Errorf("after choosing New the menu shows %q", got)
	}

	js := br.NewTab("script", true)
	js.Open(thread)
	if js.Visible("#comment-sort ~ button[type=submit]") {
		t.Error("with script the Show button is still shown")
	}
	webtest.Eval[bool](js, `(() => { const s = document.querySelector("#comment-sort"); s.value = "top";
		s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	deadline := time.Now().Add(webtest.StepTimeout)
	for !strings.HasSuffix(js.Path(), "?sort=top#comments-h") {
		if time.Now().After(deadline) {
			t.Fatalf("choosing Top left the tab at %s", js.Path())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
