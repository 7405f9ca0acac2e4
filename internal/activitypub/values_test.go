package activitypub_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
)

func TestIRIOrObject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		id       string
		kind     ap.Kind
		embedded bool
		all      int
	}{
		{`null`, "", "", false, 0},
		{`"https://a.example/u/x"`, "https://a.example/u/x", "", false, 1},
		{`{"id": "https://a.example/post/1", "type": "Page", "name": "<b>"}`, "https://a.example/post/1", "Page", true, 1},
		{`{"type": "Link", "href": "https://a.example/x"}`, "https://a.example/x", "Link", true, 1},
		{`["https://a.example/1", {"id": "https://a.example/2", "type": "Note"}]`, "https://a.example/1", "", false, 2},
		{`[{"id": "https://a.example/2", "type": ["Note", "x:Other"]}, "https://a.example/1"]`, "https://a.example/2", "Note", true, 2},
		{`[]`, "", "", false, 0},
	}
	for _, tt := range tests {
		var v ap.IRIOrObject
		if err := json.Unmarshal([]byte(tt.in), &v); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if v.ID != tt.id || v.Type != tt.kind || v.IsEmbedded() != tt.embedded || len(v.All()) != tt.all {
			t.Errorf("%s: got id %q type %q embedded %v all %d", tt.in, v.ID, v.Type, v.IsEmbedded(), len(v.All()))
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%s: encode: %v", tt.in, err)
			continue
		}
		var again ap.IRIOrObject
		if err := json.Unmarshal(out, &again); err != nil || !reflect.DeepEqual(v, again) {
			t.Errorf("%s: round trip gave %s (%v)", tt.in, out, err)
		}
	}
	var v ap.IRIOrObject
	if err := json.Unmarshal([]byte(`42`), &v); err == nil {
		t.Error("a number decoded as an IRI or object")
	}
	if _, err := ap.IRI("https://a.example/1").Decode(); !errors.Is(err, ap.ErrNotEmbedded) {
		t.Errorf("Decode of a bare IRI: %v, want ErrNotEmbedded", err)
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want ap.Strings
	}{
		{`null`, nil},
		{`[]`, nil},
		{`"https://a.example/u/x"`, ap.Strings{"https://a.example/u/x"}},
		{`["a", "b"]`, ap.Strings{"a", "b"}},
		{`[{"id": "a", "type": "Person"}, "b"]`, ap.Strings{"a", "b"}},
	}
	for _, tt := range tests {
		var got ap.Strings
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q (%v), want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Time
		out  string
	}{
		{`"2021-11-05T11:46:50Z"`, time.Date(2021, 11, 5, 11, 46, 50, 0, time.UTC), `"2021-11-05T11:46:50Z"`},
		{`"2021-11-01T11:45:49.794920Z"`, time.Date(2021, 11, 1, 11, 45, 49, 794920000, time.UTC), `"2021-11-01T11:45:49.794920Z"`},
		{`"2021-11-01T11:45:49.5Z"`, time.Date(2021, 11, 1, 11, 45, 49, 500000000, time.UTC), `"2021-11-01T11:45:49.500Z"`},
		{`"2021-11-01T13:45:49.000000001+02:00"`, time.Date(2021, 11, 1, 11, 45, 49, 1, time.UTC), `"2021-11-01T11:45:49.000000001Z"`},
		{`"2021-11-01T11:45:49"`, time.Date(2021, 11, 1, 11, 45, 49, 0, time.UTC), `"2021-11-01T11:45:49Z"`},
	}
	for _, tt := range tests {
		var got ap.Time
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: got %v (%v), want %v", tt.in, got, err, tt.want)
			continue
		}
		if out, _ := json.Marshal(got); string(out) != tt.out {
			t.Errorf("%s: encoded %s, want %s", tt.in, out, tt.out)
		}
	}
	var got ap.Time
	if err := json.Unmarshal([]byte(`null`), &got); err != nil || !got.IsZero() {
		t.Errorf("null: %v %v", got, err)
	}
	if err := json.Unmarshal([]byte(`"yesterday"`), &got); err == nil {
		t.Error("a non-time decoded")
	}
}

func TestImage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want ap.Image
	}{
		{`"https://a.example/i.png"`, ap.Image{URL: "https://a.example/i.png"}},
		{`{"type": "Image", "url": "https://a.example/i.png"}`, ap.Image{Type: "Image", URL: "https://a.example/i.png"}},
		{`{"type": "Image", "url": {"type": "Link", "href": "https://a.example/i.png"}}`, ap.Image{Type: "Image", URL: "https://a.example/i.png"}},
		{`[{"type": "Image", "url": "https://a.example/1.png"}, {"type": "Image", "url": "https://a.example/2.png"}]`, ap.Image{Type: "Image", URL: "https://a.example/1.png"}},
		{`{"type": "Image", "mediaType": "image/png", "url": ["https://a.example/i.png"]}`, ap.Image{Type: "Image", URL: "https://a.example/i.png", MediaType: "image/png"}},
	}
	for _, tt := range tests {
		var got ap.Image
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || got != tt.want {
			t.Errorf("%s: got %+v (%v), want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	ko := ap.Language{Identifier: "ko", Name: "한국어"}
	tests := []struct {
		in   string
		one  ap.Language
		list ap.Languages
	}{
		{`{"identifier": "ko", "name": "한국어"}`, ko, ap.Languages{ko}},
		{`[{"identifier": "ko", "name": "한국어"}, {"identifier": "fr"}]`, ko, ap.Languages{ko, {Identifier: "fr"}}},
		{`"fr"`, ap.Language{Identifier: "fr"}, ap.Languages{{Identifier: "fr"}}},
		{`null`, ap.Language{}, nil},
	}
	for _, tt := range tests {
		var one ap.Language
		var list ap.Languages
		if err := json.Unmarshal([]byte(tt.in), &one); err != nil || one != tt.one {
			t.Errorf("%s as one: %+v (%v)", tt.in, one, err)
		}
		if err := json.Unmarshal([]byte(tt.in), &list); err != nil || !reflect.DeepEqual(list, tt.list) {
			t.Errorf("%s as list: %+v (%v)", tt.in, list, err)
		}
	}
}

func TestAttachments(t *testing.T) {
	t.Parallel()
	in := `[
		{"type": "Link", "href": "https://a.example/article"},
		{"type": "Image", "url": "https://a.example/i.png", "name": "alt"},
		{"type": "Document", "url": "https://a.example/d.jpg", "mediaType": "image/jpeg", "width": 10},
		{"type": "PropertyValue", "name": "site", "value": "<a href=\"x\">x</a>"},
		{"type": "Link", "href": 42}
	]`
	var got ap.Attachments
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://a.example/article", "https://a.example/i.png", "https://a.example/d.jpg", ""}
	if len(got) != len(want) {
		t.Fatalf("got %d attachments, want %d (the unreadable one skipped): %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Link() != w {
			t.Errorf("attachment %d links to %q, want %q", i, got[i].Link(), w)
		}
	}
	var one ap.Attachments
	if err := json.Unmarshal([]byte(`{"type": "Link", "href": "https://a.example/x"}`), &one); err != nil || len(one) != 1 {
		t.Errorf("a single attachment: %+v (%v)", one, err)
	}
}

func TestSourceTagsAndKeys(t *testing.T) {
	t.Parallel()
	var s ap.Source
	if err := json.Unmarshal([]byte(`"plain"`), &s); err != nil || s.Content != "plain" {
		t.Errorf("source as a string: %+v (%v)", s, err)
	}
	if err := json.Unmarshal([]byte(`17`), &s); err != nil || s != (ap.Source{}) {
		t.Errorf("unreadable source should be ignored: %+v (%v)", s, err)
	}
	var tags ap.Tags
	in := `[{"type": "Mention", "href": "https://a.example/u/x", "name": "@x@a.example"},
		{"type": "Emoji", "name": ":blob:", "icon": {"type": "Image", "url": "https://a.example/e.png"}},
		{"type": "Hashtag", "href": "https://a.example/tags/go", "name": "#go"}, "junk"]`
	if err := json.Unmarshal([]byte(in), &tags); err != nil || len(tags) != 3 {
		t.Errorf("tags: %+v (%v)", tags, err)
	}
	if m := tags.Mentions(); !reflect.DeepEqual(m, []string{"https://a.example/u/x"}) {
		t.Errorf("mentions: %q", m)
	}
	var key ap.PublicKey
	if err := json.Unmarshal([]byte(`[{"id": "k1", "owner": "o", "publicKeyPem": "pem"}, {"id": "k2"}]`), &key); err != nil || key.ID != "k1" {
		t.Errorf("publicKey array: %+v (%v)", key, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	var unknown *ap.UnknownTypeError
	if _, err := ap.Decode([]byte(`{"type": "Question", "id": "x"}`)); !errors.As(err, &unknown) || unknown.Type != "Question" {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := ap.Decode([]byte(`{"id": "x"}`)); !errors.As(err, &unknown) || unknown.Type != "" {
		t.Errorf("missing type: %v", err)
	}
	if _, err := ap.Decode([]byte(`{"type": "Note",`)); err == nil {
		t.Error("broken JSON decoded")
	}
	if _, err := ap.Decode([]byte(`{"type": "Note", "id": "x", "published": "soon"}`)); err == nil {
		t.Error("a bad timestamp decoded")
	}
	if got := ap.ObjectType([]byte(`{"type": ["Person", "x:Bot"]}`)); got != "Person" {
		t.Errorf("ObjectType of a type array: %q", got)
	}
	if got := ap.ObjectType([]byte(`[1]`)); got != "" {
		t.Errorf("ObjectType of a non-object: %q", got)
	}
	note := ap.IRIOrObject{ID: "x", Type: "Note", Raw: json.RawMessage(`{"id":"x","type":"Note","content":"hi"}`)}
	if _, err := note.Activity(); !errors.As(err, &unknown) {
		t.Errorf("a Note read as an activity: %v", err)
	}
}
