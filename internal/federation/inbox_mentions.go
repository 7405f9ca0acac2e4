package federation

import (
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// mentionedHere are the actors of ours that a remote post or comment
// names, for their notifications: the hrefs of the Mention tags of the
// object (Mbin, PieFed, Mastodon) and of the activity (where Lemmy puts
// them), and the links of its sanitized HTML, as Mastodon's kin link
// (some send the link without the tag). Only our own actor ids are kept;
// the forum tells people from communities.
func (h *Handler) mentionedHere(act ap.Activity, page ap.Page, bodyHTML string) []string {
	prefix := h.iri.Base() + "/u/"
	var out []string
	seen := map[string]bool{}
	hrefs := append(append(page.Tag.Mentions(), act.Tag.Mentions()...), ap.HTMLLinks(bodyHTML)...)
	for _, href := range hrefs {
		if strings.HasPrefix(href, prefix) && !seen[href] {
			seen[href] = true
			out = append(out, href)
		}
	}
	return out
}
