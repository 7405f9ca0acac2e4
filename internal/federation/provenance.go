package federation

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
)

// provenance is whether a post or comment in an activity must be checked
// at its author's server: when a community on another server relayed it.
// What the community's own server's people write, and what an author's
// server sends us itself, signed, needs no check.
func (in incoming) provenance(page ap.Page) forum.Provenance {
	if !in.relayedFromElsewhere(page.ID) {
		return forum.Provenance{}
	}
	version := page.Updated.Time
	if version.IsZero() {
		version = page.Published.Time
	}
	return forum.Provenance{Relayed: true, Version: version}
}

// deletionProvenance is provenance for an author's deletion of object
// (deleted), or its Undo: a deletion relayed from a third server is
// checked expecting the author's server not to have the object, and its
// Undo as a new version of it, of no known date.
func (in incoming) deletionProvenance(object string, deleted bool) forum.Provenance {
	if !in.relayedFromElsewhere(object) {
		return forum.Provenance{}
	}
	return forum.Provenance{Relayed: true, Deleted: deleted}
}

// relayedFromElsewhere reports an activity about object that a community
// relayed from a server other than its own: only the object's server
// speaks for its author.
func (in incoming) relayedFromElsewhere(object string) bool {
	return in.via != nil && !ap.SameOrigin(object, in.via.APID)
}

// VerifyAtOrigin fetches a post or comment (check.Object) that a
// community on another server relayed from its author's server, and
// settles what we stored. A relayed deletion (check.Gone) is settled by
// verifyGone; anything else so:
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
func (h *Handler) VerifyAtOrigin(ctx context.Context, check forum.VerifyOriginArgs) (forum.Verdict, error) {
	objectID, version := check.Object, check.Version
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
	if check.Gone {
		return h.verifyGone(ctx, stored)
	}
	if stored.Hidden() {
		return forum.VerdictMoot, nil
	}
	raw, gone, err := h.fetchOrigin(ctx, objectID)
	if err != nil {
		return "", err
	}
	origin := ap.Domain(objectID)
	if gone {
		return h.takeDown(ctx, stored, fmt.Sprintf("its author's server, %s, does not have it", origin))
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

// verifyGone settles a relayed deletion of o: its author's server that
// has it no more (404, 410, a Tombstone, no post or comment there)
// confirms it, as does one that says another wrote it, whose content it
// is not then; one that still has it by the same author did not delete
// it, and it is restored. What is shown again (by a later Undo, checked
// on its own) or was removed meanwhile is left as it is.
func (h *Handler) verifyGone(ctx context.Context, o forum.RelayedObject) (forum.Verdict, error) {
	if !o.Deleted || o.Removed {
		return forum.VerdictMoot, nil
	}
	raw, gone, err := h.fetchOrigin(ctx, o.APID)
	if err != nil {
		return "", err
	}
	if gone {
		return forum.VerdictConfirmed, nil
	}
	page, err := postOrComment(raw)
	if err != nil || ap.Author(page) != o.CreatorAPID {
		return forum.VerdictConfirmed, nil
	}
	reason := fmt.Sprintf("its author's server, %s, still has it: its author did not delete it", ap.Domain(o.APID))
	if err := h.forum.RestoreRelayed(ctx, o, reason); err != nil {
		return "", fmt.Errorf("restore %s: %w", o.APID, err)
	}
	return forum.VerdictRestored, nil
}

// fetchOrigin fetches objectID from its server for a check, and reports
// whether the server says it has it not (404, 410, a Tombstone). An
// answer that settles nothing, and never will (the server refuses us,
// or answers something else than ActivityPub), is forum.ErrUnverifiable;
// other errors may pass.
func (h *Handler) fetchOrigin(ctx context.Context, objectID string) (raw []byte, gone bool, err error) {
	if err := h.refuseFetch(ctx, objectID); err != nil {
		return nil, false, fmt.Errorf("verify at its origin: %w: %w", forum.ErrUnverifiable, err)
	}
	raw, err = h.resolver.Fetcher.Fetch(ctx, objectID)
	var status *safehttp.StatusError
	switch {
	case errors.Is(err, ErrGone), errors.As(err, &status) && status.StatusCode == http.StatusNotFound:
		return nil, true, nil
	case err != nil && (safehttp.Permanent(err) || errors.Is(err, ErrNotActivityJSON) || errors.Is(err, ErrIDMismatch)):
		return nil, false, fmt.Errorf("verify at its origin: %w: %w", forum.ErrUnverifiable, err)
	case err != nil:
		return nil, false, fmt.Errorf("verify at its origin: %w", err)
	}
	return raw, false, nil
}

func (h *Handler) takeDown(ctx context.Context, o forum.RelayedObject, reason string) (forum.Verdict, error) {
	if err := h.forum.TakeDownRelayed(ctx, o, reason); err != nil {
		return "", fmt.Errorf("take down %s: %w", o.APID, err)
	}
	return forum.VerdictTakenDown, nil
}
