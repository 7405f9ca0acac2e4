// Package activitypub is Tidings' ActivityPub vocabulary: the objects and
// activities Lemmy and its neighbours (Mbin, PieFed, Mastodon) send, parsed
// tolerantly, the rules Lemmy applies to them, and builders for the JSON we
// send. It knows nothing of the database or of HTTP.
//
// Reading: Decode looks at "type" and returns a typed value (*Person,
// *Group, *Application, *Page, *Note, *Tombstone, *Collection or *Activity).
// Fields that may be an IRI, an embedded object or an array of either are
// IRIOrObject; embedded objects keep their JSON and decode on demand.
//
// Writing: NewPerson, NewGroup, NewPage, NewNote ... build objects and
// NewCreate, NewAnnounce ... build activities addressed as Lemmy addresses
// them, with Lemmy's JSON-LD context.
package activitypub
