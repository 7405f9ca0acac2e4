package forum

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/markdown"
	"github.com/tidings/tidings/internal/store"
)

// maxNotified bounds the people one post or comment notifies by mention:
// a text naming more than this is not talking to them (as
// federation's maxHandles bounds who is tagged).
const maxNotified = 50

// written is a new or edited post or comment, for its notifications.
type written struct {
	authorID  int64
	postID    int64
	commentID int64 // zero for a post
	// reply: a new comment, which notifies the author of what it replies
	// to, its parent comment (parentID) or, at the top level, the post.
	reply    bool
	parentID int64
	// Who it mentions: handles from local markdown ("@name",
	// "@name@host"), and actor ids from another server's Mention tags
	// and links.
	handles []string
	actors  []string
}

// notify records, in tx, the notifications w causes: the reply to its
// parent's author and a mention for each local person it names, never
// the author's own, each once however often it is stored or edited.
func (s *Service) notify(ctx context.Context, tx *store.Store, w written) error {
	n := store.NewNotification{PostID: w.postID, CommentID: w.commentID, ActorID: w.authorID}
	if w.reply {
		to, err := replyTarget(ctx, tx, w.postID, w.parentID)
		if err != nil {
			return fmt.Errorf("notify of a reply: %w", err)
		}
		// Nobody is told of their own reply, nor of one from someone they block.
		skip := to == w.authorID
		if !skip {
			if skip, err = tx.BlocksSender(ctx, to, w.authorID); err != nil {
				return fmt.Errorf("notify of a reply: %w", err)
			}
		}
		if !skip {
			n.RecipientID, n.Kind = to, store.NotifyReply
			added, err := tx.AddNotification(ctx, n)
			if err != nil {
				return fmt.Errorf("notify of a reply: %w", err)
			}
			if added {
				if err := s.mailNotification(ctx, tx, n); err != nil {
					return err
				}
			}
		}
	}
	ids, err := s.mentioned(ctx, tx, w.handles, w.actors)
	if err != nil {
		return err
	}
	blocking, err := tx.RecipientsBlocking(ctx, w.authorID, ids)
	if err != nil {
		return fmt.Errorf("notify of a mention: %w", err)
	}
	for _, id := range ids {
		if id == w.authorID || blocking[id] {
			continue
		}
		n.RecipientID, n.Kind = id, store.NotifyMention
		added, err := tx.AddNotification(ctx, n)
		if err != nil {
			return fmt.Errorf("notify of a mention: %w", err)
		}
		if added {
			if err := s.mailNotification(ctx, tx, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// mentioned are the local people named by handles (as markdown.People
// writes them: a bare @name or @name@host, which is ours only with our
// host) and by actor ids, each once.
func (s *Service) mentioned(ctx context.Context, tx *store.Store, handles, actors []string) ([]int64, error) {
	var names []string
	for _, h := range handles {
		name, host, _ := strings.Cut(strings.TrimPrefix(h, "@"), "@")
		if host == "" || s.isLocalHost(host) {
			names = append(names, name)
		}
	}
	if len(names) > maxNotified {
		names = names[:maxNotified]
	}
	if len(actors) > maxNotified {
		actors = actors[:maxNotified]
	}
	var ids []int64
	if len(names) > 0 {
		found, err := tx.LocalPeopleNamed(ctx, names)
		if err != nil {
			return nil, fmt.Errorf("people mentioned: %w", err)
		}
		ids = append(ids, found...)
	}
	if len(actors) > 0 {
		found, err := tx.LocalPeopleByAPID(ctx, actors)
		if err != nil {
			return nil, fmt.Errorf("people mentioned: %w", err)
		}
		ids = append(ids, found...)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// isLocalHost reports whether host (as written in a mention) is this
// site's, in any spelling.
func (s *Service) isLocalHost(host string) bool {
	canon, err := ap.CanonicalHost(host)
	if err != nil {
		return false
	}
	base := s.iri.Base()
	return canon == base[strings.Index(base, "://")+3:]
}

// localMentions are the people local markdown names, for notify.
func localMentions(body string) []string { return markdown.People(body) }

// replyTarget is the author of what a comment replies to: the parent
// comment's, or the post's when parentID is zero.
func replyTarget(ctx context.Context, tx *store.Store, postID, parentID int64) (int64, error) {
	if parentID != 0 {
		c, err := tx.CommentByID(ctx, parentID)
		return c.CreatorID, err
	}
	p, err := tx.PostByID(ctx, postID)
	return p.CreatorID, err
}

// NotificationQuery selects a page of a person's inbox.
type NotificationQuery struct {
	UnreadOnly bool
	Kind       string // store.NotifyReply or store.NotifyMention; empty for both
	Before     int64  // the last id of the previous page
}

// NotificationPage is how many notifications a page of the inbox shows.
const NotificationPage = 20

// Notifications is a page of actor's inbox, newest first, and whether
// there are older ones.
func (s *Service) Notifications(ctx context.Context, actor store.LocalUser, q NotificationQuery) ([]store.Notification, bool, error) {
	switch q.Kind {
	case "", store.NotifyReply, store.NotifyMention:
	default:
		return nil, false, inputErr("kind", "there are no notifications of the kind %q; choose replies or mentions", q.Kind)
	}
	ns, err := s.store.ListNotifications(ctx, store.NotificationFilter{RecipientID: actor.ID, UnreadOnly: q.UnreadOnly,
		Kind: q.Kind, Before: q.Before, Limit: NotificationPage + 1})
	if err != nil {
		return nil, false, fmt.Errorf("notifications: %w", err)
	}
	more := len(ns) > NotificationPage
	if more {
		ns = ns[:NotificationPage]
	}
	return ns, more, nil
}

// UnreadCount is what the header counts beside the inbox link: the
// unread notifications and private messages.
func (s *Service) UnreadCount(ctx context.Context, actor store.LocalUser) (int, error) {
	n, err := s.store.CountUnread(ctx, actor.ID)
	if err != nil {
		return 0, fmt.Errorf("unread count: %w", err)
	}
	return n, nil
}

// MarkNotificationRead marks one of actor's notifications read (or
// unread); someone else's is not found, as if it did not exist.
func (s *Service) MarkNotificationRead(ctx context.Context, actor store.LocalUser, id int64, read bool) error {
	err := s.store.MarkNotificationRead(ctx, actor.ID, id, read)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("you have no notification %d", id)
	}
	return err
}

// MarkAllNotificationsRead marks every one of actor's notifications read,
// and the messages they received, as Lemmy's "mark all as read" does.
func (s *Service) MarkAllNotificationsRead(ctx context.Context, actor store.LocalUser) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.MarkAllNotificationsRead(ctx, actor.ID); err != nil {
			return err
		}
		return tx.MarkAllPrivateMessagesRead(ctx, actor.ID)
	})
}

// InboxMessages is a page of the messages actor received, newest first,
// for the inbox's list beside the notifications, and whether there are
// older ones.
func (s *Service) InboxMessages(ctx context.Context, actor store.LocalUser, unreadOnly bool, before int64) ([]store.PrivateMessage, bool, error) {
	ms, err := s.store.ReceivedPrivateMessages(ctx, actor.ID, unreadOnly, before, NotificationPage+1)
	if err != nil {
		return nil, false, fmt.Errorf("inbox messages: %w", err)
	}
	more := len(ms) > NotificationPage
	if more {
		ms = ms[:NotificationPage]
	}
	return ms, more, nil
}

// HideBotNotifications reports actor's choice to leave bots out of their
// inbox.
func (s *Service) HideBotNotifications(ctx context.Context, actor store.LocalUser) (bool, error) {
	return s.store.HideBotNotifications(ctx, actor.ID)
}

// SetHideBotNotifications saves that choice.
func (s *Service) SetHideBotNotifications(ctx context.Context, actor store.LocalUser, hide bool) error {
	return s.store.SetHideBotNotifications(ctx, actor.ID, hide)
}

// notifyOnCreate notifies of a remote post or comment when its Create
// arrives (activityID), by its author (creatorID, as stored): a fetched
// one is old news, or will be notified of when its Create comes.
func (s *Service) notifyOnCreate(ctx context.Context, tx *store.Store, activityID string, personID, creatorID int64, w written) error {
	if activityID == "" || personID != creatorID {
		return nil
	}
	return s.notify(ctx, tx, w)
}

// notifyOfEdit notifies the people a remote edit newly mentions.
func (s *Service) notifyOfEdit(ctx context.Context, tx *store.Store, personID int64, t Target, mentions []string) error {
	if len(mentions) == 0 {
		return nil
	}
	w := written{authorID: personID, postID: t.PostID, commentID: t.CommentID, actors: mentions}
	if t.CommentID != 0 {
		c, err := tx.CommentByID(ctx, t.CommentID)
		if err != nil {
			return err
		}
		w.postID = c.PostID
	}
	return s.notify(ctx, tx, w)
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
