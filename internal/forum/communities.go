package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/activitypub/iri"
	"github.com/tidings/tidings/internal/store"
)

// NewCommunity is a community to create. Moderator, when set, names the
// local user who becomes its first moderator.
type NewCommunity struct {
	Name        string
	Title       string
	Description string
	NSFW        bool
	Restricted  bool
	Moderator   string
}

// CreateCommunity creates a local community with its actor keys.
func (s *Service) CreateCommunity(ctx context.Context, c NewCommunity) (store.Community, error) {
	if err := CheckName("community", c.Name); err != nil {
		return store.Community{}, err
	}
	c.Title = strings.TrimSpace(c.Title)
	if c.Title == "" {
		return store.Community{}, inputErr("title", "the community needs a title")
	}
	if utf8.RuneCountInString(c.Title) > 100 {
		return store.Community{}, inputErr("title", "the title is too long: use at most 100 characters")
	}
	if utf8.RuneCountInString(c.Description) > 10000 {
		return store.Community{}, inputErr("description", "the description is too long: use at most 10000 characters")
	}
	html, err := s.md.Render(c.Description)
	if err != nil {
		return store.Community{}, err
	}
	pub, priv, err := GenerateKeyPair()
	if err != nil {
		return store.Community{}, err
	}
	var out store.Community
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		var mod store.LocalUser
		if c.Moderator != "" {
			mod, err = tx.LocalUserByName(ctx, c.Moderator)
			if errors.Is(err, store.ErrNotFound) {
				return notFound("no local user is named %q", c.Moderator)
			}
			if err != nil {
				return err
			}
		}
		id := s.iri.Community(c.Name)
		out, err = tx.InsertCommunity(ctx, store.NewCommunity{
			APID: id, InstanceID: s.localInstanceID, Local: true, Name: c.Name, Title: c.Title,
			Description: c.Description, DescriptionHTML: html, NSFW: c.NSFW, PostingRestrictedToMods: c.Restricted,
			InboxURL: iri.Inbox(id), SharedInboxURL: s.iri.SharedInbox(), OutboxURL: iri.Outbox(id),
			FollowersURL: iri.Followers(id), ModeratorsURL: iri.Moderators(id), FeaturedURL: iri.Featured(id),
			PublicKeyPEM: pub, PrivateKeyPEM: priv,
		})
		if errors.Is(err, store.ErrConflict) {
			return inputErr("name", "a community named %q already exists", c.Name)
		}
		if err != nil {
			return err
		}
		if mod.ID != 0 {
			if err := tx.AddModerator(ctx, out.ID, mod.ID); err != nil {
				return err
			}
			// The creator follows what they made, as in Lemmy.
			return tx.UpsertFollow(ctx, out.ID, mod.ID, store.FollowAccepted, "")
		}
		return nil
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("create community %s: %w", c.Name, err)
	}
	if err != nil {
		return store.Community{}, err
	}
	return s.store.CommunityByID(ctx, out.ID)
}

// Community finds a local community by name.
func (s *Service) Community(ctx context.Context, name string) (store.Community, error) {
	c, err := s.store.LocalCommunityByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return c, notFound("no local community is named %q", name)
	}
	return c, err
}

// Communities lists communities, local ones first.
func (s *Service) Communities(ctx context.Context, withDeleted bool) ([]store.Community, error) {
	return s.store.ListCommunities(ctx, false, withDeleted)
}

// DeleteCommunity marks a local community deleted. Its posts and comments
// are kept, hidden with it, so nothing is lost if it is restored.
func (s *Service) DeleteCommunity(ctx context.Context, name string) error {
	c, err := s.Community(ctx, name)
	if err != nil {
		return err
	}
	if c.Deleted {
		return inputErr("name", "the community %q is already deleted", c.Name)
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetCommunityDeleted(ctx, c.ID, true); err != nil {
			return err
		}
		return tx.LogModAction(ctx, store.ModAction{Action: "remove_community", CommunityID: c.ID})
	})
}
