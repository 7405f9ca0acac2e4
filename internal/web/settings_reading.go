package web

import (
	"net/http"
	"slices"

	"github.com/tidings/tidings/internal/forum"
)

type readingPage struct {
	page
	Form      forum.ReadingSettings
	Languages []languageChoice
	Saved     bool
}

// languageChoice is one checkbox of the languages a person reads.
type languageChoice struct {
	Code, Name string
	Checked    bool
}

func languageChoices(chosen []string) []languageChoice {
	var out []languageChoice
	for _, l := range forum.Languages {
		if l.Code == "und" {
			continue // always read
		}
		out = append(out, languageChoice{Code: l.Code, Name: l.Name, Checked: slices.Contains(chosen, l.Code)})
	}
	return out
}

// settingsReading shows how the reader reads: read posts, scores, bots,
// NSFW blur and languages.
func (h *Handler) settingsReading(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	in := forum.ReadingSettings{ShowReadPosts: u.ShowReadPosts, ShowScores: u.ShowScores,
		ShowBotAccounts: u.ShowBotAccounts, BlurNSFW: u.BlurNSFW, Languages: u.Languages(), BotAccount: u.Bot}
	p := readingPage{page: h.newPage(r, "Reading settings"), Form: in, Languages: languageChoices(in.Languages),
		Saved: r.URL.Query().Get("saved") == "1"}
	p.Canonical = ""
	h.render(w, r, http.StatusOK, "settings_reading", p)
}

// settingsReadingSave saves them; a checkbox not sent is off.
func (h *Handler) settingsReadingSave(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Settings not saved", errorText(err))
		return
	}
	f := r.PostForm
	in := forum.ReadingSettings{ShowReadPosts: f.Get("show_read_posts") == "on", ShowScores: f.Get("show_scores") == "on",
		ShowBotAccounts: f.Get("show_bot_accounts") == "on", BlurNSFW: f.Get("blur_nsfw") == "on",
		Languages: f["languages"], BotAccount: f.Get("bot_account") == "on"}
	if err := h.forum.UpdateReading(r.Context(), u, in); err != nil {
		if isInput(err) {
			p := readingPage{page: h.newPage(r, "Reading settings"), Form: in, Languages: languageChoices(in.Languages)}
			p.Error = errorText(err) + " Nothing was saved."
			h.render(w, r, statusFor(err), "settings_reading", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/reading?saved=1", http.StatusSeeOther)
}
