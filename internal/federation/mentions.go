package federation

import (
	"context"
	"fmt"
	"strings"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/markdown"
	"github.com/tidings/tidings/internal/store"
)

const (
	// maxHandles bounds the mentions of one post or comment that are
	// linked and tagged: a text that names more people than this is not
	// talking to them, and each is delivered to.
	maxHandles = 50
	// maxMentionLookups bounds the people we have never seen that one post
	// or comment makes the federate job look up on their servers, one
	// WebFinger request and one fetch each.
	maxMentionLookups = 10
	// mentionLookupTime bounds all of those lookups together, so that
	// servers that do not answer cannot hold the federate job past its
	// timeout (12 s, worker.MaxTimeout) and fail it: what is left of the
	// job, building the activities and queueing their deliveries, needs
	// the rest.
	mentionLookupTime = 5 * time.Second
)

// references is what a local post's or comment's markdown refers to among
// the actors stored here: where its federated HTML links them, and the
// people it mentions, for its Mention tags. Nothing is fetched, so that a
// GET of the object is answered with what was sent, and all of its
// handles are looked up in one query.
func (h *Handler) references(ctx context.Context, body string) (markdown.Links, []ap.Mention, error) {
	links := markdown.Links{Base: h.base, Actors: map[string]string{}}
	handles := markdown.Handles(body)
	if len(handles) > maxHandles {
		handles = handles[:maxHandles]
	}
	found, err := h.storedActors(ctx, handles)
	if err != nil {
		return links, nil, err
	}
	var mentions []ap.Mention
	for _, handle := range handles {
		a, ok := found[handle]
		if !ok || a.Gone {
			continue // left as text: a link to a guess may point at someone else
		}
		links.Actors[strings.ToLower(handle)] = a.APID
		if !a.Community {
			mentions = append(mentions, ap.Mention{Href: a.APID, Name: "@" + a.Name + "@" + a.Domain})
		}
	}
	return links, mentions, nil
}

// storedActors are the stored actors that handles (as markdown.Handles
// writes them) name, by handle, found in one query.
func (h *Handler) storedActors(ctx context.Context, handles []string) (map[string]store.HandleActor, error) {
	var asked []store.Handle
	of := map[store.Handle][]string{} // the handles each asks for, as written
	for _, handle := range handles {
		community, name, host, ok := splitHandle(handle)
		if !ok {
			continue
		}
		if h.isLocalHost(host) {
			host = ""
		}
		k := store.Handle{Community: community, Name: name, Domain: host}
		if _, seen := of[k]; !seen {
			asked = append(asked, k)
		}
		of[k] = append(of[k], handle)
	}
	rows, err := h.store.ActorsByHandle(ctx, asked)
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	found := map[string]store.HandleActor{}
	for _, a := range rows {
		for _, handle := range of[a.Handle] {
			found[handle] = a
		}
	}
	return found, nil
}

// splitHandle reads "@name@host", "!name@host" or "!name" as
// markdown.Handles writes them, the host in canonical form (as instances
// are stored), or "" for a local community's "!name". A host that is no
// valid host is not ok.
func splitHandle(handle string) (community bool, name, host string, ok bool) {
	name, host, _ = strings.Cut(handle[1:], "@")
	if host != "" {
		canon, err := ap.CanonicalHost(host)
		if err != nil {
			return false, "", "", false
		}
		host = canon
	}
	return handle[0] == '!', name, host, true
}

// personMention is the Mention of a stored person, named as Mastodon
// names them: @name@host, for ours too.
func personMention(p store.Person) ap.Mention {
	return ap.Mention{Href: p.APID, Name: "@" + p.Name + "@" + p.Domain}
}

// lookUpMentions stores the people body mentions that we have never seen,
// looked up on their servers (WebFinger, then a signed fetch), so that the
// object built next links and tags them. It is for the federate job, never
// a web request: at most maxMentionLookups of them, within a fetch budget
// and mentionLookupTime. Someone who cannot be found stays unlinked; that
// fails nothing.
func (h *Handler) lookUpMentions(ctx context.Context, body string) {
	if h.resolver == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, mentionLookupTime)
	defer cancel()
	ctx = WithBudget(ctx, maxMentionLookups)
	handles := markdown.Mentions(body)
	known, err := h.storedActors(ctx, handles)
	if err != nil {
		return // the database is failing, which the build will tell
	}
	looked := 0
	for _, handle := range handles {
		_, name, host, ok := splitHandle(handle)
		if _, stored := known[handle]; !ok || stored || h.isLocalHost(host) {
			continue
		}
		if looked == maxMentionLookups || ctx.Err() != nil {
			h.log.Info("federate: mentions left unlinked", "after", handle, "looked up", looked)
			return
		}
		looked++
		id, err := h.fingerRemote(ctx, name, host, ap.KindPerson)
		if err == nil {
			_, err = h.resolver.Actor(ctx, id, false)
		}
		if err != nil {
			h.log.Info("federate: mentioned person not found", "handle", handle, "err", err)
		}
	}
}

// mentionInboxes are the inboxes of the remote people among ids (the
// Mention tags of an object), found in one query: their shared inbox
// where they have one, else their own (GoToSocial's accounts have none).
// People we do not federate with, and those not stored, are left out.
func (h *Handler) mentionInboxes(ctx context.Context, ids []string) ([]string, error) {
	inboxes, err := h.store.MentionInboxes(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("inboxes of the people mentioned: %w", err)
	}
	return inboxes, nil
}
