package iri

import (
	"crypto/rand"
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
