package forum

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/store"
)

// SavePost keeps a post in the actor's saved things (save false takes it
// out). Saving something deleted or removed is refused: there would be
// nothing to read later. Taking it out always works.
func (s *Service) SavePost(ctx context.Context, actor store.LocalUser, postID int64, save bool) error {
	p, err := s.store.PostByID(ctx, postID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("there is no post %d", postID)
	}
	if err != nil {
		return fmt.Errorf("save post: %w", err)
	}
	if !save {
		return s.store.UnsavePost(ctx, actor.ID, postID)
	}
	if err := savable("post", p.Deleted, p.Removed); err != nil {
		return err
	}
	if err := s.store.SavePost(ctx, actor.ID, postID); err != nil {
		return fmt.Errorf("save post: %w", err)
	}
	return nil
}

// SaveComment is SavePost for a comment.
func (s *Service) SaveComment(ctx context.Context, actor store.LocalUser, commentID int64, save bool) error {
	c, err := s.store.CommentByID(ctx, commentID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("there is no comment %d", commentID)
	}
	if err != nil {
		return fmt.Errorf("save comment: %w", err)
	}
	if !save {
		return s.store.UnsaveComment(ctx, actor.ID, commentID)
	}
	if err := savable("comment", c.Deleted, c.Removed); err != nil {
		return err
	}
	if err := s.store.SaveComment(ctx, actor.ID, commentID); err != nil {
		return fmt.Errorf("save comment: %w", err)
	}
	return nil
}

func savable(what string, deleted, removed bool) error {
	switch {
	case deleted:
		return inputErr("", "this %s was deleted by its author, so there is nothing to save", what)
	case removed:
		return inputErr("", "this %s was removed by a moderator, so it cannot be saved", what)
	}
	return nil
}
