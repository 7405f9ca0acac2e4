package federation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/markdown"
	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// RefreshAfter is how long a stored remote actor is trusted before it is
// fetched again, as in Lemmy.
const RefreshAfter = 24 * time.Hour

// Actor kinds in an ActorRef.
const (
	ActorPerson    = "person"
	ActorCommunity = "community"
	ActorInstance  = "instance"
)

var (
	// ErrBlocked: the actor's instance is blocked by an admin, or the site
	// federates only with allowed instances and it is not one.
	ErrBlocked = errors.New("the instance is blocked")
	// ErrNotActor: the document is not a Person, Service, Group or
	// Application, or lacks what an actor must have.
	ErrNotActor = errors.New("the document is not an actor")
	// ErrCrossOrigin: the actor's inbox or key lives on another origin than
	// the actor itself.
	ErrCrossOrigin = errors.New("the actor's inbox or key is on another origin")
)

// ActorRef is what federation needs to know of an actor: how to check its
// signatures and where to deliver to it.
type ActorRef struct {
	Kind string // ActorPerson, ActorCommunity or ActorInstance
	// ID is the actor's id (ap_id).
	ID          string
	PersonID    int64 // when Kind is ActorPerson
	CommunityID int64 // when Kind is ActorCommunity
	Local       bool
	// PublicKeyPEM is the actor's publicKeyPem; KeyID the key's id, as
	// published, or ID+"#main-key" for an actor answered from the database.
	PublicKeyPEM string
	KeyID        string
	Inbox        string
	SharedInbox  string
	// Banned: a person banned from this site, whose activities are refused.
	Banned bool
}

// Resolver finds remote actors, from the database while they are fresh
// and from their instance otherwise, and stores what it fetches.
type Resolver struct {
	Store   *store.Store
	Fetcher *Fetcher
	// LocalHost is this instance's host[:port]: actors there are answered
	// from the database only.
	LocalHost string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log is where what is ignored of an actor is told; nil for nowhere.
	Log *slog.Logger
	// Pictures is told of the actors' icons and banners, to keep them
	// here; nil to leave them where they are.
	Pictures interface {
		NoteRemoteImages(ctx context.Context, imgs ...forum.RemoteImage) error
	}
}

func (r *Resolver) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Resolver) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.New(slog.DiscardHandler)
}

var sanitizer = markdown.New()

// Actor returns the actor whose id is id. A local actor comes from the
// database (store.ErrNotFound when there is none). A remote one comes from
// the database unless it is missing, refresh is set, or it was last
// fetched more than RefreshAfter ago; then it is fetched, checked (its
// inbox and its key's owner on the origin it was fetched from), and
// stored with its instance. When a refetch that was not forced fails
// other than with ErrGone, the stored actor is answered. Actors of a
// blocked instance (or, in allow-list mode, one not allowed) give
// ErrBlocked, stored or not, and are not fetched. An instance actor
// (Application) is fetched every time and not stored.
func (r *Resolver) Actor(ctx context.Context, id string, refresh bool) (ActorRef, error) {
	u, err := url.Parse(id)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Fragment != "" {
		return ActorRef{}, fmt.Errorf("resolve actor %q: %w: not an absolute http(s) URL without fragment", id, ErrNotActor)
	}
	// Instances are named in one canonical form (without the scheme's
	// default port, IPv4-mapped addresses unmapped...): else
	// https://blocked.example:443 would be another, unblocked, instance.
	host := ap.Domain(id)
	if host == "" {
		return ActorRef{}, fmt.Errorf("resolve actor %q: %w: its host is not a valid name or address", id, ErrNotActor)
	}
	if r.localDomain(host) {
		return r.localActor(ctx, id)
	}
	memo, _ := ctx.Value(memoKey{}).(*actorMemo)
	if ref, ok := memo.get(id); ok && !refresh {
		return ref, nil
	}
	ref, err := r.remoteActor(ctx, id, host, refresh)
	if err == nil {
		memo.put(id, ref)
	}
	return ref, err
}

// memoKey holds an *actorMemo in a context.
type memoKey struct{}

// actorMemo remembers the actors resolved while handling one request: the
// signature check and the activity ask for the same actor, and one query
// is enough.
type actorMemo struct {
	mu   sync.Mutex
	refs map[string]ActorRef
}

// WithActorMemo returns a context in which each actor is resolved once.
func WithActorMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &actorMemo{refs: map[string]ActorRef{}})
}

func (m *actorMemo) get(id string) (ActorRef, bool) {
	if m == nil {
		return ActorRef{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ref, ok := m.refs[id]
	return ref, ok
}

func (m *actorMemo) put(id string, ref ActorRef) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refs[id] = ref
}

// remoteActor is Actor for an actor of another instance.
func (r *Resolver) remoteActor(ctx context.Context, id, host string, refresh bool) (ActorRef, error) {

	row, err := r.Store.ActorByAPID(ctx, id)
	found := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return ActorRef{}, fmt.Errorf("resolve actor: %w", err)
	}
	if found && row.InstanceBlocked {
		return ActorRef{}, fmt.Errorf("resolve actor %s: %w", id, ErrBlocked)
	}
	if !found {
		in, err := r.Store.InstanceState(ctx, host)
		switch {
		case err == nil && in.Refused:
			return ActorRef{}, fmt.Errorf("resolve actor %s: %w", id, ErrBlocked)
		case err != nil:
			return ActorRef{}, fmt.Errorf("resolve actor: %w", err)
		}
	}
	if found && !refresh && r.now().Sub(row.LastRefreshedAt) < RefreshAfter {
		return refOfRow(row), nil
	}
	ref, err := r.fetchActor(ctx, id, host)
	if err != nil {
		if found && !refresh && !errors.Is(err, ErrGone) && !errors.Is(err, ErrBlocked) {
			// Stale but still known: better than nothing while the remote
			// is down; the next lookup tries again.
			return refOfRow(row), nil
		}
		return ActorRef{}, err
	}
	return ref, nil
}

// isLocal reports an id on this instance, which is never fetched.
func (r *Resolver) isLocal(id string) bool {
	return r.localDomain(ap.Domain(id))
}

// localDomain reports this instance's domain (see ap.Domain), under
// either scheme.
func (r *Resolver) localDomain(domain string) bool {
	return domain != "" && (domain == ap.Domain("https://"+r.LocalHost) || domain == ap.Domain("http://"+r.LocalHost))
}

func refOfRow(row store.ActorRow) ActorRef {
	ref := ActorRef{Kind: row.Kind, ID: row.APID, Local: row.Local, PublicKeyPEM: row.PublicKeyPEM,
		KeyID: row.APID + "#main-key", Inbox: row.InboxURL, SharedInbox: row.SharedInboxURL, Banned: row.Banned}
	if ref.SharedInbox == "" {
		ref.SharedInbox = ref.Inbox
	}
	if row.Kind == ActorCommunity {
		ref.CommunityID = row.ID
	} else {
		ref.PersonID = row.ID
	}
	return ref
}

// localActor answers for an id of this instance from the database.
func (r *Resolver) localActor(ctx context.Context, id string) (ActorRef, error) {
	row, err := r.Store.ActorByAPID(ctx, id)
	if err == nil {
		return refOfRow(row), nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return ActorRef{}, fmt.Errorf("resolve local actor: %w", err)
	}
	u, _ := url.Parse(id)
	if u.Path == "" || u.Path == "/" {
		site, err := r.Store.GetSite(ctx)
		if err != nil {
			return ActorRef{}, fmt.Errorf("resolve instance actor: %w", err)
		}
		inbox := u.Scheme + "://" + u.Host + "/inbox"
		return ActorRef{Kind: ActorInstance, ID: id, Local: true, PublicKeyPEM: site.PublicKeyPEM,
			KeyID: id + "#main-key", Inbox: inbox, SharedInbox: inbox}, nil
	}
	return ActorRef{}, fmt.Errorf("resolve local actor %s: %w", id, store.ErrNotFound)
}

// fetchActor fetches, checks and stores the actor at id, of host.
func (r *Resolver) fetchActor(ctx context.Context, id, host string) (ActorRef, error) {
	raw, err := r.Fetcher.Fetch(ctx, id)
	if err != nil {
		return ActorRef{}, fmt.Errorf("resolve actor: %w", err)
	}
	return r.storeActor(ctx, id, host, raw)
}

// storeActor checks and stores the actor document raw, fetched from id on
// host, so that what was fetched for another reason need not be fetched
// again.
func (r *Resolver) storeActor(ctx context.Context, id, host string, raw []byte) (ActorRef, error) {
	obj, err := ap.Decode(raw)
	if err != nil {
		return ActorRef{}, fmt.Errorf("resolve actor %s: %w: %w", id, ErrNotActor, err)
	}
	switch a := obj.(type) {
	case *ap.Person:
		if err := checkActor(id, a.ID, a.PreferredUsername, a.Inbox, a.PublicKey); err != nil {
			return ActorRef{}, err
		}
		shared := r.sharedInbox(ctx, a.ID, a.Inbox, a.Endpoints)
		in, err := r.instance(ctx, host)
		if err != nil {
			return ActorRef{}, err
		}
		p, err := r.Store.UpsertRemotePerson(ctx, store.NewPerson{
			APID: a.ID, InstanceID: in.ID, Name: runes.Cut(a.PreferredUsername, 255),
			DisplayName: runes.Cut(a.Name, 255), Bio: sourceText(a.Source), BioHTML: profileHTML(a.Summary),
			AvatarURL: imageURL(a.Icon), BannerURL: imageURL(a.Image), Bot: a.IsBot(),
			// Inboxes are kept with their host in canonical form, so that
			// deliveries to them are counted under their instance's name.
			InboxURL: ap.CanonicalURL(a.Inbox), SharedInboxURL: ap.CanonicalURL(shared),
			PublicKeyPEM: a.PublicKey.PublicKeyPem, Published: a.Published.Time,
		})
		if err != nil {
			return ActorRef{}, fmt.Errorf("resolve actor: %w", err)
		}
		r.notePictures(ctx, a.ID, forum.RemoteImage{URL: p.AvatarURL, Purpose: store.ImageAvatar},
			forum.RemoteImage{URL: p.BannerURL, Purpose: store.ImageBanner})
		return ActorRef{Kind: ActorPerson, ID: p.APID, PersonID: p.ID, PublicKeyPEM: p.PublicKeyPEM,
			KeyID: keyID(a.ID, a.PublicKey), Inbox: p.InboxURL, SharedInbox: p.SharedInboxURL, Banned: p.Banned}, nil
	case *ap.Group:
		if err := checkActor(id, a.ID, a.PreferredUsername, a.Inbox, a.PublicKey); err != nil {
			return ActorRef{}, err
		}
		shared := r.sharedInbox(ctx, a.ID, a.Inbox, a.Endpoints)
		in, err := r.instance(ctx, host)
		if err != nil {
			return ActorRef{}, err
		}
		title := a.Name
		if strings.TrimSpace(title) == "" {
			title = a.PreferredUsername
		}
		html := a.Summary
		if html == "" {
			html = a.Description
		}
		c, err := r.Store.UpsertRemoteCommunity(ctx, store.NewCommunity{
			APID: a.ID, InstanceID: in.ID, Name: runes.Cut(a.PreferredUsername, 255), Title: runes.Cut(title, 255),
			Description: sourceText(a.Source), DescriptionHTML: profileHTML(html),
			IconURL: imageURL(a.Icon), BannerURL: imageURL(a.Image), NSFW: a.Sensitive,
			PostingRestrictedToMods: a.PostingRestrictedToMods, InboxURL: ap.CanonicalURL(a.Inbox),
			SharedInboxURL: ap.CanonicalURL(shared), OutboxURL: a.Outbox, FollowersURL: a.Followers,
			ModeratorsURL: a.ModeratorsURL(), FeaturedURL: a.Featured, PublicKeyPEM: a.PublicKey.PublicKeyPem,
			Published: a.Published.Time,
		})
		if err != nil {
			return ActorRef{}, fmt.Errorf("resolve actor: %w", err)
		}
		r.notePictures(ctx, a.ID, forum.RemoteImage{URL: c.IconURL, Purpose: store.ImageCommunityIcon},
			forum.RemoteImage{URL: c.BannerURL, Purpose: store.ImageCommunityBanner})
		return ActorRef{Kind: ActorCommunity, ID: c.APID, CommunityID: c.ID, PublicKeyPEM: c.PublicKeyPEM,
			KeyID: keyID(a.ID, a.PublicKey), Inbox: c.InboxURL, SharedInbox: c.SharedInboxURL}, nil
	case *ap.Application:
		if err := checkActor(id, a.ID, "instance", a.Inbox, a.PublicKey); err != nil {
			return ActorRef{}, err
		}
		if _, err := r.instance(ctx, host); err != nil {
			return ActorRef{}, err
		}
		return ActorRef{Kind: ActorInstance, ID: a.ID, PublicKeyPEM: a.PublicKey.PublicKeyPem,
			KeyID: keyID(a.ID, a.PublicKey), Inbox: a.Inbox, SharedInbox: r.sharedInbox(ctx, a.ID, a.Inbox, a.Endpoints)}, nil
	}
	return ActorRef{}, fmt.Errorf("resolve actor %s: %w: type %q", id, ErrNotActor, obj.Kind())
}

// notePictures tells Pictures of an actor's images. A failure is only
// logged: the actor is stored, and its pictures are noted again when a
// page shows them.
func (r *Resolver) notePictures(ctx context.Context, actor string, imgs ...forum.RemoteImage) {
	if r.Pictures == nil {
		return
	}
	if err := r.Pictures.NoteRemoteImages(ctx, imgs...); err != nil {
		r.log().WarnContext(ctx, "resolve actor: its pictures were not noted", "actor", clip(actor), "err", err)
	}
}

// instance records the actor's instance, refusing a blocked one.
func (r *Resolver) instance(ctx context.Context, host string) (store.Instance, error) {
	in, err := r.Store.UpsertInstance(ctx, host)
	if err != nil {
		return store.Instance{}, fmt.Errorf("resolve actor: %w", err)
	}
	if in.Refused {
		return store.Instance{}, fmt.Errorf("resolve actor of %s: %w", host, ErrBlocked)
	}
	return in, nil
}

// checkActor checks what every actor must have: a name, an inbox and a
// key, the inbox and the key's owner on the origin fetched from.
func checkActor(fetched, id, name, inbox string, key ap.PublicKey) error {
	switch {
	case id != fetched:
		return fmt.Errorf("resolve actor %s: %w (id %q)", fetched, ErrIDMismatch, id)
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("resolve actor %s: %w: no preferredUsername", fetched, ErrNotActor)
	case inbox == "":
		return fmt.Errorf("resolve actor %s: %w: no inbox", fetched, ErrNotActor)
	case key.PublicKeyPem == "":
		return fmt.Errorf("resolve actor %s: %w: no publicKey", fetched, ErrNotActor)
	case !ap.SameOrigin(fetched, inbox):
		return fmt.Errorf("resolve actor %s: %w: inbox %s", fetched, ErrCrossOrigin, inbox)
	case !ap.SameOrigin(fetched, key.Owner):
		return fmt.Errorf("resolve actor %s: %w: key owner %q", fetched, ErrCrossOrigin, key.Owner)
	case key.ID != "" && !ap.SameOrigin(fetched, key.ID):
		return fmt.Errorf("resolve actor %s: %w: key id %q", fetched, ErrCrossOrigin, key.ID)
	}
	return nil
}

// sharedInbox is the inbox that deliveries to the actor id go to when its
// server takes them once for all its actors: its shared inbox when that
// is on the actor's own origin, else its own inbox (which checkActor has
// checked). A shared inbox elsewhere would have us send what our people
// sign (a community's Announces to a follower, a reply to someone
// mentioned) to a third server that nobody there asked for: it is
// ignored, and logged.
func (r *Resolver) sharedInbox(ctx context.Context, id, inbox string, e *ap.Endpoints) string {
	if e == nil || e.SharedInbox == "" {
		return inbox
	}
	if !ap.SameOrigin(id, e.SharedInbox) {
		r.log().InfoContext(ctx, "resolve actor: its shared inbox is on another server; its own inbox is used",
			"actor", clip(id), "sharedInbox", clip(e.SharedInbox))
		return inbox
	}
	return e.SharedInbox
}

func keyID(actorID string, key ap.PublicKey) string {
	if key.ID != "" {
		return key.ID
	}
	return actorID + "#main-key"
}

// imageURL is an icon's or banner's URL when it is http(s), else "".
func imageURL(im *ap.Image) string {
	if im == nil {
		return ""
	}
	return webURL(string(im.URL))
}

// webURL is raw when it is an http(s) address, else "".
func webURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return u.String()
}
