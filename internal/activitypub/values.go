package activitypub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"strings"
	"time"
)

// Kind is an ActivityStreams type name such as "Page" or "Create". It
// decodes from a string or from an array of strings (the first counts).
type Kind string

// UnmarshalJSON accepts "Page" or ["Page", ...].
func (k *Kind) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*k = Kind(s)
		return nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(data, &list); err != nil {
		return fmt.Errorf("type: want a string or an array: %w", err)
	}
	*k = ""
	for _, item := range list {
		if err := json.Unmarshal(item, &s); err == nil && s != "" {
			*k = Kind(s)
			break
		}
	}
	return nil
}

// RawJSON is JSON kept as received, such as an @context. It is stored in a
// canonical form (compact, HTML characters escaped) so that decoding what we
// encoded gives the same bytes.
type RawJSON []byte

// UnmarshalJSON keeps a canonical copy of data.
func (r *RawJSON) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*r = nil
		return nil
	}
	c, err := canonical(data)
	if err != nil {
		return err
	}
	*r = RawJSON(c)
	return nil
}

// MarshalJSON writes the JSON as kept.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// canonical compacts JSON and escapes <, > and & the way encoding/json does,
// so the bytes survive a round trip through json.Marshal unchanged.
func canonical(data []byte) (json.RawMessage, error) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	json.HTMLEscape(&out, compact.Bytes())
	return out.Bytes(), nil
}

// Strings is a list of IRIs such as "to" and "cc": it decodes from a single
// string, an array, or null. Objects in the array count by their "id".
type Strings []string

// UnmarshalJSON accepts "x", ["x", "y"], [{"id": "x"}] and null. An empty
// list decodes to nil.
func (s *Strings) UnmarshalJSON(data []byte) error {
	var one IRIOrObject
	if err := one.UnmarshalJSON(data); err != nil {
		return err
	}
	var out Strings
	for _, v := range one.All() {
		if v.ID != "" {
			out = append(out, v.ID)
		}
	}
	*s = out
	return nil
}

// Contains reports whether iri is in the list.
func (s Strings) Contains(iri string) bool {
	for _, v := range s {
		if v == iri {
			return true
		}
	}
	return false
}

// Time is a timestamp in RFC 3339, with or without fractional seconds. It
// encodes in UTC with 0, 3, 6 or 9 fractional digits, as Lemmy does.
type Time struct {
	time.Time
}

// timeLayouts are tried in order; the last ones forgive a missing zone.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00"}

// ParseTime reads a timestamp as remote servers write them.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return Time{t.UTC()}, nil
		}
	}
	return Time{}, fmt.Errorf("time %q is not RFC 3339", s)
}

// TimeOf wraps t, in UTC; the zero time stays zero.
func TimeOf(t time.Time) Time {
	if t.IsZero() {
		return Time{}
	}
	return Time{t.UTC()}
}

// TimePtr wraps *t; nil gives the zero Time.
func TimePtr(t *time.Time) Time {
	if t == nil {
		return Time{}
	}
	return TimeOf(*t)
}

// UnmarshalJSON accepts an RFC 3339 string or null.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*t = Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("time: %w", err)
	}
	if s == "" {
		*t = Time{}
		return nil
	}
	parsed, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}

// MarshalJSON writes RFC 3339 in UTC.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.String())
}

// String is the timestamp as it is sent.
func (t Time) String() string {
	u := t.UTC()
	layout := "2006-01-02T15:04:05.000000000Z"
	switch ns := u.Nanosecond(); {
	case ns == 0:
		layout = "2006-01-02T15:04:05Z"
	case ns%1_000_000 == 0:
		layout = "2006-01-02T15:04:05.000Z"
	case ns%1_000 == 0:
		layout = "2006-01-02T15:04:05.000000Z"
	}
	return u.Format(layout)
}

// Source is what an object was written in: markdown from Lemmy, Mbin and
// PieFed, but also BBCode (Friendica), HTML or plain text (Akkoma),
// Misskey's MFM, or a bare string (older Pleroma). IsMarkdown tells.
type Source struct {
	Content   string `json:"content"`
	MediaType string `json:"mediaType,omitempty"`
	// bare is set for a source sent as a string, which says nothing of
	// what it is written in.
	bare bool
}

// MediaTypeMarkdown and MediaTypeHTML are the media types Lemmy uses.
const (
	MediaTypeMarkdown = "text/markdown"
	MediaTypeHTML     = "text/html"
)

// IsMarkdown reports a source written in markdown: one that says so, or a
// source object that names no media type. A bare string, and every other
// media type, is not markdown, and is not shown or kept as if it were; the
// object's content is what counts then. Nil is not markdown.
func (s *Source) IsMarkdown() bool {
	if s == nil || s.bare {
		return false
	}
	return s.MediaType == "" || IsMarkdown(s.MediaType)
}

// IsMarkdown reports the markdown media type, parameters and case aside.
func IsMarkdown(mediaType string) bool {
	mt, _, err := mime.ParseMediaType(mediaType)
	return err == nil && mt == MediaTypeMarkdown
}

// MarshalJSON writes a bare source back as the string it came as.
func (s Source) MarshalJSON() ([]byte, error) {
	if s.bare {
		return json.Marshal(s.Content)
	}
	type plain Source
	return json.Marshal(plain(s))
}

// UnmarshalJSON accepts an object, or a bare string taken as the content.
// Anything else is ignored, as Lemmy ignores a source it cannot read.
func (s *Source) UnmarshalJSON(data []byte) error {
	*s = Source{}
	var str string
	if err := json.Unmarshal(data, &str); err == nil {
		s.Content, s.bare = str, true
		return nil
	}
	type plain Source
	var p plain
	if err := json.Unmarshal(data, &p); err == nil {
		*s = Source(p)
	}
	return nil
}

// URLValue is a URL sent as a string, as a Link object (its href) or as an
// array of those (the first counts).
type URLValue string

// UnmarshalJSON accepts "https://...", {"href": "https://..."} and arrays.
func (u *URLValue) UnmarshalJSON(data []byte) error {
	var v IRIOrObject
	if err := v.UnmarshalJSON(data); err != nil {
		return err
	}
	*u = URLValue(v.ID)
	if v.ID == "" && v.Raw != nil {
		var link struct {
			URL URLValue `json:"url"`
		}
		if json.Unmarshal(v.Raw, &link) == nil {
			*u = link.URL
		}
	}
	return nil
}

// Image is an icon, banner or thumbnail.
type Image struct {
	Type      Kind     `json:"type,omitempty"`
	URL       URLValue `json:"url"`
	MediaType string   `json:"mediaType,omitempty"`
	// Name is the alt text.
	Name string `json:"name,omitempty"`
}

// NewImage is an Image object for url.
func NewImage(url string) *Image {
	return &Image{Type: "Image", URL: URLValue(url)}
}

// UnmarshalJSON accepts an Image object, a bare URL, or an array (the first
// counts).
func (im *Image) UnmarshalJSON(data []byte) error {
	*im = Image{}
	var v IRIOrObject
	if err := v.UnmarshalJSON(data); err != nil {
		return err
	}
	if v.Raw == nil {
		im.URL = URLValue(v.ID)
		return nil
	}
	type plain Image
	var p plain
	if err := json.Unmarshal(v.Raw, &p); err != nil {
		return fmt.Errorf("image: %w", err)
	}
	*im = Image(p)
	return nil
}

// Language is a language tag as Lemmy sends it.
type Language struct {
	Identifier string `json:"identifier"`
	Name       string `json:"name,omitempty"`
}

// UnmarshalJSON accepts an object, an array (the first counts) or a bare
// identifier.
func (l *Language) UnmarshalJSON(data []byte) error {
	var list Languages
	if err := list.UnmarshalJSON(data); err != nil {
		return err
	}
	*l = Language{}
	if len(list) > 0 {
		*l = list[0]
	}
	return nil
}

// Languages is a list of languages, decoded from an object or an array.
type Languages []Language

// UnmarshalJSON accepts one language, an array of them, or null.
func (ls *Languages) UnmarshalJSON(data []byte) error {
	*ls = nil
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	var items []json.RawMessage
	if data[0] == '[' {
		if err := json.Unmarshal(data, &items); err != nil {
			return fmt.Errorf("language: %w", err)
		}
	} else {
		items = []json.RawMessage{data}
	}
	for _, item := range items {
		var id string
		if err := json.Unmarshal(item, &id); err == nil {
			*ls = append(*ls, Language{Identifier: id})
			continue
		}
		var l struct {
			Identifier string `json:"identifier"`
			Name       string `json:"name"`
		}
		if err := json.Unmarshal(item, &l); err != nil {
			return fmt.Errorf("language: %w", err)
		}
		*ls = append(*ls, Language(l))
	}
	return nil
}

// Attachment is one entry of a post's "attachment": a Link (href), or an
// Image or Document (url). Other types decode and are ignored by PostURL.
type Attachment struct {
	Type      Kind     `json:"type,omitempty"`
	Href      string   `json:"href,omitempty"`
	URL       URLValue `json:"url,omitempty"`
	MediaType string   `json:"mediaType,omitempty"`
	// Name is the alt text of an Image or Document.
	Name string `json:"name,omitempty"`
}

// Link is where the attachment points: href for a Link, url for an Image or
// Document, either for other types.
func (a Attachment) Link() string {
	switch a.Type {
	case "Link":
		return a.Href
	case "Image", "Document":
		return string(a.URL)
	}
	if a.Href != "" {
		return a.Href
	}
	return string(a.URL)
}

// Attachments decode from one object or an array; entries that cannot be
// read are skipped, as Lemmy does.
type Attachments []Attachment

// UnmarshalJSON accepts an object, an array or null.
func (as *Attachments) UnmarshalJSON(data []byte) error {
	*as = nil
	return eachItem(data, func(item json.RawMessage) {
		var a Attachment
		if json.Unmarshal(item, &a) == nil {
			*as = append(*as, a)
		}
	})
}

// Endpoints of an actor.
type Endpoints struct {
	SharedInbox string `json:"sharedInbox,omitempty"`
}

// PublicKey is an actor's RSA key. It decodes from an object or an array
// (the first counts).
type PublicKey struct {
	ID           string `json:"id"`
	Owner        string `json:"owner"`
	PublicKeyPem string `json:"publicKeyPem"`
}

// UnmarshalJSON accepts an object or an array of them.
func (k *PublicKey) UnmarshalJSON(data []byte) error {
	*k = PublicKey{}
	var v IRIOrObject
	if err := v.UnmarshalJSON(data); err != nil {
		return err
	}
	if v.Raw == nil {
		k.ID = v.ID
		return nil
	}
	type plain PublicKey
	var p plain
	if err := json.Unmarshal(v.Raw, &p); err != nil {
		return fmt.Errorf("publicKey: %w", err)
	}
	*k = PublicKey(p)
	return nil
}

// Tag is a Mention, a Hashtag or a Lemmy CommunityPostTag.
type Tag struct {
	Type Kind   `json:"type"`
	ID   string `json:"id,omitempty"`
	Href string `json:"href,omitempty"`
	Name string `json:"name,omitempty"`
	// PreferredUsername is a CommunityPostTag's fixed name.
	PreferredUsername string `json:"preferredUsername,omitempty"`
}

// Tag types.
const (
	TagMention          Kind = "Mention"
	TagHashtag          Kind = "Hashtag"
	TagCommunityPostTag Kind = "CommunityPostTag"
)

// Tags decode from one object or an array; entries that cannot be read are
// skipped.
type Tags []Tag

// UnmarshalJSON accepts an object, an array or null.
func (ts *Tags) UnmarshalJSON(data []byte) error {
	*ts = nil
	return eachItem(data, func(item json.RawMessage) {
		var t Tag
		if json.Unmarshal(item, &t) == nil {
			*ts = append(*ts, t)
		}
	})
}

// Mentions are the hrefs of the Mention tags.
func (ts Tags) Mentions() []string {
	var out []string
	for _, t := range ts {
		if t.Type == TagMention && t.Href != "" {
			out = append(out, t.Href)
		}
	}
	return out
}

// eachItem calls f for each element of a JSON array, or once for a single
// value; null calls nothing.
func eachItem(data []byte, f func(json.RawMessage)) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	if data[0] != '[' {
		f(data)
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return err
	}
	for _, item := range items {
		f(item)
	}
	return nil
}
