package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// maxCommunityTitleLen is the longest title a community takes, here or
// from another server.
const maxCommunityTitleLen = 100

// CommunityEdit is what a community's moderators change of it.
type CommunityEdit struct {
	Title       string
	Description string // the sidebar, markdown
	IconURL     string
	BannerURL   string
	NSFW        bool
	// Restricted: only moderators may post.
	Restricted bool
}

func (in *CommunityEdit) check() error {
	in.Title = strings.TrimSpace(in.Title)
	in.IconURL, in.BannerURL = strings.TrimSpace(in.IconURL), strings.TrimSpace(in.BannerURL)
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		return inputErr("title", "the community needs a title")
	case n > maxCommunityTitleLen:
		return inputErr("title", "the title is too long: %d characters, at most %d", n, maxCommunityTitleLen)
	}
	if n := utf8.RuneCountInString(in.Description); n > MaxCommentLen {
		return inputErr("description", "the sidebar is too long: %d characters, at most %d", n, MaxCommentLen)
	}
	for _, u := range []struct{ field, what, url string }{{"icon", "icon", in.IconURL}, {"banner", "banner", in.BannerURL}} {
		if u.url == "" {
			continue
		}
		if err := CheckLink(u.url); err != nil {
			return inputErr(u.field, "the %s must be a full web address starting with http:// or https://, at most %d characters",
				u.what, MaxURLLen)
		}
	}
	return nil
}

// EditCommunity changes a community's title, sidebar, images and posting
// rules, for one of its moderators or an admin, and sends the change as the
// moderator's Update of the community: to its followers, announced, when it
// is ours; to the community, when it is another server's.
func (s *Service) EditCommunity(ctx context.Context, actor store.LocalUser, communityID int64, in CommunityEdit) error {
	if err := in.check(); err != nil {
		return err
	}
	html, err := s.md.Render(in.Description)
	if err != nil {
		return err
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		a, err := mayModerate(ctx, tx, actor.ID, communityID)
		if err != nil {
			return err
		}
		c := a.community
		if c.Title == in.Title && c.Description == in.Description && c.IconURL == in.IconURL &&
			c.BannerURL == in.BannerURL && c.NSFW == in.NSFW && c.PostingRestrictedToMods == in.Restricted {
			return inputErr("", "nothing was changed")
		}
		if err := updateCommunity(ctx, tx, actor.ID, communityID, store.CommunityProfile{
			Title: in.Title, Description: in.Description, DescriptionHTML: html, IconURL: in.IconURL,
			BannerURL: in.BannerURL, NSFW: in.NSFW, PostingRestrictedToMods: in.Restricted,
		}); err != nil {
			return err
		}
		// An icon or banner typed as another server's address is kept
		// here like any remote picture.
		if err := s.noteRemoteImages(ctx, tx, RemoteImage{URL: in.IconURL, Purpose: store.ImageCommunityIcon},
			RemoteImage{URL: in.BannerURL, Purpose: store.ImageCommunityBanner}); err != nil {
			return err
		}
		if !c.Local && !a.mod {
			return nil // see federateModeration
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdateCommunity, CommunityID: communityID, PersonID: actor.ID})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("edit community %d: %w", communityID, err)
	}
	return err
}

// updateCommunity replaces what moderators may change of a community and
// logs it, whoever the moderator and wherever they are.
func updateCommunity(ctx context.Context, tx *store.Store, modID, communityID int64, p store.CommunityProfile) error {
	if p.Title == "" {
		return inputErr("title", "the community needs a title")
	}
	if err := tx.UpdateCommunityProfile(ctx, communityID, p); err != nil {
		return err
	}
	return tx.LogModAction(ctx, store.ModAction{Action: "update_community", ModeratorID: modID, CommunityID: communityID})
}

// TransferCommunity hands a local community to another of its moderators,
// who becomes its first: the one who may hand it on. Only its first
// moderator or an admin may. Other servers learn of it from the order of
// the moderators collection, as Lemmy sends nothing either.
func (s *Service) TransferCommunity(ctx context.Context, actor store.LocalUser, communityID, personID int64) error {
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		a, err := mayModerate(ctx, tx, actor.ID, communityID)
		if err != nil {
			return err
		}
		if !a.community.Local {
			return forbidden("%s is another server's community; it is handed over there", a.community.Title)
		}
		if !a.owner() && !a.user.Admin {
			return withKind(ErrNotFirstModerator, forbidden("only the first moderator of %s, or an admin, may hand it over", a.community.Title))
		}
		p, err := tx.PersonByID(ctx, personID)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("there is no such person")
		}
		if err != nil {
			return err
		}
		switch i := moderatorIndex(a.mods, personID); {
		case i < 0:
			return inputErr("person", "%s does not moderate %s; add them as a moderator first", p.Name, a.community.Title)
		case i == 0:
			return inputErr("person", "%s is the first moderator of %s already", p.Name, a.community.Title)
		}
		if err := tx.MakeFirstModerator(ctx, communityID, personID); err != nil {
			return err
		}
		return tx.LogModAction(ctx, store.ModAction{Action: "transfer_community", ModeratorID: actor.ID,
			CommunityID: communityID, TargetPersonID: personID})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("transfer community %d: %w", communityID, err)
	}
	return err
}

func moderatorIndex(mods []store.Person, personID int64) int {
	for i, m := range mods {
		if m.ID == personID {
			return i
		}
	}
	return -1
}
