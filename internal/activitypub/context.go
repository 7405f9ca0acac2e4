package activitypub

import "slices"

// Namespaces used in @context and in addressing.
const (
	ActivityStreams = "https://www.w3.org/ns/activitystreams"
	SecurityV1      = "https://w3id.org/security/v1"
	// Public is the special collection that makes an object public.
	Public = ActivityStreams + "#Public"
)

// LemmyContext is the @context we send on every outermost object: the
// ActivityStreams and security vocabularies and the terms Lemmy adds to
// them, as Lemmy's own context document defines them. Each call returns a
// fresh copy.
func LemmyContext() RawJSON { return slices.Clone(lemmyContext) }

var lemmyContext = RawJSON(mustCanonical(`[
	"` + ActivityStreams + `",
	"` + SecurityV1 + `",
	{
		"lemmy": "https://join-lemmy.org/ns#",
		"litepub": "http://litepub.social/ns#",
		"pt": "https://joinpeertube.org/ns#",
		"sc": "http://schema.org/",
		"ChatMessage": "litepub:ChatMessage",
		"commentsEnabled": "pt:commentsEnabled",
		"sensitive": "as:sensitive",
		"matrixUserId": "lemmy:matrixUserId",
		"postingRestrictedToMods": "lemmy:postingRestrictedToMods",
		"removeData": "lemmy:removeData",
		"stickied": "lemmy:stickied",
		"moderators": {"@type": "@id", "@id": "lemmy:moderators"},
		"expires": "as:endTime",
		"distinguished": "lemmy:distinguished",
		"language": "sc:inLanguage",
		"identifier": "sc:identifier"
	}
]`))

func mustCanonical(s string) []byte {
	b, err := canonical([]byte(s))
	if err != nil {
		panic("activitypub: bad built-in JSON: " + err.Error())
	}
	return b
}

// withoutContext is v with its @context dropped, for embedding: only the
// outermost object carries one.
func withoutContext(v any) any {
	if c, ok := v.(interface{ withoutLDContext() any }); ok {
		return c.withoutLDContext()
	}
	return v
}

func (a Activity) withoutLDContext() any    { a.LDContext = nil; return a }
func (p Page) withoutLDContext() any        { p.LDContext = nil; return p }
func (n Note) withoutLDContext() any        { n.LDContext = nil; return n }
func (p Person) withoutLDContext() any      { p.LDContext = nil; return p }
func (g Group) withoutLDContext() any       { g.LDContext = nil; return g }
func (a Application) withoutLDContext() any { a.LDContext = nil; return a }
func (t Tombstone) withoutLDContext() any   { t.LDContext = nil; return t }
func (c Collection) withoutLDContext() any  { c.LDContext = nil; return c }
