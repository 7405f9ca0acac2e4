package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

func checkCommentBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return "", inputErr("body", "the comment is empty")
	case n > MaxCommentLen:
		return "", inputErr("body", "the comment is too long: %d characters, at most %d", n, MaxCommentLen)
	}
	return body, nil
}

// CreateComment adds a local user's reply to a post or to a comment in it,
// upvoted by its author as in Lemmy.
func (s *Service) CreateComment(ctx context.Context, actor store.LocalUser, postID, parentID int64, body string) (store.Comment, error) {
	body, err := checkCommentBody(body)
	if err != nil {
		return store.Comment{}, err
	}
	html, err := s.md.Render(body)
	if err != nil {
		return store.Comment{}, err
	}
	var out store.Comment
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		p, err := tx.PostByID(ctx, postID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("there is no post %d", postID)
		}
		if err != nil {
			return err
		}
		switch {
		case p.Deleted || p.Removed:
			return inputErr("", "this post was deleted; it takes no more replies")
		case p.Locked:
			return withKind(ErrLocked, inputErr("", "this post is locked; it takes no more replies"))
		}
		c, err := tx.CommunityByID(ctx, p.CommunityID)
		if err != nil {
			return err
		}
		if err := s.mayPost(ctx, tx, actor, c); err != nil {
			return err
		}
		if parentID != 0 {
			parent, err := tx.CommentByID(ctx, parentID)
			if errors.Is(err, store.ErrNotFound) || (err == nil && parent.PostID != postID) {
				return notFound("the comment you replied to does not exist")
			}
			if err != nil {
				return err
			}
			switch {
			case parent.Removed:
				return inputErr("", "the comment you replied to was removed by a moderator; it takes no replies")
			case parent.Deleted:
				return inputErr("", "the comment you replied to was deleted")
			}
			if len(parent.Path) >= store.MaxCommentDepth {
				return withKind(ErrTooDeep, inputErr("", "this thread is too deep to reply further; reply higher up"))
			}
			if err := threadOpen(ctx, tx, parentID); err != nil {
				return err
			}
		}
		id, err := tx.NextCommentID(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.InsertComment(ctx, store.NewComment{
			ID: id, APID: s.iri.Comment(id), Local: true, CreatorID: actor.ID, PostID: postID, ParentID: parentID,
			Body: body, BodyHTML: html, Language: p.Language,
		}); err != nil {
			return err
		}
		if _, err := tx.SetCommentVote(ctx, id, actor.ID, 1, ""); err != nil {
			return err
		}
		if err := s.notify(ctx, tx, written{authorID: actor.ID, postID: postID, commentID: id, parentID: parentID,
			reply: true, handles: localMentions(body)}); err != nil {
			return err
		}
		if err := s.enqueue(ctx, tx, FederateArgs{Action: FederateCreateComment, CommentID: id}); err != nil {
			return err
		}
		out, err = tx.CommentByID(ctx, id)
		return err
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("create comment: %w", err)
	}
	return out, err
}

// Comment finds a comment.
func (s *Service) Comment(ctx context.Context, id int64) (store.Comment, error) {
	c, err := s.store.CommentByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return c, notFound("there is no comment %d", id)
	}
	return c, err
}

// EditComment changes the author's own comment and marks it edited.
func (s *Service) EditComment(ctx context.Context, actor store.LocalUser, id int64, body string) (store.Comment, error) {
	c, err := s.ownComment(ctx, actor, id)
	if err != nil {
		return c, err
	}
	if c.Deleted {
		return c, inputErr("", "this comment is deleted; restore it before editing")
	}
	body, err = checkCommentBody(body)
	if err != nil {
		return c, err
	}
	html, err := s.md.Render(body)
	if err != nil {
		return c, err
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateCommentBody(ctx, id, body, html); err != nil {
			return err
		}
		if err := s.notify(ctx, tx, written{authorID: actor.ID, postID: c.PostID, commentID: id,
			handles: localMentions(body)}); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdateComment, CommentID: id})
	})
	if err != nil {
		return c, fmt.Errorf("edit comment: %w", err)
	}
	return s.store.CommentByID(ctx, id)
}

// DeleteComment marks the author's own comment deleted, or restores it; its
// replies keep their place under it.
func (s *Service) DeleteComment(ctx context.Context, actor store.LocalUser, id int64, deleted bool) error {
	if _, err := s.ownComment(ctx, actor, id); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetCommentFlags(ctx, id, &deleted, nil); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateDeleteComment, CommentID: id, Deleted: deleted})
	})
}

func (s *Service) ownComment(ctx context.Context, actor store.LocalUser, id int64) (store.Comment, error) {
	c, err := s.Comment(ctx, id)
	if err != nil {
		return c, err
	}
	if c.CreatorID != actor.ID {
		return c, withKind(ErrNotAuthor, inputErr("", "only the author may change this comment"))
	}
	if actor.Banned {
		return c, withKind(ErrSiteBanned, inputErr("", "you are banned from this site"))
	}
	p, err := s.store.PostByID(ctx, c.PostID)
	if err != nil {
		return c, err
	}
	if err := communityOpen(ctx, s.store, p.CommunityID, actor.ID); err != nil {
		return c, err
	}
	if c.Removed {
		return c, inputErr("", "this comment was removed by a moderator")
	}
	return c, nil
}

// threadOpen refuses a reply beneath a locked comment.
func threadOpen(ctx context.Context, tx *store.Store, parentID int64) error {
	locked, err := tx.ThreadLocked(ctx, parentID)
	if err != nil {
		return err
	}
	if locked {
		return withKind(ErrLocked, inputErr("", "this comment thread is locked; it takes no more replies"))
	}
	return nil
}
