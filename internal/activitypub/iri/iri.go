// Package iri builds every ActivityPub id and URL of a local object. Ids are
// stored and federated and must never change, so they are built in this one
// place, with Lemmy's URL scheme so that people and software used to Lemmy
// find what they expect.
package iri

import (
	"net/url"
	"strconv"
)

// Builder makes ids under one scheme://host.
type Builder struct {
	base string
}

// New returns a Builder for ids such as https://news.example.org/u/alice.
func New(scheme, host string) Builder {
	return Builder{base: scheme + "://" + host}
}

// Base is scheme://host without a trailing slash.
func (b Builder) Base() string { return b.base }

// Instance is the id of the instance's Application actor.
func (b Builder) Instance() string { return b.base + "/" }

// SharedInbox receives activities for every local actor.
func (b Builder) SharedInbox() string { return b.base + "/inbox" }

// Person is a local user's id.
func (b Builder) Person(name string) string { return b.base + "/u/" + url.PathEscape(name) }

// Community is a local community's id.
func (b Builder) Community(name string) string { return b.base + "/c/" + url.PathEscape(name) }

// Post is a local post's id.
func (b Builder) Post(id int64) string { return b.base + "/post/" + strconv.FormatInt(id, 10) }

// Comment is a local comment's id.
func (b Builder) Comment(id int64) string { return b.base + "/comment/" + strconv.FormatInt(id, 10) }

// Inbox of an actor id built by this Builder.
func Inbox(actor string) string { return actor + "/inbox" }

// Outbox of an actor id built by this Builder.
func Outbox(actor string) string { return actor + "/outbox" }

// Followers collection of a community id.
func Followers(community string) string { return community + "/followers" }

// Moderators collection of a community id.
func Moderators(community string) string { return community + "/moderators" }

// Featured collection of a community id.
func Featured(community string) string { return community + "/featured" }

// KeyID names an actor's public key, as Lemmy and Mastodon do.
func KeyID(actor string) string { return actor + "#main-key" }
