package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// TestRefusedCommentKeepsText sends comments the forum refuses, as a form
// without script would, and wants the thread back with the text still in
// its form and the reason, in a sentence, beside it.
func TestRefusedCommentKeepsText(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Harbour bridge reopens", "")
	top := w.comment(t, w.alice, p.ID, 0, "Pictures are up.")
	_, bob := w.user(t, "bob")
	long := strings.Repeat("Far too long. ", 1000)

	r := bob.Post("/post/"+id(p.ID)+"/comment", form("parent", "0", "body", long))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	main := mainOf(r.Body)
	wantContains(t, main, `<h1 class="post-title">`, "Harbour bridge reopens", "Pictures are up.",
		`<p class="field-error" id="new-comment-error">The comment is too long: `,
		`aria-describedby="new-comment-error"`,
		">"+html.EscapeString(long)+"</textarea>")
	if strings.Contains(main, "/post/"+id(p.ID)+"/comment#") || strings.Contains(main, `name="return" value="/post/`+id(p.ID)+`/comment`) {
		t.Error("links on the refused page lead back to the form's address")
	}
	wantSafe(t, r.Body)

	// A reply: its form opens under the comment, with the text.
	r = bob.Post("/post/"+id(p.ID)+"/comment", form("parent", id(top.ID), "body", "   "))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	main = mainOf(r.Body)
	wantContains(t, main, `<details class="reply" open>`,
		`<p class="field-error" id="reply-error-`+id(top.ID)+`">The comment is empty.</p>`,
		`<textarea id="reply-`+id(top.ID)+`" name="body" rows="4" maxlength="10000" required aria-describedby="reply-error-`+id(top.ID)+`" aria-invalid="true" autofocus>   </textarea>`)
	if n := strings.Count(main, `class="field-error"`); n != 1 {
		t.Errorf("%d reasons shown, want the one beside the reply form", n)
	}
	if n := count(t, w.s, `SELECT count(*) FROM comments WHERE post_id = $1`, p.ID); n != 1 {
		t.Errorf("%d comments stored, want only alice's", n)
	}
}
