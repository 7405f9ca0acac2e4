package activitypub

import "time"

// modActivity starts a moderator's activity in community, addressed as
// Lemmy 0.19 addresses its moderators': to Public, cc and audience the
// community.
func modActivity(kind Kind, actor, community string) *Activity {
	a := newActivity(kind, actor)
	a.To, a.Cc, a.Audience = Strings{Public}, Strings{community}, IRI(community)
	return a
}

// NewLock is a moderator's lock of a post in community: no more replies.
// Its Undo unlocks it.
func NewLock(actor, object, community string) *Activity {
	a := modActivity(KindLock, actor, community)
	a.Object = IRI(object)
	return a
}

// NewAddTo is a moderator's Add of object (a post, a person) to one of
// community's collections (featured posts, moderators), or with add false
// its Remove from it.
func NewAddTo(add bool, actor, object, collection, community string) *Activity {
	kind := KindAdd
	if !add {
		kind = KindRemove
	}
	a := modActivity(kind, actor, community)
	a.Object, a.Target = IRI(object), IRI(collection)
	return a
}

// NewCommunityBlock is a moderator's ban of person from community, for
// reason, until expires (zero for until lifted); removeData asks that
// what they wrote there go too. Its Undo lifts the ban.
func NewCommunityBlock(actor, person, community, reason string, expires time.Time, removeData bool) *Activity {
	a := modActivity(KindBlock, actor, community)
	a.Object, a.Target, a.RemoveData = IRI(person), IRI(community), removeData
	if reason != "" {
		a.Summary = &reason
	}
	if !expires.IsZero() {
		a.Expires = TimeOf(expires)
	}
	return a
}
