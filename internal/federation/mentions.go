package federation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/markdown"
	"github.com/tidings/tidings/internal/store"
)

const (
	// maxHandles bounds the mentions of one post or comment that are
	// linked: each costs a query whenever the object is built, and a text
	// that names more people than this is not talking to them.
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
// GET of the object is answered with what was sent.
func (h *Handler) references(ctx context.Context, body string) (markdown.Links, []ap.Mention, error) {
	links := markdown.Links{Base: h.base, Actors: map[string]string{}}
	var mentions []ap.Mention
	handles := markdown.Handles(body)
	if len(handles) > maxHandles {
		handles = handles[:maxHandles]
	}
	for _, handle := range handles {
		community, name, host, ok := splitHandle(handle)
		if !ok {
			continue
		}
		id, mention, err := h.storedActor(ctx, community, name, host)
		if errors.Is(err, store.ErrNotFound) {
			continue // left as text: a link to a guess may point at someone else
		}
		if err != nil {
			return links, nil, fmt.Errorf("mention %s: %w", handle, err)
		}
		links.Actors[strings.ToLower(handle)] = id
		if !community {
			mentions = append(mentions, mention)
		}
	}
	return links, mentions, nil
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

// storedActor is the id of the person or community name@host (host "" or
// ours for a local community; host canonical), and a person's Mention, as
// stored here.
func (h *Handler) storedActor(ctx context.Context, community bool, name, host string) (string, ap.Mention, error) {
	local := host == "" || h.isLocalHost(host)
	if community {
		var c store.Community
		var err error
		if local {
			c, err = h.store.LocalCommunityByName(ctx, name)
		} else {
			c, err = h.store.CommunityByNameAndDomain(ctx, name, host)
		}
		if err == nil && (c.Deleted || c.Removed) {
			err = store.ErrNotFound
		}
		return c.APID, ap.Mention{}, err
	}
	var p store.Person
	var err error
	if local {
		p, err = h.store.LocalPersonByName(ctx, name)
	} else {
		p, err = h.store.PersonByNameAndDomain(ctx, name, host)
	}
	if err == nil && p.Deleted {
		err = store.ErrNotFound
	}
	return p.APID, personMention(p), err
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
	looked := 0
	for _, handle := range markdown.Mentions(body) {
		_, name, host, ok := splitHandle(handle)
		if !ok || h.isLocalHost(host) {
			continue
		}
		if _, err := h.store.PersonByNameAndDomain(ctx, name, host); !errors.Is(err, store.ErrNotFound) {
			continue // known (or the database is failing, which the build will tell)
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
// Mention tags of an object): their shared inbox where they have one, else
// their own (GoToSocial's accounts have none). People we do not federate
// with, and those not stored, are left out.
func (h *Handler) mentionInboxes(ctx context.Context, ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		a, err := h.store.ActorByAPID(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("inbox of %s: %w", id, err)
		}
		if a.Local || a.Kind != ActorPerson || a.InstanceBlocked || a.Deleted {
			continue
		}
		if inbox := firstOf(a.SharedInboxURL, a.InboxURL); inbox != "" {
			out = append(out, inbox)
		}
	}
	return out, nil
}
