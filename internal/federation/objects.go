package federation

import (
	"context"
	"fmt"
	"slices"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// This file turns stored rows into the ActivityPub objects other servers
// read. Remote rows are served only by their own instance.

func apLanguage(code string) ap.Language {
	if code == "" || code == "und" {
		return ap.Language{}
	}
	return ap.Language{Identifier: code, Name: forum.LanguageName(code)}
}

// personObject is a local person's actor; the bio, like a post, is
// rendered for other servers with every link absolute.
func (h *Handler) personObject(ctx context.Context, p store.Person) (*ap.Person, error) {
	bioHTML, _, err := h.federatedHTML(ctx, p.Bio, p.BioHTML)
	if err != nil {
		return nil, fmt.Errorf("person %d: bio: %w", p.ID, err)
	}
	return ap.NewPerson(ap.PersonInput{
		ID: p.APID, Name: p.Name, DisplayName: p.DisplayName, Bio: p.Bio, BioHTML: bioHTML,
		AvatarURL: p.AvatarURL, BannerURL: p.BannerURL, Bot: p.Bot, PublicKeyPEM: p.PublicKeyPEM,
		SharedInbox: h.iri.SharedInbox(), Published: p.Published, Updated: p.Updated,
	}), nil
}

// groupObject is a local community's actor, its sidebar rendered as a
// bio is.
func (h *Handler) groupObject(ctx context.Context, c store.Community) (*ap.Group, error) {
	sidebarHTML, _, err := h.federatedHTML(ctx, c.Description, c.DescriptionHTML)
	if err != nil {
		return nil, fmt.Errorf("community %d: sidebar: %w", c.ID, err)
	}
	return ap.NewGroup(ap.GroupInput{
		ID: c.APID, Name: c.Name, Title: c.Title, Description: c.Description, DescriptionHTML: sidebarHTML,
		IconURL: c.IconURL, BannerURL: c.BannerURL, NSFW: c.NSFW, PostingRestrictedToMods: c.PostingRestrictedToMods,
		PublicKeyPEM: c.PublicKeyPEM, SharedInbox: h.iri.SharedInbox(), Published: c.Published, Updated: c.Updated,
	}), nil
}

// applicationObject is the instance actor, its sidebar rendered as a bio
// is.
func (h *Handler) applicationObject(ctx context.Context, s store.Site) (*ap.Application, error) {
	html, _, err := h.federatedHTML(ctx, s.Description, "")
	if err != nil {
		return nil, fmt.Errorf("instance actor: sidebar: %w", err)
	}
	return ap.NewApplication(ap.ApplicationInput{
		ID: h.iri.Instance(), Name: s.Name, Description: h.forum.PlainText(s.Description, 150),
		Sidebar: s.Description, SidebarHTML: html, PublicKeyPEM: s.PublicKeyPEM, Published: s.CreatedAt,
	}), nil
}

// pageObject is a post as a Page; it needs the community's and the
// author's ids, which the post row names by join. Its content is rendered
// from the markdown for other servers (see federatedHTML), not the HTML
// our pages show. What a GET of the post answers is built here too, so it
// is what was sent.
func (h *Handler) pageObject(ctx context.Context, p store.Post) (*ap.Page, error) {
	author, err := h.store.PersonByID(ctx, p.CreatorID)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.ID, err)
	}
	c, err := h.store.CommunityByID(ctx, p.CommunityID)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.ID, err)
	}
	bodyHTML, mentions, err := h.federatedHTML(ctx, p.Body, p.BodyHTML)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.ID, err)
	}
	return ap.NewPage(ap.PostInput{
		ID: p.APID, AuthorID: author.APID, CommunityID: c.APID, Title: p.Title, URL: p.URL, URLMediaType: p.URLContentType,
		Body: p.Body, BodyHTML: bodyHTML, ThumbnailURL: h.thumbnail(ctx, p.ThumbnailURL), Language: apLanguage(p.Language),
		NSFW: p.NSFW, Locked: p.Locked, Featured: p.FeaturedCommunity, Mentions: mentions,
		Published: p.Published, Updated: p.Updated,
	}), nil
}

// noteObject is a comment as a Note, replying to its parent or its post,
// and mentioning the parent's author, as Mastodon expects of a reply.
func (h *Handler) noteObject(ctx context.Context, c store.Comment) (*ap.Note, error) {
	author, err := h.store.PersonByID(ctx, c.CreatorID)
	if err != nil {
		return nil, fmt.Errorf("note %d: %w", c.ID, err)
	}
	post, err := h.store.PostByID(ctx, c.PostID)
	if err != nil {
		return nil, fmt.Errorf("note %d: %w", c.ID, err)
	}
	community, err := h.store.CommunityByID(ctx, post.CommunityID)
	if err != nil {
		return nil, fmt.Errorf("note %d: %w", c.ID, err)
	}
	bodyHTML, mentions, err := h.federatedHTML(ctx, c.Body, c.BodyHTML)
	if err != nil {
		return nil, fmt.Errorf("note %d: %w", c.ID, err)
	}
	in := ap.CommentInput{
		ID: c.APID, AuthorID: author.APID, CommunityID: community.APID, PostID: post.APID,
		Body: c.Body, BodyHTML: bodyHTML, Language: apLanguage(c.Language), Distinguished: c.Distinguished,
		Published: c.Published, Updated: c.Updated,
	}
	parentAuthor := post.CreatorID
	if c.ParentID != nil {
		parent, err := h.store.CommentByID(ctx, *c.ParentID)
		if err != nil {
			return nil, fmt.Errorf("note %d: parent: %w", c.ID, err)
		}
		in.ParentID, parentAuthor = parent.APID, parent.CreatorID
	}
	pa, err := h.store.PersonByID(ctx, parentAuthor)
	if err != nil {
		return nil, fmt.Errorf("note %d: parent author: %w", c.ID, err)
	}
	in.ParentAuthorID = pa.APID
	if pa.ID != author.ID && !slices.ContainsFunc(mentions, func(m ap.Mention) bool { return m.Href == pa.APID }) {
		mentions = append([]ap.Mention{personMention(pa)}, mentions...)
	}
	in.Mentions = mentions
	return ap.NewNote(in), nil
}

// federatedHTML is a local post's or comment's content for other servers,
// rendered from its markdown with every link absolute and mentions linked
// to the actors' homes, and the people it mentions. An object without
// markdown (none of ours) keeps the HTML it has.
func (h *Handler) federatedHTML(ctx context.Context, body, bodyHTML string) (string, []ap.Mention, error) {
	if body == "" {
		return bodyHTML, nil, nil
	}
	links, mentions, err := h.references(ctx, body)
	if err != nil {
		return "", nil, err
	}
	html, err := sanitizer.RenderFederated(body, links)
	return html, mentions, err
}

// thumbnail is our stored copy of a post's picture when there is one, as
// Lemmy sends its own: other servers then fetch it from us, not from the
// linked site, and get a thumbnail rather than the original.
func (h *Handler) thumbnail(ctx context.Context, url string) string {
	if url == "" {
		return ""
	}
	pics, err := h.forum.Pictures(ctx, forum.RemoteImage{URL: url, Purpose: store.ImagePost})
	if pic, ok := pics[url]; err == nil && ok && pic.Stored {
		return pic.Thumb
	}
	return url
}
