package forum

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// mailNotification queues the mail of a new notification n, for people
// who asked for replies by mail; the reads that compose it are made only
// for them.
func (s *Service) mailNotification(ctx context.Context, tx *store.Store, n store.NewNotification) error {
	if ok, err := s.wantsMail(ctx, tx, n.RecipientID); err != nil || !ok {
		return err
	}
	author, err := tx.PersonByID(ctx, n.ActorID)
	if err != nil {
		return fmt.Errorf("mail a notification: %w", err)
	}
	if author.Bot {
		// Who hides bots' replies from their inbox is not mailed them.
		hide, err := tx.HideBotNotifications(ctx, n.RecipientID)
		if err != nil {
			return fmt.Errorf("mail a notification: %w", err)
		}
		if hide {
			return nil
		}
	}
	who := mailHandle(author)
	post, err := tx.PostByID(ctx, n.PostID)
	if err != nil {
		return fmt.Errorf("mail a notification: %w", err)
	}
	body, bodyHTML, link := post.Body, post.BodyHTML, s.iri.Post(post.ID)
	if n.CommentID != 0 {
		c, err := tx.CommentByID(ctx, n.CommentID)
		if err != nil {
			return fmt.Errorf("mail a notification: %w", err)
		}
		body, bodyHTML, link = c.Body, c.BodyHTML, s.iri.Comment(c.ID)
	}
	if body == "" {
		body = strings.TrimSpace(ap.HTMLText(bodyHTML))
	}
	subject := who + " replied to you"
	if n.Kind == store.NotifyMention {
		subject = who + " mentioned you"
	}
	text := fmt.Sprintf("%s, in %q:\n\n%s\n\n%s\n", subject, post.Title, body, link)
	return s.enqueue(ctx, tx, SendMailArgs{PersonID: n.RecipientID, Purpose: MailNotification, Subject: subject, Text: text})
}

// mailMessage queues the mail of a new private message from one person to
// a local one, for those who asked for messages by mail.
func (s *Service) mailMessage(ctx context.Context, tx *store.Store, from, to store.Person, text string) error {
	who := mailHandle(from)
	subject := who + " sent you a message"
	link := s.iri.Base() + "/inbox/messages/" + url.PathEscape(who)
	return s.NotifyByEmail(ctx, tx, to.ID, subject, fmt.Sprintf("%s:\n\n%s\n\n%s\n", subject, text, link))
}

// mailHandle is how a mail names a person: name here, name@host elsewhere.
func mailHandle(p store.Person) string {
	if p.Local {
		return p.Name
	}
	return p.Name + "@" + p.Domain
}
