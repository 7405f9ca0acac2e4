package activitypub

import (
	"encoding/json"
	"fmt"
)

// UnknownTypeError is returned for a "type" this package does not read, or
// when the type is missing.
type UnknownTypeError struct {
	Type string
	// Want names what was expected when a particular kind was asked for.
	Want string
}

func (e *UnknownTypeError) Error() string {
	switch {
	case e.Type == "":
		return "activitypub: object has no type"
	case e.Want != "":
		return fmt.Sprintf("activitypub: type %q is not an %s", e.Type, e.Want)
	}
	return fmt.Sprintf("activitypub: unknown type %q", e.Type)
}

// ObjectType is the "type" of a JSON object (the first when it is an
// array), or "" when it has none or is not an object.
func ObjectType(raw []byte) string {
	var head struct {
		Type Kind `json:"type"`
	}
	if json.Unmarshal(raw, &head) != nil {
		return ""
	}
	return string(head.Type)
}

// Decode reads a JSON object by its "type" into *Person, *Group,
// *Application, *Page, *Note, *Tombstone, *Collection or *Activity. Any
// @context is accepted. An unknown or missing type gives *UnknownTypeError.
func Decode(data []byte) (Any, error) {
	var head struct {
		Type Kind `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("activitypub: %w", err)
	}
	v := newOf(head.Type)
	if v == nil {
		return nil, &UnknownTypeError{Type: string(head.Type)}
	}
	if err := json.Unmarshal(data, v); err != nil {
		return nil, fmt.Errorf("activitypub: decode %s: %w", head.Type, err)
	}
	return v, nil
}

// newOf is a pointer to the zero value that reads kind, or nil.
func newOf(kind Kind) Any {
	switch kind {
	case KindPerson, KindService, KindOrganization:
		return &Person{}
	case KindGroup:
		return &Group{}
	case KindApplication:
		return &Application{}
	case KindPage, KindArticle, KindVideo, KindEvent:
		return &Page{}
	case KindNote, KindChatMessage:
		return &Note{}
	case KindTombstone:
		return &Tombstone{}
	case KindCollection, KindOrderedCollection, KindCollectionPage, KindOrderedCollectionPage:
		return &Collection{}
	}
	if IsActivity(kind) {
		return &Activity{}
	}
	return nil
}
