package federation

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
)

// provenance is whether a post or comment in an activity must be checked
// at its author's server: when a community on another server relayed it.
// What the community's own server's people write, and what an author's
// server sends us itself, signed, needs no check.
func (in incoming) provenance(page ap.Page) forum.Provenance {
	if in.via == nil || ap.SameOrigin(page.ID, in.via.APID) {
		return forum.Provenance{}
	}
	version := page.Updated.Time
	if version.IsZero() {
		version = page.Published.Time
	}
	return forum.Provenance{Relayed: true, Version: version}
}

// VerifyAtOrigin fetches a post or comment that a community on another
// server relayed from its author's server, and settles what we stored:
//   - the origin serves it by the same author, showing readers the same
//     title, link and text: confirmed, nothing changes;
//   - the origin has a version edited after the one relayed (version): an
//     edit we missed, stored now;
//   - the origin does not have it (404, 410, a Tombstone, no post or comment
//     at that address), names another author, or has other content and no
//     later edit: taken down, as a moderator's removal, with the reason in
//     the moderation log.
//
// An origin that cannot be reached, or refuses us, is an error, for the
// caller to retry or give up on: unverifiable is not forged, and the
// content stays as it is.
func (h *Handler) VerifyAtOrigin(ctx context.Context, objectID string, version time.Time) (forum.Verdict, error) {
	if h.resolver == nil {
		return "", errors.New("verify at origin: this process does not federate")
	}
	stored, err := h.forum.Relayed(ctx, objectID)
	if errors.Is(err, forum.ErrNotFound) {
		return forum.VerdictMoot, nil
	}
	if err != nil {
		return "", fmt.Errorf("verify %s at its origin: %w", objectID, err)
	}
	if stored.Hidden {
		return forum.VerdictMoot, nil
	}
	if err := h.refuseFetch(ctx, objectID); err != nil {
		return "", fmt.Errorf("verify at its origin: %w: %w", forum.ErrUnverifiable, err)
	}
	origin := ap.Domain(objectID)
	raw, err := h.resolver.Fetcher.Fetch(ctx, objectID)
	var status *safehttp.StatusError
	switch {
	case errors.Is(err, ErrGone), errors.As(err, &status) && status.StatusCode == http.StatusNotFound:
		return h.takeDown(ctx, stored, fmt.Sprintf("its author's server, %s, does not have it", origin))
	case err != nil && (safehttp.Permanent(err) || errors.Is(err, ErrNotActivityJSON) || errors.Is(err, ErrIDMismatch)):
		return "", fmt.Errorf("verify at its origin: %w: %w", forum.ErrUnverifiable, err)
	case err != nil:
		return "", fmt.Errorf("verify at its origin: %w", err)
	}
	page, err := postOrComment(raw)
	if err != nil {
		return h.takeDown(ctx, stored, fmt.Sprintf("its author's server, %s, has no post or comment at its address", origin))
	}
	if ap.Author(page) != stored.CreatorAPID {
		return h.takeDown(ctx, stored, fmt.Sprintf("its author's server, %s, says someone else wrote it", origin))
	}
	text, bodyHTML := contentOf(page, maxContentHTML(page))
	theirs := forum.RemoteEdit{Title: ap.PostTitle(page), URL: ap.PostURL(page), Body: text, BodyHTML: bodyHTML}
	switch {
	case stored.SameForReaders(theirs):
		return forum.VerdictConfirmed, nil
	case page.Updated.After(version):
		err := h.forum.CorrectRelayed(ctx, stored, theirs)
		if forum.IsInputError(err) {
			// The author's own version, which we would not store (no
			// title, say): it is theirs all the same, so nothing is taken
			// down.
			err = fmt.Errorf("%w: %w", forum.ErrUnverifiable, err)
		}
		if err != nil {
			return "", fmt.Errorf("store the version of %s at its origin: %w", objectID, err)
		}
		return forum.VerdictEdited, nil
	}
	return h.takeDown(ctx, stored, fmt.Sprintf("its author's server, %s, has other content for it, and no later edit", origin))
}

func (h *Handler) takeDown(ctx context.Context, o forum.RelayedObject, reason string) (forum.Verdict, error) {
	if err := h.forum.TakeDownRelayed(ctx, o, reason); err != nil {
		return "", fmt.Errorf("take down %s: %w", o.APID, err)
	}
	return forum.VerdictTakenDown, nil
}
