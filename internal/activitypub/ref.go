package activitypub

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrNotEmbedded is returned when an embedded object is asked of an
// IRIOrObject that holds only an IRI.
var ErrNotEmbedded = errors.New("activitypub: object is an IRI, not embedded")

// IRIOrObject is a property that may hold an IRI, an embedded object, or an
// array of either. Where one value is expected the first counts; the others
// are kept in Rest so that nothing is lost and All lists every one.
type IRIOrObject struct {
	// ID is the IRI, or the embedded object's "id" (a Link's "href").
	ID string
	// Type is the embedded object's "type"; empty for a bare IRI.
	Type Kind
	// Raw is the embedded object in canonical JSON; nil for a bare IRI.
	Raw json.RawMessage
	// Rest holds the further entries when an array was sent.
	Rest []IRIOrObject
}

// IRI is an IRIOrObject holding a bare IRI.
func IRI(id string) IRIOrObject { return IRIOrObject{ID: id} }

// Embed makes an IRIOrObject holding v as an embedded object. v may be one
// of this package's types (its @context is dropped: only the outermost
// object carries one), an IRIOrObject, or JSON as json.RawMessage or []byte.
func Embed(v any) (IRIOrObject, error) {
	var data []byte
	var err error
	switch x := v.(type) {
	case IRIOrObject:
		return x, nil
	case json.RawMessage:
		data = x
	case []byte:
		data = x
	default:
		data, err = json.Marshal(withoutContext(v))
		if err != nil {
			return IRIOrObject{}, fmt.Errorf("activitypub: embed %T: %w", v, err)
		}
	}
	var o IRIOrObject
	if err := o.UnmarshalJSON(data); err != nil {
		return IRIOrObject{}, fmt.Errorf("activitypub: embed %T: %w", v, err)
	}
	if o.Raw == nil {
		return IRIOrObject{}, fmt.Errorf("activitypub: embed %T: not a JSON object", v)
	}
	return o, nil
}

// IsZero reports whether nothing was given.
func (o IRIOrObject) IsZero() bool { return o.ID == "" && o.Raw == nil && len(o.Rest) == 0 }

// IsEmbedded reports whether the (first) value is an embedded object.
func (o IRIOrObject) IsEmbedded() bool { return o.Raw != nil }

// All lists every value: the first and then Rest. A zero IRIOrObject lists
// nothing.
func (o IRIOrObject) All() []IRIOrObject {
	if o.IsZero() {
		return nil
	}
	first := o
	first.Rest = nil
	return append([]IRIOrObject{first}, o.Rest...)
}

// IDs lists the ids of every value.
func (o IRIOrObject) IDs() []string {
	var out []string
	for _, v := range o.All() {
		if v.ID != "" {
			out = append(out, v.ID)
		}
	}
	return out
}

// Decode decodes the embedded object into its typed value, as Decode does.
func (o IRIOrObject) Decode() (Any, error) {
	if o.Raw == nil {
		return nil, ErrNotEmbedded
	}
	return Decode(o.Raw)
}

// Activity decodes the embedded object as an activity, such as the Follow
// inside an Accept or the Create inside an Announce.
func (o IRIOrObject) Activity() (*Activity, error) {
	if o.Raw == nil {
		return nil, ErrNotEmbedded
	}
	if !IsActivity(o.Type) {
		return nil, &UnknownTypeError{Type: string(o.Type), Want: "activity"}
	}
	var a Activity
	if err := json.Unmarshal(o.Raw, &a); err != nil {
		return nil, fmt.Errorf("activitypub: decode %s: %w", o.Type, err)
	}
	return &a, nil
}

// DecodeInto decodes the embedded object into v, a pointer.
func (o IRIOrObject) DecodeInto(v any) error {
	if o.Raw == nil {
		return ErrNotEmbedded
	}
	return json.Unmarshal(o.Raw, v)
}

// UnmarshalJSON accepts null, an IRI string, an object or an array of those.
func (o *IRIOrObject) UnmarshalJSON(data []byte) error {
	*o = IRIOrObject{}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	if data[0] != '[' {
		return o.unmarshalOne(data)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return err
	}
	var all []IRIOrObject
	for _, item := range items {
		var v IRIOrObject
		if err := v.unmarshalOne(bytes.TrimSpace(item)); err != nil {
			return err
		}
		if !v.IsZero() {
			all = append(all, v)
		}
	}
	if len(all) == 0 {
		return nil
	}
	*o = all[0]
	if len(all) > 1 {
		o.Rest = all[1:]
	}
	return nil
}

func (o *IRIOrObject) unmarshalOne(data []byte) error {
	switch {
	case len(data) == 0 || string(data) == "null":
		return nil
	case data[0] == '"':
		return json.Unmarshal(data, &o.ID)
	case data[0] == '{':
		var head struct {
			ID   string `json:"id"`
			Href string `json:"href"`
			Type Kind   `json:"type"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			return err
		}
		raw, err := canonical(data)
		if err != nil {
			return err
		}
		o.ID, o.Type, o.Raw = head.ID, head.Type, raw
		if o.ID == "" {
			o.ID = head.Href
		}
		return nil
	}
	return fmt.Errorf("want an IRI or an object, got %.20s", data)
}

// MarshalJSON writes the IRI, the embedded object, or an array when Rest is
// set.
func (o IRIOrObject) MarshalJSON() ([]byte, error) {
	if len(o.Rest) == 0 {
		return o.marshalOne()
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, v := range o.All() {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, err := v.marshalOne()
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

func (o IRIOrObject) marshalOne() ([]byte, error) {
	switch {
	case o.Raw != nil:
		return o.Raw, nil
	case o.ID != "":
		return json.Marshal(o.ID)
	}
	return []byte("null"), nil
}

// Items is a collection's list of entries, each an IRI or an embedded
// object. A single value decodes as a list of one; an empty array stays an
// empty, non-nil list so it is written back as [].
type Items []IRIOrObject

// UnmarshalJSON accepts an array, a single value or null.
func (it *Items) UnmarshalJSON(data []byte) error {
	*it = nil
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	if data[0] != '[' {
		var v IRIOrObject
		if err := v.UnmarshalJSON(data); err != nil {
			return err
		}
		*it = v.All()
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := make(Items, 0, len(raw))
	for _, item := range raw {
		var v IRIOrObject
		if err := v.UnmarshalJSON(item); err != nil {
			return err
		}
		out = append(out, v.All()...)
	}
	*it = out
	return nil
}

// IsZero reports a nil list, so that `omitzero` keeps an empty one.
func (it Items) IsZero() bool { return it == nil }
