package activitypub

// Any is every typed value Decode returns.
type Any interface {
	// Kind is the "type" as sent.
	Kind() Kind
	// IRI is the "id".
	IRI() string
}

// Object and actor types.
const (
	KindPerson                Kind = "Person"
	KindService               Kind = "Service"
	KindOrganization          Kind = "Organization"
	KindGroup                 Kind = "Group"
	KindApplication           Kind = "Application"
	KindPage                  Kind = "Page"
	KindArticle               Kind = "Article"
	KindVideo                 Kind = "Video"
	KindEvent                 Kind = "Event"
	KindNote                  Kind = "Note"
	KindChatMessage           Kind = "ChatMessage"
	KindTombstone             Kind = "Tombstone"
	KindCollection            Kind = "Collection"
	KindOrderedCollection     Kind = "OrderedCollection"
	KindCollectionPage        Kind = "CollectionPage"
	KindOrderedCollectionPage Kind = "OrderedCollectionPage"
	KindImage                 Kind = "Image"
	KindLink                  Kind = "Link"
)

// Person is a user; Type is "Service" for a bot.
type Person struct {
	LDContext                 RawJSON    `json:"@context,omitempty"`
	ID                        string     `json:"id"`
	Type                      Kind       `json:"type"`
	PreferredUsername         string     `json:"preferredUsername"`
	Name                      string     `json:"name,omitempty"` // display name
	Summary                   string     `json:"summary,omitempty"`
	Source                    *Source    `json:"source,omitempty"`
	Icon                      *Image     `json:"icon,omitempty"`  // avatar
	Image                     *Image     `json:"image,omitempty"` // banner
	MatrixUserID              string     `json:"matrixUserId,omitempty"`
	Inbox                     string     `json:"inbox"`
	Outbox                    string     `json:"outbox,omitempty"`
	Followers                 string     `json:"followers,omitempty"`
	Following                 string     `json:"following,omitempty"`
	Featured                  string     `json:"featured,omitempty"`
	URL                       URLValue   `json:"url,omitempty"`
	Endpoints                 *Endpoints `json:"endpoints,omitempty"`
	PublicKey                 PublicKey  `json:"publicKey,omitzero"`
	Discoverable              *bool      `json:"discoverable,omitempty"`
	Sensitive                 *bool      `json:"sensitive,omitempty"`
	ManuallyApprovesFollowers *bool      `json:"manuallyApprovesFollowers,omitempty"`
	Published                 Time       `json:"published,omitzero"`
	Updated                   Time       `json:"updated,omitzero"`
}

// Kind is the type.
func (p Person) Kind() Kind { return p.Type }

// IRI is the id.
func (p Person) IRI() string { return p.ID }

// IsBot reports a Service actor, as Lemmy marks bot accounts.
func (p Person) IsBot() bool { return p.Type == KindService }

// SharedInbox is the shared inbox, else the actor's own inbox.
func (p Person) SharedInbox() string {
	if p.Endpoints != nil && p.Endpoints.SharedInbox != "" {
		return p.Endpoints.SharedInbox
	}
	return p.Inbox
}

// Group is a community.
type Group struct {
	LDContext         RawJSON `json:"@context,omitempty"`
	ID                string  `json:"id"`
	Type              Kind    `json:"type"`
	PreferredUsername string  `json:"preferredUsername"`
	Name              string  `json:"name,omitempty"` // title
	// Description is Lemmy 1.0's short description; Summary is the sidebar.
	Description             string  `json:"description,omitempty"`
	Summary                 string  `json:"summary,omitempty"`
	Source                  *Source `json:"source,omitempty"`
	MediaType               string  `json:"mediaType,omitempty"`
	Icon                    *Image  `json:"icon,omitempty"`
	Image                   *Image  `json:"image,omitempty"`
	Sensitive               bool    `json:"sensitive"`
	PostingRestrictedToMods bool    `json:"postingRestrictedToMods"`
	Inbox                   string  `json:"inbox"`
	Outbox                  string  `json:"outbox,omitempty"`
	Followers               string  `json:"followers,omitempty"`
	Featured                string  `json:"featured,omitempty"`
	// AttributedTo is the moderators collection (Lemmy); Moderators is the
	// same under the name older Lemmy used.
	AttributedTo              IRIOrObject `json:"attributedTo,omitzero"`
	Moderators                string      `json:"moderators,omitempty"`
	Endpoints                 *Endpoints  `json:"endpoints,omitempty"`
	PublicKey                 PublicKey   `json:"publicKey,omitzero"`
	Language                  Languages   `json:"language,omitempty"`
	Tag                       Tags        `json:"tag,omitempty"`
	URL                       URLValue    `json:"url,omitempty"`
	ManuallyApprovesFollowers *bool       `json:"manuallyApprovesFollowers,omitempty"`
	Discoverable              *bool       `json:"discoverable,omitempty"`
	Published                 Time        `json:"published,omitzero"`
	Updated                   Time        `json:"updated,omitzero"`
}

// Kind is the type.
func (g Group) Kind() Kind { return g.Type }

// IRI is the id.
func (g Group) IRI() string { return g.ID }

// ModeratorsURL is the moderators collection, from attributedTo or the
// older "moderators".
func (g Group) ModeratorsURL() string {
	if g.AttributedTo.ID != "" {
		return g.AttributedTo.ID
	}
	return g.Moderators
}

// SharedInbox is the shared inbox, else the community's own inbox.
func (g Group) SharedInbox() string {
	if g.Endpoints != nil && g.Endpoints.SharedInbox != "" {
		return g.Endpoints.SharedInbox
	}
	return g.Inbox
}

// Application is an instance actor.
type Application struct {
	LDContext         RawJSON `json:"@context,omitempty"`
	ID                string  `json:"id"`
	Type              Kind    `json:"type"`
	Name              string  `json:"name"`
	PreferredUsername string  `json:"preferredUsername,omitempty"`
	// Summary (Lemmy 0.19) and Description (Lemmy 1.0) hold the short
	// description; Content and Source the sidebar.
	Summary     string     `json:"summary,omitempty"`
	Description string     `json:"description,omitempty"`
	Content     string     `json:"content,omitempty"`
	MediaType   string     `json:"mediaType,omitempty"`
	Source      *Source    `json:"source,omitempty"`
	Icon        *Image     `json:"icon,omitempty"`
	Image       *Image     `json:"image,omitempty"`
	Inbox       string     `json:"inbox"`
	Outbox      string     `json:"outbox,omitempty"`
	Endpoints   *Endpoints `json:"endpoints,omitempty"`
	PublicKey   PublicKey  `json:"publicKey,omitzero"`
	Language    Languages  `json:"language,omitempty"`
	Published   Time       `json:"published,omitzero"`
	Updated     Time       `json:"updated,omitzero"`
}

// Kind is the type.
func (a Application) Kind() Kind { return a.Type }

// IRI is the id.
func (a Application) IRI() string { return a.ID }

// Page is a post. Lemmy sends Page; Article, Video and Event from other
// software decode here too. A Page with inReplyTo is a comment (IsComment).
type Page struct {
	LDContext       RawJSON           `json:"@context,omitempty"`
	ID              string            `json:"id"`
	Type            Kind              `json:"type"`
	AttributedTo    IRIOrObject       `json:"attributedTo,omitzero"`
	To              Strings           `json:"to,omitempty"`
	Cc              Strings           `json:"cc,omitempty"`
	Audience        IRIOrObject       `json:"audience,omitzero"`
	Name            string            `json:"name,omitempty"`
	Summary         string            `json:"summary,omitempty"`
	Content         string            `json:"content,omitempty"`
	ContentMap      map[string]string `json:"contentMap,omitempty"`
	MediaType       string            `json:"mediaType,omitempty"`
	Source          *Source           `json:"source,omitempty"`
	Attachment      Attachments       `json:"attachment,omitempty"`
	Image           *Image            `json:"image,omitempty"`
	URL             URLValue          `json:"url,omitempty"`
	Sensitive       bool              `json:"sensitive"`
	CommentsEnabled *bool             `json:"commentsEnabled,omitempty"`
	Stickied        bool              `json:"stickied,omitempty"`
	Language        *Language         `json:"language,omitempty"`
	Tag             Tags              `json:"tag,omitempty"`
	InReplyTo       IRIOrObject       `json:"inReplyTo,omitzero"`
	Context         IRIOrObject       `json:"context,omitzero"`
	Published       Time              `json:"published,omitzero"`
	Updated         Time              `json:"updated,omitzero"`
}

// Kind is the type.
func (p Page) Kind() Kind { return p.Type }

// IRI is the id.
func (p Page) IRI() string { return p.ID }

// Addressing is where the post is addressed.
func (p Page) Addressing() Addressing {
	return Addressing{Audience: p.Audience.ID, To: p.To, Cc: p.Cc}
}

// AsNote is the Page read as a comment, for a Page with inReplyTo.
func (p Page) AsNote() Note {
	return Note{
		LDContext: p.LDContext, ID: p.ID, Type: p.Type, AttributedTo: p.AttributedTo,
		To: p.To, Cc: p.Cc, Audience: p.Audience, Name: p.Name, Summary: p.Summary, Content: p.Content,
		ContentMap: p.ContentMap, MediaType: p.MediaType, Source: p.Source, Attachment: p.Attachment,
		URL: p.URL, Sensitive: p.Sensitive, Language: p.Language, Tag: p.Tag, InReplyTo: p.InReplyTo,
		Context: p.Context, Published: p.Published, Updated: p.Updated,
	}
}

// Note is a comment, or a private message (Lemmy 0.19 calls those
// ChatMessage). A Mastodon Note without inReplyTo addressed to a community
// is a post: read it with AsPage.
type Note struct {
	LDContext    RawJSON     `json:"@context,omitempty"`
	ID           string      `json:"id"`
	Type         Kind        `json:"type"`
	AttributedTo IRIOrObject `json:"attributedTo,omitzero"`
	To           Strings     `json:"to,omitempty"`
	Cc           Strings     `json:"cc,omitempty"`
	Audience     IRIOrObject `json:"audience,omitzero"`
	// Name is the title of a post sent as a Note (Friendica, Hubzilla,
	// Misskey pages), which Lemmy sends as a Page.
	Name          string            `json:"name,omitempty"`
	Summary       string            `json:"summary,omitempty"`
	Content       string            `json:"content"`
	ContentMap    map[string]string `json:"contentMap,omitempty"`
	MediaType     string            `json:"mediaType,omitempty"`
	Source        *Source           `json:"source,omitempty"`
	Attachment    Attachments       `json:"attachment,omitempty"`
	URL           URLValue          `json:"url,omitempty"`
	Sensitive     bool              `json:"sensitive,omitempty"`
	InReplyTo     IRIOrObject       `json:"inReplyTo,omitzero"`
	Distinguished bool              `json:"distinguished,omitempty"`
	Language      *Language         `json:"language,omitempty"`
	Tag           Tags              `json:"tag,omitempty"`
	Context       IRIOrObject       `json:"context,omitzero"`
	Published     Time              `json:"published,omitzero"`
	Updated       Time              `json:"updated,omitzero"`
}

// Kind is the type.
func (n Note) Kind() Kind { return n.Type }

// IRI is the id.
func (n Note) IRI() string { return n.ID }

// Addressing is where the comment is addressed.
func (n Note) Addressing() Addressing {
	return Addressing{Audience: n.Audience.ID, To: n.To, Cc: n.Cc}
}

// AsPage is the Note read as a post, for a top-level Note from Mastodon.
func (n Note) AsPage() Page {
	return Page{
		LDContext: n.LDContext, ID: n.ID, Type: n.Type, AttributedTo: n.AttributedTo,
		To: n.To, Cc: n.Cc, Audience: n.Audience, Name: n.Name, Summary: n.Summary, Content: n.Content,
		ContentMap: n.ContentMap, MediaType: n.MediaType, Source: n.Source, Attachment: n.Attachment,
		URL: n.URL, Sensitive: n.Sensitive, Language: n.Language, Tag: n.Tag, InReplyTo: n.InReplyTo,
		Context: n.Context, Published: n.Published, Updated: n.Updated,
	}
}

// Tombstone stands for a deleted object.
type Tombstone struct {
	LDContext  RawJSON `json:"@context,omitempty"`
	ID         string  `json:"id"`
	Type       Kind    `json:"type"`
	FormerType Kind    `json:"formerType,omitempty"`
	Deleted    Time    `json:"deleted,omitzero"`
}

// Kind is the type.
func (t Tombstone) Kind() Kind { return t.Type }

// IRI is the id.
func (t Tombstone) IRI() string { return t.ID }

// Collection is a Collection, OrderedCollection or a page of one: an outbox,
// the followers, moderators or featured posts.
type Collection struct {
	LDContext    RawJSON     `json:"@context,omitempty"`
	ID           string      `json:"id,omitempty"`
	Type         Kind        `json:"type"`
	TotalItems   int         `json:"totalItems"`
	First        IRIOrObject `json:"first,omitzero"`
	Last         IRIOrObject `json:"last,omitzero"`
	Next         IRIOrObject `json:"next,omitzero"`
	Prev         IRIOrObject `json:"prev,omitzero"`
	PartOf       string      `json:"partOf,omitempty"`
	Items        Items       `json:"items,omitzero"`
	OrderedItems Items       `json:"orderedItems,omitzero"`
}

// Kind is the type.
func (c Collection) Kind() Kind { return c.Type }

// IRI is the id.
func (c Collection) IRI() string { return c.ID }

// Entries are the orderedItems, else the items.
func (c Collection) Entries() Items {
	if c.OrderedItems != nil {
		return c.OrderedItems
	}
	return c.Items
}
