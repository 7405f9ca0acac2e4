package forum

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// RemotePrivateMessage is a private message as another server sends it,
// already sanitized.
type RemotePrivateMessage struct {
	APID        string
	RecipientID int64 // a local person
	Text        string
	HTML        string // sanitized, at most MaxCommentHTMLLen characters
	Published   time.Time
	Updated     time.Time // zero when never edited
}

// CreateRemotePrivateMessage stores a remote person's message to a local
// one, under the rules of a message written here (mayMessage), with the
// activity's id in the same transaction. A message stored already is a
// duplicate.
func (s *Service) CreateRemotePrivateMessage(ctx context.Context, activityID string, creatorID int64, in RemotePrivateMessage) error {
	err := s.storeRemote(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		m, err := tx.PrivateMessageByAPID(ctx, in.APID)
		if err == nil {
			if m.CreatorID != creatorID {
				return forbidden("message %s is another person's", in.APID)
			}
			return ErrDuplicate
		}
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return s.insertRemoteMessage(ctx, tx, creatorID, in)
	})
	if err != nil && !IsInputError(err) && !errors.Is(err, ErrDuplicate) {
		err = fmt.Errorf("receive private message: %w", err)
	}
	return err
}

func (s *Service) insertRemoteMessage(ctx context.Context, tx *store.Store, creatorID int64, in RemotePrivateMessage) error {
	from, err := tx.PersonByID(ctx, creatorID)
	if err != nil {
		return err
	}
	to, err := tx.PersonByID(ctx, in.RecipientID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !to.Local) {
		return notFound("the message is for nobody here")
	}
	if err != nil {
		return err
	}
	if err := mayMessage(ctx, tx, from, to); err != nil {
		return err
	}
	if in.Published.IsZero() || in.Published.After(time.Now().Add(time.Hour)) {
		in.Published = time.Now()
	}
	if in.HTML == "" {
		return inputErr("content", "the message is empty")
	}
	_, err = tx.InsertPrivateMessage(ctx, store.NewPrivateMessage{APID: in.APID, CreatorID: creatorID,
		RecipientID: to.ID, Content: remoteCommentBody(in.Text), ContentHTML: in.HTML, Published: in.Published})
	if err != nil {
		return err
	}
	if err := s.mailMessage(ctx, tx, from, to, in.Text); err != nil {
		return err
	}
	if !in.Updated.IsZero() {
		m, err := tx.PrivateMessageByAPID(ctx, in.APID)
		if err != nil {
			return err
		}
		return tx.UpdatePrivateMessage(ctx, m.ID, m.Content, m.ContentHTML, in.Updated)
	}
	return nil
}

// UpdateRemotePrivateMessage applies a remote person's edit of their own
// message; one not stored yet (its Create was lost) is stored, as Lemmy
// does. An edit by anyone but the author is refused.
func (s *Service) UpdateRemotePrivateMessage(ctx context.Context, activityID string, creatorID int64, in RemotePrivateMessage) error {
	err := s.storeRemote(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		m, err := tx.PrivateMessageByAPID(ctx, in.APID)
		if errors.Is(err, store.ErrNotFound) {
			return s.insertRemoteMessage(ctx, tx, creatorID, in)
		}
		if err != nil {
			return err
		}
		if m.CreatorID != creatorID {
			return forbidden("only its author may edit message %s", in.APID)
		}
		if m.RecipientID != in.RecipientID {
			return inputErr("to", "an edit may not send message %s to someone else", in.APID)
		}
		if in.HTML == "" {
			return inputErr("content", "the message is empty")
		}
		if in.Updated.IsZero() || in.Updated.After(time.Now().Add(time.Hour)) {
			in.Updated = time.Now()
		}
		return tx.UpdatePrivateMessage(ctx, m.ID, remoteCommentBody(runes.Cut(in.Text, MaxPrivateMessageLen)), in.HTML, in.Updated)
	})
	if err != nil && !IsInputError(err) && !errors.Is(err, ErrDuplicate) {
		err = fmt.Errorf("receive private message edit: %w", err)
	}
	return err
}

// DeleteRemotePrivateMessage applies a remote person's deletion of their
// own message, or (deleted false) its undoing. ErrNotFound when no such
// message is stored.
func (s *Service) DeleteRemotePrivateMessage(ctx context.Context, activityID string, creatorID int64, apID string, deleted bool) error {
	err := s.storeRemote(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		m, err := tx.PrivateMessageByAPID(ctx, apID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("there is no message %s here", apID)
		}
		if err != nil {
			return err
		}
		if m.CreatorID != creatorID {
			return forbidden("only its author may delete message %s", apID)
		}
		return tx.SetPrivateMessageDeleted(ctx, m.ID, deleted)
	})
	if err != nil && !IsInputError(err) && !errors.Is(err, ErrDuplicate) {
		err = fmt.Errorf("receive private message deletion: %w", err)
	}
	return err
}

// IsPrivateMessage reports whether apID names a private message stored
// here, so that a Delete of it is not taken for one of a post.
func (s *Service) IsPrivateMessage(ctx context.Context, apID string) (bool, error) {
	_, err := s.store.PrivateMessageByAPID(ctx, apID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
