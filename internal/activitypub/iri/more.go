package iri

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"strings"
)

// Activity is a new id for an activity of the given kind, such as
// https://news.example.org/activities/create/0b0e7b0a-..., as Lemmy builds
// them. Each call gives a fresh random id.
func (b Builder) Activity(kind string) string {
	return b.base + "/activities/" + strings.ToLower(kind) + "/" + NewUUID()
}

// Boost is the id of a community's boost of a post (an Announce of the
// post itself, for microblog servers), such as
// https://news.example.org/activities/announce/5f0c...: the same for the
// same post whenever it is built, so that the boost can be withdrawn (an
// Undo of it) when the post goes, and made again when it comes back,
// without being looked up. post is the post's id, on whichever server.
func (b Builder) Boost(post string) string {
	return b.base + "/activities/announce/" + nameUUID(post)
}

// urlNamespace is RFC 9562's namespace for names that are URLs.
var urlNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// nameUUID is the name-based (version 5, SHA-1) UUID of the URL name:
// shaped as the random ones are, so that it passes where they do, and
// the same for the same name.
func nameUUID(name string) string {
	h := sha1.New()
	h.Write(urlNamespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return uuidText(u)
}

// Origin is a Builder for the scheme://host[:port] of id, so that ids for
// an actor's activities are built under the actor's own origin. ok is false
// when id is not an absolute URL.
func Origin(id string) (b Builder, ok bool) {
	u, err := url.Parse(id)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return Builder{}, false
	}
	return New(u.Scheme, u.Host), true
}

// NewUUID is a random (version 4) UUID in its usual text form.
func NewUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])  // crypto/rand.Read never fails
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return uuidText(u)
}

// uuidText is a UUID in its usual text form.
func uuidText(u [16]byte) string {
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:], u[10:])
	return string(out[:])
}
