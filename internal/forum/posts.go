package forum

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// Limits on what people write, as Lemmy's.
const (
	MaxTitleLen   = 200
	MaxPostLen    = 50000
	MaxCommentLen = 10000
	MaxURLLen     = 2000
)

// PostInput is a post as a person writes it.
type PostInput struct {
	CommunityID int64
	Title       string
	URL         string
	Body        string
	NSFW        bool
	Language    string
	// Image is the post's uploaded picture, which becomes its link and
	// thumbnail; URL must then be empty.
	Image *Uploaded
}

func (in *PostInput) check() error {
	in.Title = strings.TrimSpace(in.Title)
	in.URL = strings.TrimSpace(in.URL)
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		return inputErr("title", "the post needs a title")
	case n > MaxTitleLen:
		return inputErr("title", "the title is too long: %d characters, at most %d", n, MaxTitleLen)
	}
	if in.URL != "" {
		if err := CheckLink(in.URL); err != nil {
			return err
		}
	}
	if n := utf8.RuneCountInString(in.Body); n > MaxPostLen {
		return inputErr("body", "the text is too long: %d characters, at most %d", n, MaxPostLen)
	}
	if in.Language == "" {
		in.Language = "und"
	}
	if !validLanguage(in.Language) {
		return inputErr("language", "unknown language %q", in.Language)
	}
	return nil
}

// CheckLink accepts only absolute http and https URLs for link posts.
func CheckLink(s string) error {
	if len(s) > MaxURLLen {
		return inputErr("url", "the link is too long: at most %d characters", MaxURLLen)
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return inputErr("url", "the link must be a full web address starting with http:// or https://")
	}
	return nil
}

// mayPost says whether a person may post or comment in a community.
func (s *Service) mayPost(ctx context.Context, tx *store.Store, actor store.LocalUser, c store.Community) error {
	if actor.Banned {
		return errYouAreSiteBanned()
	}
	if c.Deleted || c.Removed {
		return notFound("the community %s no longer exists", c.Name)
	}
	banned, err := tx.IsBannedFromCommunity(ctx, c.ID, actor.ID)
	if err != nil {
		return err
	}
	if banned {
		return withKind(ErrCommunityBanned, forbidden("you are banned from %s", c.Title))
	}
	return nil
}

// CreatePost publishes a local user's post, upvoted by its author as in
// Lemmy, and queues the fetch of its link's title and image.
func (s *Service) CreatePost(ctx context.Context, actor store.LocalUser, in PostInput) (store.Post, error) {
	if err := in.check(); err != nil {
		return store.Post{}, err
	}
	if in.Image != nil {
		if in.URL != "" {
			return store.Post{}, inputErr("url", "a post has a link or an uploaded image, not both")
		}
		in.URL = in.Image.URL
	}
	html, err := s.md.Render(in.Body)
	if err != nil {
		return store.Post{}, err
	}
	var post store.Post
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		c, err := tx.CommunityByID(ctx, in.CommunityID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("that community does not exist")
		}
		if err != nil {
			return err
		}
		if err := s.mayPost(ctx, tx, actor, c); err != nil {
			return err
		}
		if c.PostingRestrictedToMods {
			mod, err := tx.IsModerator(ctx, c.ID, actor.ID)
			if err != nil {
				return err
			}
			if !mod && !actor.Admin {
				return withKind(ErrModsOnly, forbidden("only moderators may post in %s", c.Title))
			}
		}
		id, err := tx.NextPostID(ctx)
		if err != nil {
			return err
		}
		post, err = tx.InsertPost(ctx, store.NewPost{
			ID: id, APID: s.iri.Post(id), Local: true, CreatorID: actor.ID, CommunityID: c.ID,
			Title: in.Title, URL: in.URL, Body: in.Body, BodyHTML: html, Language: in.Language, NSFW: in.NSFW || c.NSFW,
		})
		if err != nil {
			return err
		}
		if _, err := tx.SetPostVote(ctx, post.ID, actor.ID, 1, ""); err != nil {
			return err
		}
		if err := s.notify(ctx, tx, written{authorID: actor.ID, postID: post.ID, handles: localMentions(in.Body)}); err != nil {
			return err
		}
		if in.Image != nil {
			// Our own picture: nothing to fetch, its type and thumbnail are known.
			if err := tx.SetLinkMetadata(ctx, post.ID, "", "", in.Image.ContentType, in.Image.ThumbnailURL); err != nil {
				return err
			}
		} else if in.URL != "" && s.jobs != nil {
			if err := s.jobs.Enqueue(ctx, tx, FetchLinkMetadataArgs{PostID: post.ID}); err != nil {
				return err
			}
		}
		if err := s.enqueue(ctx, tx, FederateArgs{Action: FederateCreatePost, PostID: post.ID}); err != nil {
			return err
		}
		post, err = tx.PostByID(ctx, post.ID)
		return err
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("create post: %w", err)
	}
	return post, err
}

// Post finds a post; deleted and removed ones too, for the caller to show
// as such.
func (s *Service) Post(ctx context.Context, id int64) (store.Post, error) {
	p, err := s.store.PostByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return p, notFound("there is no post %d", id)
	}
	return p, err
}

// EditPost changes the author's own post and marks it edited.
func (s *Service) EditPost(ctx context.Context, actor store.LocalUser, id int64, in PostInput) (store.Post, error) {
	p, err := s.ownPost(ctx, actor, id)
	if err != nil {
		return p, err
	}
	if p.Deleted {
		return p, inputErr("", "this post is deleted; restore it before editing")
	}
	in.CommunityID = p.CommunityID
	if err := in.check(); err != nil {
		return p, err
	}
	html, err := s.md.Render(in.Body)
	if err != nil {
		return p, err
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		c, err := tx.CommunityByID(ctx, p.CommunityID)
		if err != nil {
			return err
		}
		in.NSFW = in.NSFW || c.NSFW
		if err := tx.UpdatePost(ctx, id, store.PostEdit{Title: &in.Title, URL: &in.URL, Body: &in.Body,
			BodyHTML: &html, NSFW: &in.NSFW, Language: &in.Language}); err != nil {
			return err
		}
		if err := s.notify(ctx, tx, written{authorID: actor.ID, postID: id, handles: localMentions(in.Body)}); err != nil {
			return err
		}
		if in.URL != "" && in.URL != p.URL && s.jobs != nil {
			if err := s.jobs.Enqueue(ctx, tx, FetchLinkMetadataArgs{PostID: id}); err != nil {
				return err
			}
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdatePost, PostID: id})
	})
	if err != nil {
		return p, fmt.Errorf("edit post: %w", err)
	}
	return s.store.PostByID(ctx, id)
}

// DeletePost marks the author's own post deleted, or restores it. The row
// stays, so replies keep their place and a restore loses nothing.
func (s *Service) DeletePost(ctx context.Context, actor store.LocalUser, id int64, deleted bool) error {
	if _, err := s.ownPost(ctx, actor, id); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetPostFlags(ctx, id, store.PostFlags{Deleted: &deleted}); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateDeletePost, PostID: id, Deleted: deleted})
	})
}

func (s *Service) ownPost(ctx context.Context, actor store.LocalUser, id int64) (store.Post, error) {
	p, err := s.Post(ctx, id)
	if err != nil {
		return p, err
	}
	if p.CreatorID != actor.ID {
		return p, withKind(ErrNotAuthor, inputErr("", "only the author may change this post"))
	}
	if actor.Banned {
		return p, withKind(ErrSiteBanned, inputErr("", "you are banned from this site"))
	}
	if err := communityOpen(ctx, s.store, p.CommunityID, actor.ID); err != nil {
		return p, err
	}
	if p.Removed {
		return p, inputErr("", "this post was removed by a moderator")
	}
	return p, nil
}
