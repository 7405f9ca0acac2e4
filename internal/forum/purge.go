package forum

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// What an admin may purge.
const (
	PurgePost      = "post"
	PurgeComment   = "comment"
	PurgePerson    = "person"
	PurgeCommunity = "community"
)

// PurgeKinds are the kinds of purge, in the order pages list them.
var PurgeKinds = []string{PurgePost, PurgeComment, PurgePerson, PurgeCommunity}

// PurgeTarget is what a purge deletes, as an admin confirms it: the
// target, by the name the moderation log keeps, and what goes with it.
type PurgeTarget struct {
	Kind  string
	ID    int64
	Name  string
	Scope store.PurgeScope
	// Where the target is, for the log: a post's or comment's community.
	communityID int64
}

// PurgePreview is what purging the target would delete, for an admin to
// confirm; nothing changes.
func (s *Service) PurgePreview(ctx context.Context, by Acting, kind string, id int64) (PurgeTarget, error) {
	if err := requireAdmin(ctx, s.store, by); err != nil {
		return PurgeTarget{}, err
	}
	return s.purgeTarget(ctx, s.store, by, kind, id)
}

// Purge deletes a post, comment, person or community for good, with what
// it owns (comments, the replies beneath them, votes, follows...), and
// writes the purge in the moderation log under the target's name. Nothing
// else in Tidings is ever deleted. Purges are not federated, as in Lemmy:
// other instances keep their copies (a removal or a ban with its content
// removed, sent first, reaches them). by must be an admin, checked in the
// transaction.
func (s *Service) Purge(ctx context.Context, by Acting, kind string, id int64, reason string) (PurgeTarget, error) {
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return PurgeTarget{}, inputErr("reason", "the reason is too long: use at most %d characters", MaxReasonLen)
	}
	var t PurgeTarget
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		var err error
		if t, err = s.purgeTarget(ctx, tx, by, kind, id); err != nil {
			return err
		}
		entry := store.ModAction{Action: "purge_" + kind, ModeratorID: by.personID(), Reason: reason,
			TargetName: runes.Cut(t.Name, 1000)}
		switch kind {
		case PurgePost:
			entry.CommunityID = t.communityID
			err = tx.PurgePost(ctx, id)
		case PurgeComment:
			// Not the post: the entry would go with it, were it purged too.
			entry.CommunityID = t.communityID
			err = tx.PurgeComment(ctx, id)
		case PurgePerson:
			err = tx.PurgePerson(ctx, id)
		case PurgeCommunity:
			err = tx.PurgeCommunity(ctx, id)
		}
		if err != nil {
			return err
		}
		return tx.LogModAction(ctx, entry)
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("purge %s %d: %w", kind, id, err)
	}
	return t, err
}

// purgeTarget reads the target of a purge and what goes with it.
func (s *Service) purgeTarget(ctx context.Context, tx *store.Store, by Acting, kind string, id int64) (PurgeTarget, error) {
	t := PurgeTarget{Kind: kind, ID: id}
	var err error
	switch kind {
	case PurgePost:
		var p store.Post
		if p, err = tx.PostByID(ctx, id); err == nil {
			t.Name, t.communityID = p.Title, p.CommunityID
			t.Scope, err = tx.PostPurgeScope(ctx, id)
		}
	case PurgeComment:
		var c store.Comment
		if c, err = tx.CommentByID(ctx, id); err == nil {
			var p store.Post
			if p, err = tx.PostByID(ctx, c.PostID); err == nil {
				t.Name, t.communityID = commentName(c), p.CommunityID
				t.Scope, err = tx.CommentPurgeScope(ctx, id)
			}
		}
	case PurgePerson:
		var p store.Person
		if p, err = tx.PersonByID(ctx, id); err == nil {
			if err := mayPurgePerson(ctx, tx, by, p); err != nil {
				return t, err
			}
			t.Name = p.Name + "@" + p.Domain
			t.Scope, err = tx.PersonPurgeScope(ctx, id)
		}
	case PurgeCommunity:
		var c store.Community
		if c, err = tx.CommunityByID(ctx, id); err == nil {
			t.Name = c.Name + "@" + ap.Domain(c.APID)
			t.Scope, err = tx.CommunityPurgeScope(ctx, id)
		}
	default:
		return t, inputErr("kind", "%q cannot be purged: purge a post, a comment, a person or a community", kind)
	}
	if errors.Is(err, store.ErrNotFound) {
		return t, notFound("there is no %s %d to purge", kind, id)
	}
	return t, err
}

// mayPurgePerson refuses an admin's purge of themselves or of another
// admin from a page; the operator at the command line may.
func mayPurgePerson(ctx context.Context, tx *store.Store, by Acting, p store.Person) error {
	if by.operator || !p.Local {
		return nil
	}
	if p.ID == by.personID() {
		return forbidden("you cannot purge yourself")
	}
	u, err := tx.LocalUserByID(ctx, p.ID)
	if err != nil {
		return err
	}
	if u.Admin {
		return forbidden("%s is an admin, and admins do not purge each other here (the admin CLI can)", p.Name)
	}
	return nil
}

// commentName is how the log names a purged comment: the start of its
// text.
func commentName(c store.Comment) string {
	text := strings.Join(strings.Fields(ap.HTMLText(c.BodyHTML)), " ")
	if utf8.RuneCountInString(text) > 100 {
		text = runes.Cut(text, 99) + "…"
	}
	if text == "" {
		text = "comment " + fmt.Sprint(c.ID)
	}
	return text
}

// FindPurgeTarget finds what ref names, for a purge of kind: a post or a
// comment by its number here or by its URL (ours or its id on its own
// server), a person or a community by handle or id.
func (s *Service) FindPurgeTarget(ctx context.Context, kind, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, inputErr("target", "say which %s to purge", kind)
	}
	isURL := strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://")
	var id int64
	var err error
	switch kind {
	case PurgePost, PurgeComment:
		if n, ok := localNumber(ref, s.iri.Base()+"/"+kind+"/"); ok {
			return n, nil
		}
		if !isURL {
			return 0, inputErr("target", "give the %s's number or its URL", kind)
		}
		if kind == PurgePost {
			var p store.Post
			p, err = s.store.PostByAPID(ctx, ref)
			id = p.ID
		} else {
			var c store.Comment
			c, err = s.store.CommentByAPID(ctx, ref)
			id = c.ID
		}
	case PurgePerson:
		var p store.Person
		if isURL {
			p, err = s.store.PersonByAPID(ctx, ref)
		} else {
			p, err = s.PersonByHandle(ctx, ref)
		}
		id = p.ID
	case PurgeCommunity:
		var c store.Community
		if isURL {
			c, err = s.store.CommunityByAPID(ctx, ref)
		} else {
			c, err = s.AnyCommunityByHandle(ctx, ref)
		}
		id = c.ID
	default:
		return 0, inputErr("kind", "%q cannot be purged: purge a post, a comment, a person or a community", kind)
	}
	if errors.Is(err, store.ErrNotFound) {
		return 0, notFound("there is no %s %q here", kind, ref)
	}
	return id, err
}

// localNumber reads a number, or the number at the end of one of our URLs
// starting with prefix.
func localNumber(ref, prefix string) (int64, bool) {
	ref = strings.TrimPrefix(ref, prefix)
	n, err := strconv.ParseInt(ref, 10, 64)
	return n, err == nil && n > 0
}
