package activitypub

import (
	"net/url"
	"strings"

	"github.com/tidings/tidings/internal/runes"
)

// MaxTitleLength is the longest post title Lemmy keeps, in characters.
const MaxTitleLength = 200

// Addressing is who an object or activity is addressed to.
type Addressing struct {
	Audience string
	To, Cc   Strings
}

// Addressed is implemented by Page, Note and Activity.
type Addressed interface {
	Addressing() Addressing
}

// IsPublic reports whether the addressing includes the Public collection.
func (a Addressing) IsPublic() bool {
	for _, iri := range append(append(Strings{}, a.To...), a.Cc...) {
		if IsPublic(iri) {
			return true
		}
	}
	return false
}

// IsPublic reports whether iri names the Public collection, in any of the
// forms JSON-LD allows.
func IsPublic(iri string) bool {
	return iri == Public || iri == "as:Public" || iri == "Public"
}

// SameOrigin reports whether a and b share scheme, host and port, the
// host compared in its canonical form (see Domain): case, IDN spellings,
// IPv4-mapped addresses and the scheme's default port make no difference.
// Anything that is not an absolute URL with a valid host shares no origin.
func SameOrigin(a, b string) bool {
	oa, okA := origin(a)
	ob, okB := origin(b)
	return okA && okB && oa == ob
}

// IsInstanceActor reports an id at the root of its server (https://host/),
// where Lemmy, and we, keep the instance's Application actor: the target
// of a ban from a whole instance.
func IsInstanceActor(id string) bool {
	u, err := url.Parse(id)
	return err == nil && Domain(id) != "" && (u.Path == "" || u.Path == "/") && u.RawQuery == "" && u.Fragment == ""
}

// IsComment reports a Page that replies to something: Lemmy takes it for a
// comment, not a post.
func IsComment(page Page) bool { return page.InReplyTo.ID != "" }

// Author is who wrote a post or comment: the first of its attributedTo
// that is not a Group. PeerTube names a video's channel (a Group) there
// beside the account (a Person) that uploaded it, in either order.
func Author(page Page) string {
	for _, v := range page.AttributedTo.All() {
		if v.Type != KindGroup && v.ID != "" {
			return v.ID
		}
	}
	return ""
}

// AttributedGroups are the Groups in a post's attributedTo: the channel of
// a PeerTube video, which names its community nowhere else.
func AttributedGroups(page Page) []string {
	var out []string
	for _, v := range page.AttributedTo.All() {
		if v.Type == KindGroup && v.ID != "" {
			out = append(out, v.ID)
		}
	}
	return out
}

// PostURL is the post's link: the first attachment's (a Link's href, an
// Image's or Document's url). Only the first attachment counts. A Video
// without attachment links to itself, as Lemmy does.
func PostURL(page Page) string {
	if len(page.Attachment) > 0 {
		return page.Attachment[0].Link()
	}
	if page.Type == KindVideo {
		if page.URL != "" {
			return string(page.URL)
		}
		return page.ID
	}
	return ""
}

// PostTitle is the post's name or, for a post without one (from Mastodon),
// the first line of its content as plain text, without the mentions it
// starts with. Either is cut to MaxTitleLength characters. It is "" when
// there is neither name nor content.
func PostTitle(page Page) string {
	title := strings.TrimSpace(page.Name)
	if title == "" {
		title = firstTextLine(page)
	}
	return strings.TrimSpace(runes.Cut(title, MaxTitleLength))
}

func firstTextLine(page Page) string {
	var lines []string
	switch {
	case page.Content != "":
		lines = htmlLines(page.Content)
	case page.Source.IsMarkdown():
		lines = strings.Split(page.Source.Content, "\n")
	}
	mentions := mentionNames(page.Tag)
	for _, line := range lines {
		if line = stripLeadingMentions(strings.Join(strings.Fields(line), " "), mentions); line != "" {
			return line
		}
	}
	return ""
}

// mentionNames are the texts a mention tag may show as: "@name@host" and
// "@name".
func mentionNames(tags Tags) map[string]bool {
	names := map[string]bool{}
	for _, t := range tags {
		if t.Type != TagMention || t.Name == "" {
			continue
		}
		full := "@" + strings.TrimPrefix(t.Name, "@")
		names[full] = true
		if local, _, ok := strings.Cut(full[1:], "@"); ok {
			names["@"+local] = true
		}
	}
	return names
}

func stripLeadingMentions(line string, mentions map[string]bool) string {
	for {
		word, rest, _ := strings.Cut(line, " ")
		if !mentions[word] {
			return line
		}
		line = strings.TrimSpace(rest)
	}
}

// CommunityOf is the community an object or activity is in: its audience,
// else the first of to and cc that is neither Public, nor a followers
// collection, nor a person (a /u/ or /users/ URL). An audience naming a
// person, as some Lemmy versions send, is passed over. It is "" when no
// candidate remains. The result is a candidate: the caller must check that
// it is a Group.
func CommunityOf(obj Addressed) string {
	if c := CommunityCandidates(obj); len(c) > 0 {
		return c[0]
	}
	return ""
}

// CommunityCandidates lists, in order and without repeats, every IRI
// CommunityOf would consider; Lemmy tries each until one is a community.
func CommunityCandidates(obj Addressed) []string {
	a := obj.Addressing()
	seen := map[string]bool{}
	var out []string
	for _, iri := range append(append(Strings{a.Audience}, a.To...), a.Cc...) {
		if iri == "" || seen[iri] || !mayBeCommunity(iri) {
			continue
		}
		seen[iri] = true
		out = append(out, iri)
	}
	return out
}

func mayBeCommunity(iri string) bool {
	if IsPublic(iri) {
		return false
	}
	u, err := url.Parse(iri)
	if err != nil || u.Hostname() == "" {
		return false
	}
	path := strings.Trim(u.EscapedPath(), "/")
	if path == "followers" || strings.HasSuffix(path, "/followers") {
		return false
	}
	first, rest, _ := strings.Cut(path, "/")
	return rest == "" || (first != "u" && first != "users")
}

// SameCollection reports whether a and b name one collection (see
// CollectionURL).
func SameCollection(a, b string) bool {
	ka := CollectionURL(a)
	return ka != "" && ka == CollectionURL(b)
}

// CollectionURL is u as collections are compared: its origin in canonical
// form, its path with each run of slashes as one and no trailing slash
// (Lemmy 0.19 writes its featured URL with a double slash, and its Add
// with a single one), and its query. "" when u is not an absolute URL.
func CollectionURL(u string) string {
	o, ok := origin(u)
	if !ok {
		return ""
	}
	parsed, _ := url.Parse(u) // origin has parsed it
	p := parsed.EscapedPath()
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	p = strings.TrimSuffix(p, "/")
	if parsed.RawQuery != "" {
		p += "?" + parsed.RawQuery
	}
	return o + p
}

// PostThumbnail is the picture shown beside a post: its image (Lemmy,
// PieFed, Mbin), else the first attachment when that is a picture
// (Mastodon's Document, an Image), whose thumbnail is the picture itself.
func PostThumbnail(page Page) string {
	if page.Image != nil && page.Image.URL != "" {
		return string(page.Image.URL)
	}
	if len(page.Attachment) > 0 {
		a := page.Attachment[0]
		if a.Type == KindImage || (a.Type == "Document" && strings.HasPrefix(a.MediaType, "image/")) {
			return string(a.URL)
		}
	}
	return ""
}
