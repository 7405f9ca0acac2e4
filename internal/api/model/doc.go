// Package model is Lemmy 0.19's JSON as Go structs, one file per
// resource, field for field as lemmy-js-client 0.19.9's types name them
// (optional fields are pointers with omitempty, as Lemmy leaves them out),
// and the conversions from the store's rows. It decides nothing.
package model

import (
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// Time is how Lemmy writes a timestamp: RFC 3339 in UTC.
func Time(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// OptTime is an optional timestamp.
func OptTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Time(*t)
	return &s
}

// Opt is an optional text: absent when empty.
func Opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// LanguageID is a language's id in this API: its place in
// forum.Languages, 0 for undetermined, as Lemmy's 0 is. Apps map ids to
// codes through all_languages, so our ids need not be Lemmy's.
func LanguageID(code string) int {
	for i, l := range forum.Languages {
		if l.Code == code {
			return i
		}
	}
	return 0
}

// LanguageCode is the code of an id, "" for one we do not know.
func LanguageCode(id int) string {
	if id < 0 || id >= len(forum.Languages) {
		return ""
	}
	return forum.Languages[id].Code
}
