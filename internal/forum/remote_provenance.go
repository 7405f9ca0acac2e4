package forum

import (
	"context"
	"errors"
	"strings"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// Provenance says whether remote content must be checked at its author's
// server. A community vouches for what happens in it, but only its own
// server speaks for its own people: a post or comment by a person on a
// third server, relayed by the community (FEP-1b12), is stored at once, as
// FEP-1b12 intends, and asked of the author's server in the background, so
// that a community cannot put words in the mouth of someone elsewhere.
type Provenance struct {
	// Relayed: a community on another server than the author's sent it.
	Relayed bool
	// Version is when the relayed version says it was last edited, or
	// else written.
	Version time.Time
	// Deleted: what was relayed is the author's deletion of it.
	Deleted bool
}

// checkOrigin queues the check of relayed content at its origin, in the
// transaction that stores it.
func (s *Service) checkOrigin(ctx context.Context, tx *store.Store, p Provenance, apID string) error {
	if !p.Relayed {
		return nil
	}
	return s.enqueue(ctx, tx, VerifyOriginArgs{Object: apID, Version: p.Version.UTC(), Gone: p.Deleted})
}

// checkOriginOf is checkOrigin for a stored post or comment.
func (s *Service) checkOriginOf(ctx context.Context, tx *store.Store, p Provenance, t Target) error {
	if !p.Relayed {
		return nil
	}
	apID, err := objectAPID(ctx, tx, t)
	if err != nil {
		return err
	}
	return s.checkOrigin(ctx, tx, p, apID)
}

// Verdict is what the check of relayed content at its origin found.
type Verdict string

// Verdicts of a check at the origin.
const (
	// VerdictConfirmed: the origin serves what we stored.
	VerdictConfirmed Verdict = "confirmed"
	// VerdictEdited: the origin has a newer version, an edit we missed;
	// it is stored now.
	VerdictEdited Verdict = "edited at its origin"
	// VerdictTakenDown: the origin disowns it; it was removed.
	VerdictTakenDown Verdict = "taken down"
	// VerdictRestored: the origin still has what a relayed deletion
	// deleted, by the same author; it was restored.
	VerdictRestored Verdict = "restored"
	// VerdictMoot: nothing left to check (gone here, or hidden already).
	VerdictMoot Verdict = "nothing to check"
)

// ErrUnverifiable: the origin's answer settles nothing and will not
// change (it refuses us, or serves something that is not ActivityPub):
// the content stays as it is, unverified.
var ErrUnverifiable = errors.New("cannot be verified at its origin")

// ErrChangedMeanwhile: the content changed here while its origin was
// asked; the answer is about an older version, so ask again.
var ErrChangedMeanwhile = errors.New("changed while its origin was asked")

// RelayedObject is a stored remote post or comment as its readers see it,
// to be compared with its origin's version.
type RelayedObject struct {
	Target
	APID        string
	CommunityID int64
	CreatorID   int64
	CreatorAPID string
	Title       string // of a post
	URL         string // of a post
	BodyHTML    string
	// Deleted and Removed: deleted (by its author, or by what was relayed
	// as its author's deletion), removed (by a moderator, or a check).
	// Either way readers do not see it, and there is nothing to take down.
	Deleted, Removed bool
}

// Hidden reports an object readers do not see.
func (o RelayedObject) Hidden() bool { return o.Deleted || o.Removed }

// Relayed reads the post or comment whose ActivityPub id is apID.
func (s *Service) Relayed(ctx context.Context, apID string) (RelayedObject, error) {
	return readRelayed(ctx, s.store, apID)
}

func readRelayed(ctx context.Context, st *store.Store, apID string) (RelayedObject, error) {
	ref, err := st.ObjectByAPID(ctx, apID)
	if errors.Is(err, store.ErrNotFound) {
		return RelayedObject{}, notFound("%s is not stored here", apID)
	}
	if err != nil {
		return RelayedObject{}, err
	}
	o := RelayedObject{Target: Target{PostID: ref.PostID, CommentID: ref.CommentID}, APID: apID}
	p, err := st.PostByID(ctx, ref.PostID)
	if err != nil {
		return RelayedObject{}, err
	}
	o.CommunityID = p.CommunityID
	if ref.CommentID == 0 {
		o.CreatorID, o.Title, o.URL, o.BodyHTML, o.Deleted, o.Removed = p.CreatorID, p.Title, p.URL, p.BodyHTML,
			p.Deleted, p.Removed
	} else {
		c, err := st.CommentByID(ctx, ref.CommentID)
		if err != nil {
			return RelayedObject{}, err
		}
		o.CreatorID, o.BodyHTML, o.Deleted, o.Removed = c.CreatorID, c.BodyHTML, c.Deleted, c.Removed
	}
	author, err := st.PersonByID(ctx, o.CreatorID)
	if err != nil {
		return RelayedObject{}, err
	}
	o.CreatorAPID = author.APID
	return o, nil
}

// SameForReaders reports whether e shows a reader what o does: the same
// title and link, and the same text, whatever the markup around it.
// Servers render one markdown source differently, and sanitizers differ;
// the words do not.
func (o RelayedObject) SameForReaders(e RemoteEdit) bool {
	if o.CommentID == 0 {
		link := e.URL
		if link != "" && CheckLink(link) != nil {
			link = "" // as it would have been stored
		}
		if runes.Cut(e.Title, MaxTitleLen) != o.Title || link != o.URL {
			return false
		}
	}
	return visibleText(o.BodyHTML) == visibleText(e.BodyHTML)
}

// visibleText is the text of HTML as a reader sees it, with runs of white
// space as one space.
func visibleText(html string) string {
	return strings.Join(strings.Fields(ap.HTMLText(html)), " ")
}

// TakeDownRelayed removes relayed content that its author's server
// disowns, as a moderator's removal would, and writes the reason in the
// moderation log with no moderator: nobody here acted, the check did.
func (s *Service) TakeDownRelayed(ctx context.Context, o RelayedObject, reason string) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := unchangedSince(ctx, tx, o); err != nil {
			return err
		}
		removed := true
		entry := store.ModAction{Action: "remove_post", Automatic: true, CommunityID: o.CommunityID, PostID: o.PostID,
			CommentID: o.CommentID, Reason: runes.Cut(reason, 1000)}
		var err error
		if o.CommentID != 0 {
			entry.Action = "remove_comment"
			err = tx.SetCommentFlags(ctx, o.CommentID, nil, &removed)
		} else {
			err = tx.SetPostFlags(ctx, o.PostID, store.PostFlags{Removed: &removed})
		}
		if err != nil {
			return err
		}
		return tx.LogModAction(ctx, entry)
	})
}

// RestoreRelayed undoes a relayed deletion of content that its author's
// server still has, by the same author: the community that relayed it
// spoke for someone it does not speak for. The reason goes in the
// moderation log with no moderator, as a take-down's does.
func (s *Service) RestoreRelayed(ctx context.Context, o RelayedObject, reason string) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := unchangedSince(ctx, tx, o); err != nil {
			return err
		}
		deleted := false
		entry := store.ModAction{Action: "restore_post", Automatic: true, CommunityID: o.CommunityID, PostID: o.PostID,
			CommentID: o.CommentID, Reason: runes.Cut(reason, 1000)}
		var err error
		if o.CommentID != 0 {
			entry.Action = "restore_comment"
			err = tx.SetCommentFlags(ctx, o.CommentID, &deleted, nil)
		} else {
			err = tx.SetPostFlags(ctx, o.PostID, store.PostFlags{Deleted: &deleted})
		}
		if err != nil {
			return err
		}
		return tx.LogModAction(ctx, entry)
	})
}

// CorrectRelayed stores the origin's newer version of relayed content: an
// edit that reached the community after the version it relayed to us, or
// never reached us.
func (s *Service) CorrectRelayed(ctx context.Context, o RelayedObject, e RemoteEdit) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := unchangedSince(ctx, tx, o); err != nil {
			return err
		}
		return applyRemoteEdit(ctx, tx, o.Target, e)
	})
}

// unchangedSince locks the object and checks that it is still as o saw
// it: a verdict on an older version must not undo a newer one.
func unchangedSince(ctx context.Context, tx *store.Store, o RelayedObject) error {
	if err := tx.LockObject(ctx, o.PostID, o.CommentID); err != nil {
		return err
	}
	now, err := readRelayed(ctx, tx, o.APID)
	if err != nil {
		return err
	}
	if now != o {
		return ErrChangedMeanwhile
	}
	return nil
}
