package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// MaxPrivateMessageLen is Lemmy's limit on a private message (its body
// limit), in characters of markdown.
const MaxPrivateMessageLen = 10000

// ConversationLimit is how many of its latest messages a conversation
// shows, and ConversationListLimit how many conversations /inbox/messages
// lists.
const (
	ConversationLimit     = 200
	ConversationListLimit = 100
)

func checkMessageText(text string) (string, error) {
	text = strings.TrimSpace(text)
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		return "", inputErr("content", "the message is empty; write something to send")
	case n > MaxPrivateMessageLen:
		return "", inputErr("content", "the message is too long: %d characters, at most %d", n, MaxPrivateMessageLen)
	}
	return text, nil
}

// mayMessage is the one place that decides whether from may write a
// private message to to, for messages written here and those received
// alike; it runs in the transaction that stores the message.
//
// Person blocks are checked here too once they exist: a person who blocked
// from refuses their messages (forbidden, "this person does not take
// messages from you").
func mayMessage(ctx context.Context, tx *store.Store, from, to store.Person) error {
	switch {
	case from.ID == to.ID:
		return inputErr("to", "you cannot send a message to yourself")
	case from.Banned:
		return withKind(ErrSiteBanned, forbidden("you are banned from this site, so you cannot send messages"))
	case to.Deleted:
		return inputErr("to", "%s deleted their account; they cannot be sent messages", to.Name)
	case to.Banned:
		return inputErr("to", "%s is banned from this site; they cannot be sent messages", to.Name)
	}
	if !to.Local {
		// Nothing is delivered to a server the site does not federate
		// with: the message would be kept here as sent and never arrive.
		in, err := tx.InstanceState(ctx, to.Domain)
		if err != nil {
			return fmt.Errorf("check the recipient's server: %w", err)
		}
		if in.Blocked || in.Refused {
			return inputErr("to", "this site does not federate with %s, so %s cannot be sent messages", to.Domain, to.Name)
		}
	}
	blocked, err := tx.BlocksSender(ctx, to.ID, from.ID)
	if err != nil {
		return fmt.Errorf("check the recipient's blocks: %w", err)
	}
	if blocked {
		return forbidden("%s does not take messages from you", to.Name)
	}
	return nil
}

// MayMessage says why actor cannot write to the person, if they cannot,
// so that the form says so before anyone writes a message.
func (s *Service) MayMessage(ctx context.Context, actor store.LocalUser, to store.Person) error {
	return mayMessage(ctx, s.store, actor.Person, to)
}

// SendPrivateMessage stores a local person's message to another person,
// here or on another server, and queues its Create for the recipient's
// server in the same transaction.
func (s *Service) SendPrivateMessage(ctx context.Context, actor store.LocalUser, recipientID int64, text string) (store.PrivateMessage, error) {
	text, err := checkMessageText(text)
	if err != nil {
		return store.PrivateMessage{}, err
	}
	html, err := s.md.Render(text)
	if err != nil {
		return store.PrivateMessage{}, err
	}
	var out store.PrivateMessage
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		from, err := tx.PersonByID(ctx, actor.ID)
		if err != nil {
			return err
		}
		to, err := tx.PersonByID(ctx, recipientID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("there is nobody to send this message to")
		}
		if err != nil {
			return err
		}
		if err := mayMessage(ctx, tx, from, to); err != nil {
			return err
		}
		id, err := tx.NextPrivateMessageID(ctx)
		if err != nil {
			return err
		}
		out, err = tx.InsertPrivateMessage(ctx, store.NewPrivateMessage{ID: id, APID: s.iri.PrivateMessage(id),
			CreatorID: from.ID, RecipientID: to.ID, Content: text, ContentHTML: html, Local: true})
		if err != nil {
			return err
		}
		if to.Local {
			return s.mailMessage(ctx, tx, from, to, text)
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateCreatePrivateMessage, PrivateMessageID: id})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("send private message: %w", err)
	}
	return out, err
}

// PrivateMessage finds a message for one of its two people; to anyone
// else it does not exist.
func (s *Service) PrivateMessage(ctx context.Context, actor store.LocalUser, id int64) (store.PrivateMessage, error) {
	return partyTo(ctx, s.store, actor, id)
}

func partyTo(ctx context.Context, tx *store.Store, actor store.LocalUser, id int64) (store.PrivateMessage, error) {
	m, err := tx.PrivateMessageByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && m.CreatorID != actor.ID && m.RecipientID != actor.ID) {
		return store.PrivateMessage{}, notFound("there is no message %d", id)
	}
	return m, err
}

// ownMessage is a message actor wrote: its recipient may read it, not
// change it.
func ownMessage(ctx context.Context, tx *store.Store, actor store.LocalUser, id int64, doing string) (store.PrivateMessage, error) {
	m, err := partyTo(ctx, tx, actor, id)
	if err != nil {
		return m, err
	}
	if m.CreatorID != actor.ID {
		return m, forbidden("only who wrote a message may %s it", doing)
	}
	return m, nil
}

// EditPrivateMessage changes the text of the author's own message, marks
// it edited and sends its Update to the recipient's server.
func (s *Service) EditPrivateMessage(ctx context.Context, actor store.LocalUser, id int64, text string) (store.PrivateMessage, error) {
	text, err := checkMessageText(text)
	if err != nil {
		return store.PrivateMessage{}, err
	}
	html, err := s.md.Render(text)
	if err != nil {
		return store.PrivateMessage{}, err
	}
	var out store.PrivateMessage
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		m, err := ownMessage(ctx, tx, actor, id, "edit")
		if err != nil {
			return err
		}
		if m.Deleted {
			return inputErr("", "this message is deleted; restore it before editing")
		}
		if actor.Banned {
			return errYouAreSiteBanned()
		}
		if err := tx.UpdatePrivateMessage(ctx, id, text, html, time.Time{}); err != nil {
			return err
		}
		if out, err = tx.PrivateMessageByID(ctx, id); err != nil {
			return err
		}
		return s.federateMessage(ctx, tx, m, FederateArgs{Action: FederateUpdatePrivateMessage, PrivateMessageID: id})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("edit private message: %w", err)
	}
	return out, err
}

// DeletePrivateMessage deletes the author's own message (or, deleted
// false, restores it), for both people, and tells the recipient's server.
func (s *Service) DeletePrivateMessage(ctx context.Context, actor store.LocalUser, id int64, deleted bool) (store.PrivateMessage, error) {
	var out store.PrivateMessage
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		m, err := ownMessage(ctx, tx, actor, id, "delete")
		if err != nil {
			return err
		}
		if m.Deleted == deleted {
			if deleted {
				return inputErr("", "this message is deleted already")
			}
			return inputErr("", "this message is not deleted")
		}
		if err := tx.SetPrivateMessageDeleted(ctx, id, deleted); err != nil {
			return err
		}
		if out, err = tx.PrivateMessageByID(ctx, id); err != nil {
			return err
		}
		return s.federateMessage(ctx, tx, m, FederateArgs{Action: FederateDeletePrivateMessage,
			PrivateMessageID: id, Deleted: deleted})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("delete private message: %w", err)
	}
	return out, err
}

// federateMessage queues the activity of a change to a local message whose
// recipient is on another server.
func (s *Service) federateMessage(ctx context.Context, tx *store.Store, m store.PrivateMessage, args FederateArgs) error {
	to, err := tx.PersonByID(ctx, m.RecipientID)
	if err != nil || to.Local {
		return err
	}
	return s.enqueue(ctx, tx, args)
}

// MarkPrivateMessagesRead marks read what the other person sent actor, up
// to message upTo (all of it when zero). Only the recipient marks a
// message read: actor's own messages stay as they are.
func (s *Service) MarkPrivateMessagesRead(ctx context.Context, actor store.LocalUser, otherID, upTo int64) error {
	if upTo != 0 {
		m, err := partyTo(ctx, s.store, actor, upTo)
		if err != nil {
			return err
		}
		if m.RecipientID != actor.ID {
			return forbidden("only the recipient of a message marks it read")
		}
		otherID = m.CreatorID
	}
	if _, err := s.store.MarkPrivateMessagesRead(ctx, actor.ID, otherID, upTo); err != nil {
		return fmt.Errorf("mark messages read: %w", err)
	}
	return nil
}

// Conversations lists actor's conversations, latest first.
func (s *Service) Conversations(ctx context.Context, actor store.LocalUser) ([]store.Conversation, error) {
	cs, err := s.store.Conversations(ctx, actor.ID, ConversationListLimit)
	if err != nil {
		return nil, fmt.Errorf("conversations: %w", err)
	}
	return cs, nil
}

// Conversation is the exchange between actor and another person, oldest
// first; empty when they have none.
func (s *Service) Conversation(ctx context.Context, actor store.LocalUser, otherID int64) ([]store.PrivateMessage, error) {
	ms, err := s.store.ConversationMessages(ctx, actor.ID, otherID, ConversationLimit)
	if err != nil {
		return nil, fmt.Errorf("conversation: %w", err)
	}
	return ms, nil
}

// UnreadPrivateMessages is how many messages wait unread for actor, for
// the header's count.
func (s *Service) UnreadPrivateMessages(ctx context.Context, actor store.LocalUser) (int, error) {
	return s.store.CountUnreadPrivateMessages(ctx, actor.ID)
}
