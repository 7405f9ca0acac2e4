package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// reading saves alice's reading settings through the form.
func saveReading(t *testing.T, w *world, form url.Values) {
	t.Helper()
	wantRedirect(t, w.c.Post("/settings/reading", form), "/settings/reading?saved=1")
}

func TestReadingSettingsFilterListingsAndThreads(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	bob, _ := w.user(t, "bob")
	robot, robotC := w.user(t, "robot")
	// The bot says so itself, in its settings.
	wantRedirect(t, robotC.Post("/settings/reading", url.Values{"bot_account": {"on"}, "show_read_posts": {"on"},
		"show_scores": {"on"}, "show_bot_accounts": {"on"}}), "/settings/reading?saved=1")
	wantContains(t, w.c.Get("/u/robot").Body, `<span class="tag">Bot</span>`)

	read := w.post(t, bob, "Already read this one", "")
	unread := w.post(t, bob, "Not opened yet", "")
	w.post(t, robot, "Automated digest", "")
	for lang, title := range map[string]string{"en": "Written in English", "de": "Auf Deutsch geschrieben"} {
		if _, err := w.s.Forum.CreatePost(ctx, bob, forum.PostInput{CommunityID: w.comm.ID, Title: title, Language: lang}); err != nil {
			t.Fatal(err)
		}
	}
	w.comment(t, bob, unread.ID, 0, "A comment by a person")
	w.comment(t, robot, unread.ID, 0, "Beep, a comment by a bot")
	botWithReply := w.comment(t, robot, unread.ID, 0, "Beep again")
	w.comment(t, bob, unread.ID, botWithReply.ID, "Answering the bot")
	englishComment := w.comment(t, bob, unread.ID, 0, "An English comment")
	if _, err := w.s.Pool.Exec(ctx, `UPDATE comments SET language = 'en' WHERE id = $1`, englishComment.ID); err != nil {
		t.Fatal(err)
	}

	everything := []string{"Already read this one", "Not opened yet", "Automated digest", "Written in English", "Auf Deutsch geschrieben"}
	wantContains(t, w.c.Get("/").Body, everything...)
	wantContains(t, w.c.Get("/post/"+id(read.ID)).Body, `<span class="score" title="1 up, 0 down">1</span>`) // opened: now read

	saveReading(t, w, url.Values{"blur_nsfw": {"on"}, "languages": {"de", "und", "de"}})
	settings := w.c.Get("/settings/reading")
	wantContains(t, settings.Body, `name="languages" value="de" checked`, `name="blur_nsfw" checked`)
	wantNotContains(t, settings.Body, `name="show_scores" checked`, `name="languages" value="en" checked`)

	front := w.c.Get("/")
	wantContains(t, front.Body, "Not opened yet", "Auf Deutsch geschrieben")
	wantNotContains(t, front.Body, "Already read this one", "Automated digest", "Written in English")
	// Scores are gone from the page, votes still work.
	wantContains(t, front.Body, `<span class="score" hidden></span>`, `aria-label="Upvote"`)
	wantNotContains(t, front.Body, `title="1 up, 0 down"`)

	thread := w.c.Get("/post/" + id(unread.ID))
	wantContains(t, thread.Body, "A comment by a person", "Answering the bot", "<summary>hidden: a bot's comment</summary>",
		`<span class="score" hidden></span>`)
	wantNotContains(t, thread.Body, "Beep, a comment by a bot", "Beep again", "An English comment", " points</span>", " point</span>")
	wantSafe(t, thread.Body)

	// Everyone else reads as before: bob, and anyone logged out.
	_, bobC := w.user(t, "bobby")
	for _, page := range []string{bobC.Get("/").Body, w.s.NewClient().Get("/").Body} {
		wantContains(t, page, everything...)
		wantContains(t, page, `title="1 up, 0 down"`)
	}
	anonThread := w.s.NewClient().Get("/post/" + id(unread.ID))
	wantContains(t, anonThread.Body, "Beep, a comment by a bot", "An English comment", "1 point</span>")
}

func TestReadingSettingsRefuseUnknownLanguages(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.c.Post("/settings/reading", url.Values{"languages": {"de", "klingon"}, "show_scores": {"on"}})
	wantError(t, r, http.StatusUnprocessableEntity, `"klingon" is not a language this site knows. Nothing was saved.`)
	// Nothing was saved: every default still holds.
	settings := w.c.Get("/settings/reading")
	wantContains(t, settings.Body, `name="show_read_posts" checked`, `name="show_bot_accounts" checked`, `name="show_scores" checked`)
	wantNotContains(t, settings.Body, `value="de" checked`)
}

func TestBlurNSFW(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	post, err := w.s.Forum.CreatePost(ctx, w.alice, forum.PostInput{CommunityID: w.comm.ID, Title: "Spicy",
		URL: "https://example.com/spicy", Body: "Some *spicy* text", NSFW: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Pool.Exec(ctx, `UPDATE posts SET thumbnail_url = 'https://example.com/t.jpg' WHERE id = $1`, post.ID); err != nil {
		t.Fatal(err)
	}
	linkMode(t, w.s) // shown from example.com, which this test does not serve
	wantRedirect(t, w.c.Post("/settings", url.Values{"default_sort": {"hot"}, "default_listing": {"all"}, "show_nsfw": {"on"}}),
		"/settings?saved=1")
	// By default the picture and the text wait behind a summary.
	row := w.c.Get("/")
	wantContains(t, row.Body, `<details class="thumb nsfw-blur"><summary title="NSFW: show the picture"><img src="https://example.com/t.jpg"`)
	page := w.c.Get("/post/" + id(post.ID))
	wantContains(t, page.Body, `<details class="preview nsfw-blur">`, `<details class="nsfw-text"><summary>This post is marked NSFW. Show its text</summary>`)
	wantContains(t, w.s.NewClient().Get("/post/"+id(post.ID)).Body, `<details class="nsfw-text">`)

	saveReading(t, w, url.Values{"show_read_posts": {"on"}, "show_scores": {"on"}, "show_bot_accounts": {"on"}})
	wantContains(t, w.c.Get("/").Body, `<a class="thumb" href="https://example.com/spicy"`)
	page = w.c.Get("/post/" + id(post.ID))
	wantNotContains(t, page.Body, "nsfw-blur", "nsfw-text")
	wantContains(t, page.Body, `<div class="body md"><p>Some <em>spicy</em> text</p>`)
}
