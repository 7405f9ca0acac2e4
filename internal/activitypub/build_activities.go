package activitypub

import (
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/activitypub/iri"
)

// newActivity starts an activity with a fresh id under the actor's origin,
// https://HOST/activities/KIND/UUID, as Lemmy builds them.
func newActivity(kind Kind, actor string) *Activity {
	b, _ := iri.Origin(actor) // not a URL: the id is relative, and wrong, but unique
	return &Activity{LDContext: LemmyContext(), ID: b.Activity(string(kind)), Type: kind, Actor: IRI(actor)}
}

// errNoCommunity is returned when a post or comment names no community.
var errNoCommunity = errors.New("activitypub: object names no community")

// NewCreate wraps a new post (*Page) or comment (*Note) by actor, addressed
// as Lemmy addresses it: to the community and Public, audience the
// community; cc the community and the post's mentioned people for a post,
// the comment's cc for a comment, and the object's Mention tags.
func NewCreate(actor string, obj any) (*Activity, error) {
	return createOrUpdate(KindCreate, actor, obj)
}

// NewUpdate wraps an edited *Page or *Note, addressed as NewCreate does, or
// a changed *Group (to Public, cc and audience the community), *Person or
// *Application (to Public).
func NewUpdate(actor string, obj any) (*Activity, error) {
	return createOrUpdate(KindUpdate, actor, obj)
}

func createOrUpdate(kind Kind, actor string, obj any) (*Activity, error) {
	a := newActivity(kind, actor)
	switch o := obj.(type) {
	case *Page:
		c := CommunityOf(o)
		if c == "" {
			return nil, errNoCommunity
		}
		// Mentioned people are addressed too, as in a Note: microblog
		// servers notify whom the activity addresses.
		a.To, a.Cc, a.Audience = Strings{c, Public}, append(Strings{c}, o.Cc...), IRI(c)
		a.Tag = append(Tags(nil), o.Tag...)
	case *Note:
		c := CommunityOf(o)
		if c == "" {
			return nil, errNoCommunity
		}
		a.To, a.Audience = Strings{c, Public}, IRI(c)
		a.Cc = append(Strings(nil), o.Cc...)
		a.Tag = append(Tags(nil), o.Tag...)
	case *Group:
		if kind != KindUpdate {
			return nil, fmt.Errorf("activitypub: cannot %s a %s", kind, o.Type)
		}
		a.To, a.Cc, a.Audience = Strings{Public}, Strings{o.ID}, IRI(o.ID)
	case *Person, *Application:
		if kind != KindUpdate {
			return nil, fmt.Errorf("activitypub: cannot %s %T", kind, obj)
		}
		a.To = Strings{Public}
	default:
		return nil, fmt.Errorf("activitypub: cannot %s %T", kind, obj)
	}
	return withObject(a, obj)
}

func withObject(a *Activity, obj any) (*Activity, error) {
	o, err := Embed(obj)
	if err != nil {
		return nil, err
	}
	a.Object = o
	return a, nil
}

// inCommunity addresses an activity about something in a community, as
// Lemmy's deletions are: to the community and Public, cc and audience the
// community.
func inCommunity(a *Activity, community string) *Activity {
	a.To, a.Cc, a.Audience = Strings{community, Public}, Strings{community}, IRI(community)
	return a
}

// NewDelete is the author's deletion of their post or comment (object) in
// community.
func NewDelete(actor, object, community string) *Activity {
	a := inCommunity(newActivity(KindDelete, actor), community)
	a.Object = IRI(object)
	return a
}

// NewModDelete is a moderator's removal of a post or comment: a Delete with
// a summary, even an empty one, addressed as a moderator's activity.
func NewModDelete(actor, object, community, reason string) *Activity {
	a := modActivity(KindDelete, actor, community)
	a.Object, a.Summary = IRI(object), &reason
	return a
}

// NewDeleteAccount deletes actor's own account; removeData asks that their
// posts and comments go too.
func NewDeleteAccount(actor string, removeData bool) *Activity {
	a := newActivity(KindDelete, actor)
	a.To, a.Object, a.RemoveData = Strings{Public}, IRI(actor), removeData
	return a
}

// NewLike is an upvote of a post or comment in community.
func NewLike(actor, object, community string) *Activity {
	return vote(KindLike, actor, object, community)
}

// NewDislike is a downvote of a post or comment in community.
func NewDislike(actor, object, community string) *Activity {
	return vote(KindDislike, actor, object, community)
}

func vote(kind Kind, actor, object, community string) *Activity {
	a := newActivity(kind, actor)
	a.Object = IRI(object)
	if community != "" {
		a.Audience = IRI(community)
	}
	return a
}

// NewUndo retracts inner (a vote, a follow, a deletion ...), addressed as
// inner was.
func NewUndo(actor string, inner *Activity) (*Activity, error) {
	a := newActivity(KindUndo, actor)
	a.To = append(Strings(nil), inner.To...)
	a.Cc = append(Strings(nil), inner.Cc...)
	a.Audience = inner.Audience
	return withObject(a, inner)
}

// NewFollow asks to follow object, a community or a person.
func NewFollow(actor, object string) *Activity {
	a := newActivity(KindFollow, actor)
	a.To, a.Object = Strings{object}, IRI(object)
	return a
}

// NewAccept accepts follow, sent by the followed actor to the follower.
func NewAccept(actor string, follow *Activity) (*Activity, error) {
	return answer(KindAccept, actor, follow)
}

// NewReject refuses follow.
func NewReject(actor string, follow *Activity) (*Activity, error) {
	return answer(KindReject, actor, follow)
}

func answer(kind Kind, actor string, follow *Activity) (*Activity, error) {
	a := newActivity(kind, actor)
	if follow.Actor.ID != "" {
		a.To = Strings{follow.Actor.ID}
	}
	return withObject(a, follow)
}

// NewAnnounce is community passing obj on to its followers (FEP-1b12): to
// Public, cc the followers collection. obj is an *Activity (or a bare
// *Page for Mastodon's sake), or a received activity as json.RawMessage.
func NewAnnounce(community string, obj any) (*Activity, error) {
	a := newActivity(KindAnnounce, community)
	a.To, a.Cc = Strings{Public}, Strings{iri.Followers(community)}
	return withObject(a, obj)
}

// NewAnnounceObject is community passing on a post by its id alone, to
// Public, cc the followers collection: a boost, as microblog servers
// (Mastodon, GoToSocial, Misskey) understand it, who fetch the post from
// its server and know nothing of an Announce of a Create. Lemmy sends one
// beside the Announce of each new post's Create for their sake.
func NewAnnounceObject(community, object string) *Activity {
	a := newActivity(KindAnnounce, community)
	a.To, a.Cc, a.Object = Strings{Public}, Strings{iri.Followers(community)}, IRI(object)
	return a
}

// NewFlag is a person's report of a post or comment (object) to the
// community it is in, as Lemmy 0.19 sends it: to and audience the
// community, the reason as summary. id is the report's own, made when it
// was stored, so that the report and what was sent share it.
func NewFlag(id, actor, object, community, reason string) *Activity {
	a := newActivity(KindFlag, actor)
	a.ID, a.To, a.Audience, a.Object, a.Summary = id, Strings{community}, IRI(community), IRI(object), &reason
	return a
}
