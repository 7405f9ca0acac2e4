package activitypub

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/activitypub/iri"
)

// PersonInput is what NewPerson needs to know of a local user.
type PersonInput struct {
	ID           string // the actor's IRI
	Name         string // the user name, sent as preferredUsername
	DisplayName  string
	Bio          string // markdown
	BioHTML      string
	AvatarURL    string
	BannerURL    string
	Bot          bool
	MatrixUserID string
	PublicKeyPEM string
	SharedInbox  string
	Published    time.Time
	Updated      *time.Time
}

// NewPerson is a local user's actor as Lemmy shapes it; a bot is a Service.
func NewPerson(in PersonInput) *Person {
	p := &Person{
		LDContext:         LemmyContext(),
		ID:                in.ID,
		Type:              KindPerson,
		PreferredUsername: in.Name,
		Name:              in.DisplayName,
		Summary:           in.BioHTML,
		Source:            markdownSource(in.Bio),
		Icon:              imageOf(in.AvatarURL),
		Image:             imageOf(in.BannerURL),
		MatrixUserID:      in.MatrixUserID,
		Inbox:             iri.Inbox(in.ID),
		Outbox:            iri.Outbox(in.ID),
		Endpoints:         endpointsOf(in.SharedInbox),
		PublicKey:         publicKeyOf(in.ID, in.PublicKeyPEM),
		Published:         TimeOf(in.Published),
		Updated:           TimePtr(in.Updated),
	}
	if in.Bot {
		p.Type = KindService
	}
	return p
}

// GroupInput is what NewGroup needs to know of a local community.
type GroupInput struct {
	ID                      string // the community's IRI
	Name                    string // sent as preferredUsername
	Title                   string // sent as name
	Description             string // markdown
	DescriptionHTML         string
	IconURL                 string
	BannerURL               string
	NSFW                    bool
	PostingRestrictedToMods bool
	PublicKeyPEM            string
	SharedInbox             string
	Languages               []Language
	Published               time.Time
	Updated                 *time.Time
}

// NewGroup is a local community's actor as Lemmy shapes it: its moderators
// collection in attributedTo, its featured posts in featured.
func NewGroup(in GroupInput) *Group {
	return &Group{
		LDContext:               LemmyContext(),
		ID:                      in.ID,
		Type:                    KindGroup,
		PreferredUsername:       in.Name,
		Name:                    in.Title,
		Summary:                 in.DescriptionHTML,
		Source:                  markdownSource(in.Description),
		Icon:                    imageOf(in.IconURL),
		Image:                   imageOf(in.BannerURL),
		Sensitive:               in.NSFW,
		PostingRestrictedToMods: in.PostingRestrictedToMods,
		Inbox:                   iri.Inbox(in.ID),
		Outbox:                  iri.Outbox(in.ID),
		Followers:               iri.Followers(in.ID),
		Featured:                iri.Featured(in.ID),
		AttributedTo:            IRI(iri.Moderators(in.ID)),
		Endpoints:               endpointsOf(in.SharedInbox),
		PublicKey:               publicKeyOf(in.ID, in.PublicKeyPEM),
		Language:                languagesOf(in.Languages),
		Published:               TimeOf(in.Published),
		Updated:                 TimePtr(in.Updated),
	}
}

// ApplicationInput is what NewApplication needs to know of this instance.
type ApplicationInput struct {
	ID           string // the instance actor's IRI, https://host/
	Name         string // the site's name
	Description  string // one line
	Sidebar      string // markdown
	SidebarHTML  string
	IconURL      string
	BannerURL    string
	PublicKeyPEM string
	Languages    []Language
	Published    time.Time
	Updated      *time.Time
}

// NewApplication is the instance actor as Lemmy shapes it: preferredUsername
// is the host name (InstanceName), inbox the shared inbox. The description
// goes both in summary (read by Lemmy 0.19) and in description (read by
// Lemmy 1.0).
func NewApplication(in ApplicationInput) *Application {
	base := strings.TrimSuffix(in.ID, "/")
	a := &Application{
		LDContext:         LemmyContext(),
		ID:                in.ID,
		Type:              KindApplication,
		Name:              in.Name,
		PreferredUsername: InstanceName(in.ID),
		Summary:           in.Description,
		Description:       in.Description,
		Content:           in.SidebarHTML,
		Source:            markdownSource(in.Sidebar),
		Icon:              imageOf(in.IconURL),
		Image:             imageOf(in.BannerURL),
		Inbox:             base + "/inbox",
		Outbox:            base + "/outbox",
		PublicKey:         publicKeyOf(in.ID, in.PublicKeyPEM),
		Language:          languagesOf(in.Languages),
		Published:         TimeOf(in.Published),
		Updated:           TimePtr(in.Updated),
	}
	if a.Content != "" {
		a.MediaType = MediaTypeHTML
	}
	return a
}

// InstanceName is the preferredUsername of the instance actor whose id is
// instanceID: its host name, without the port (servers that build
// @name@host from it cannot look up a name with a colon in it), and with an
// IPv6 address's colons made dashes for the same reason.
func InstanceName(instanceID string) string {
	u, err := url.Parse(instanceID)
	if err != nil {
		return ""
	}
	return strings.ReplaceAll(u.Hostname(), ":", "-")
}

// Mention is someone a post or comment mentions.
type Mention struct {
	Href string // the actor's IRI
	Name string // as written: @name@host
}

// PostInput is what NewPage needs to know of a post.
type PostInput struct {
	ID           string // the post's IRI
	AuthorID     string // the author's IRI
	CommunityID  string // the community's IRI
	Title        string
	URL          string
	URLMediaType string // an image/* link is sent as an Image, others as a Link
	AltText      string
	Body         string // markdown
	BodyHTML     string
	ThumbnailURL string
	Language     Language // zero: not sent
	NSFW         bool
	Locked       bool
	Featured     bool // featured in its community
	Mentions     []Mention
	Published    time.Time
	Updated      *time.Time
}

// NewPage is a post as Lemmy sends it: to the community and Public,
// audience the community, mentioned people in cc and tag, the link as the
// only attachment.
func NewPage(in PostInput) *Page {
	commentsEnabled := !in.Locked
	p := &Page{
		LDContext:       LemmyContext(),
		ID:              in.ID,
		Type:            KindPage,
		AttributedTo:    IRI(in.AuthorID),
		To:              Strings{in.CommunityID, Public},
		Cc:              mentionHrefs("", in.Mentions),
		Audience:        IRI(in.CommunityID),
		Name:            in.Title,
		MediaType:       MediaTypeHTML,
		Image:           imageOf(in.ThumbnailURL),
		Sensitive:       in.NSFW,
		CommentsEnabled: &commentsEnabled,
		Stickied:        in.Featured,
		Language:        languageOf(in.Language),
		Tag:             mentionTags(in.Mentions),
		Published:       TimeOf(in.Published),
		Updated:         TimePtr(in.Updated),
	}
	if in.Body != "" || in.BodyHTML != "" {
		p.Content = in.BodyHTML
		p.Source = markdownSource(in.Body)
		p.ContentMap = contentMapOf(in.Language, in.BodyHTML)
	}
	if in.URL != "" {
		a := Attachment{Type: KindLink, Href: in.URL, MediaType: in.URLMediaType}
		if strings.HasPrefix(in.URLMediaType, "image/") {
			a = Attachment{Type: KindImage, URL: URLValue(in.URL), MediaType: in.URLMediaType, Name: in.AltText}
		}
		p.Attachment = Attachments{a}
	}
	return p
}

// CommentInput is what NewNote needs to know of a comment.
type CommentInput struct {
	ID          string // the comment's IRI
	AuthorID    string
	CommunityID string
	PostID      string // the post's IRI
	ParentID    string // the parent comment's IRI; "" for a top-level comment
	// ParentAuthorID is the author of the parent comment, or of the post
	// for a top-level comment: Lemmy puts them in cc.
	ParentAuthorID string
	Body           string // markdown
	BodyHTML       string
	Language       Language
	Distinguished  bool
	Mentions       []Mention
	Published      time.Time
	Updated        *time.Time
}

// NewNote is a comment as Lemmy sends it: to the community and Public,
// audience the community, the parent's author and mentioned people in cc.
func NewNote(in CommentInput) *Note {
	inReplyTo := in.ParentID
	if inReplyTo == "" {
		inReplyTo = in.PostID
	}
	return &Note{
		LDContext:     LemmyContext(),
		ID:            in.ID,
		Type:          KindNote,
		AttributedTo:  IRI(in.AuthorID),
		To:            Strings{in.CommunityID, Public},
		Cc:            mentionHrefs(in.ParentAuthorID, in.Mentions),
		Audience:      IRI(in.CommunityID),
		Content:       in.BodyHTML,
		ContentMap:    contentMapOf(in.Language, in.BodyHTML),
		MediaType:     MediaTypeHTML,
		Source:        markdownSource(in.Body),
		InReplyTo:     IRI(inReplyTo),
		Distinguished: in.Distinguished,
		Language:      languageOf(in.Language),
		Tag:           mentionTags(in.Mentions),
		Published:     TimeOf(in.Published),
		Updated:       TimePtr(in.Updated),
	}
}

// NewTombstone stands for a deleted object.
func NewTombstone(id string) *Tombstone {
	return &Tombstone{LDContext: LemmyContext(), ID: id, Type: KindTombstone}
}

// NewOrderedCollection is an OrderedCollection such as an outbox, the
// moderators or the featured posts; items may be empty.
func NewOrderedCollection(id string, total int, items Items) *Collection {
	if items == nil {
		items = Items{}
	}
	return &Collection{LDContext: LemmyContext(), ID: id, Type: KindOrderedCollection, TotalItems: total, OrderedItems: items}
}

// NewCollection is a Collection that tells only its size, as Lemmy serves
// a community's followers.
func NewCollection(id string, total int) *Collection {
	return &Collection{LDContext: LemmyContext(), ID: id, Type: KindCollection, TotalItems: total, Items: Items{}}
}

func markdownSource(md string) *Source {
	if md == "" {
		return nil
	}
	return &Source{Content: md, MediaType: MediaTypeMarkdown}
}

func imageOf(url string) *Image {
	if url == "" {
		return nil
	}
	return NewImage(url)
}

func languagesOf(ls []Language) Languages {
	if len(ls) == 0 {
		return nil
	}
	return slices.Clone(Languages(ls))
}

// contentMapOf is the content under its language's code, which microblog
// servers read (Lemmy reads language); nil when the language is unknown.
func contentMapOf(l Language, html string) map[string]string {
	if l.Identifier == "" || l.Identifier == "und" || html == "" {
		return nil
	}
	return map[string]string{l.Identifier: html}
}

func languageOf(l Language) *Language {
	if l.Identifier == "" {
		return nil
	}
	return &l
}

func endpointsOf(sharedInbox string) *Endpoints {
	if sharedInbox == "" {
		return nil
	}
	return &Endpoints{SharedInbox: sharedInbox}
}

func publicKeyOf(owner, pem string) PublicKey {
	return PublicKey{ID: iri.KeyID(owner), Owner: owner, PublicKeyPem: pem}
}

func mentionHrefs(first string, ms []Mention) Strings {
	var out Strings
	for _, href := range append([]string{first}, hrefs(ms)...) {
		if href != "" && !out.Contains(href) {
			out = append(out, href)
		}
	}
	return out
}

func hrefs(ms []Mention) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Href)
	}
	return out
}

func mentionTags(ms []Mention) Tags {
	var out Tags
	for _, m := range ms {
		out = append(out, Tag{Type: TagMention, Href: m.Href, Name: m.Name})
	}
	return out
}
