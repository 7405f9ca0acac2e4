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
// who asked for replies by mail; the reads it needs are made only when
// the site sends mail at all.
func (s *Service) mailNotification(ctx context.Context, tx *store.Store, n store.NewNotification) error {
	if !s.mail {
		return nil
	}
	author, err := tx.PersonByID(ctx, n.ActorID)
	if err != nil {
		return fmt.Errorf("mail a notification: %w", err)
	}
	who := author.Name
	if !author.Local {
		who += "@" + author.Domain
	}
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
	return s.NotifyByEmail(ctx, tx, n.RecipientID, subject, text)
}

// mailMessage queues the mail of a new private message from one person to
// a local one, for those who asked for messages by mail.
func (s *Service) mailMessage(ctx context.Context, tx *store.Store, from, to store.Person, text string) error {
	if !s.mail {
		return nil
	}
	who := from.Name
	if !from.Local {
		who += "@" + from.Domain
	}
	subject := who + " sent you a message"
	link := s.iri.Base() + "/inbox/messages/" + url.PathEscape(who)
	return s.NotifyByEmail(ctx, tx, to.ID, subject, fmt.Sprintf("%s:\n\n%s\n\n%s\n", subject, text, link))
}
