package activitypub_test

import (
	"encoding/json"
	"reflect"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// What a community of ours sends: the Announce is ours, and so is the
// Create inside it when the author is a local member; each is kept to be
// fetched, the Create with an @context of its own.
func TestOwnActivitiesOfAnAnnounce(t *testing.T) {
	t.Parallel()
	create, err := ap.NewCreate(alice, newPage())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		inner any
	}{
		// federation embeds the Create as JSON with its @context ...
		{"embedded with @context", json.RawMessage(mustJSON(t, create))},
		// ... or as a built activity, whose @context is dropped.
		{"embedded without @context", create},
	} {
		announce, err := ap.NewAnnounce(community, tc.inner)
		if err != nil {
			t.Fatal(err)
		}
		body := mustJSON(t, announce)
		own, err := ap.OwnActivities(community, body)
		if err != nil {
			t.Fatal(err)
		}
		if len(own) != 2 || own[0].ID != announce.ID || own[1].ID != create.ID || own[0].Sensitive || own[1].Sensitive {
			t.Fatalf("%s: own activities %+v, want the Announce and the Create, neither sensitive", tc.name, own)
		}
		if string(own[0].JSON) != string(body) {
			t.Errorf("%s: the Announce is kept as\n%s\nnot as it was sent\n%s", tc.name, own[0].JSON, body)
		}
		var kept, sent map[string]any
		if err := json.Unmarshal(own[1].JSON, &kept); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(mustJSON(t, create), &sent); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(kept, sent) {
			t.Errorf("%s: the Create is kept as\n%v\nwant, standing alone,\n%v", tc.name, kept, sent)
		}
	}
}

// Another server's activity inside our Announce, and an activity without
// an id, are not ours to serve; the Like inside an Undo was never sent on
// its own.
func TestOwnActivitiesLeaveOutWhatIsNotOurs(t *testing.T) {
	t.Parallel()
	remote := json.RawMessage(`{"id":"https://lemmy.example/activities/like/1","type":"Like","actor":"` + bob +
		`","object":"` + postID + `"}`)
	announce, err := ap.NewAnnounce(community, remote)
	if err != nil {
		t.Fatal(err)
	}
	own, err := ap.OwnActivities(community, mustJSON(t, announce))
	if err != nil || len(own) != 1 || own[0].ID != announce.ID {
		t.Errorf("announce of a remote Like: %+v, %v; want only the Announce", own, err)
	}
	undo, err := ap.NewUndo(alice, ap.NewLike(alice, postID, community))
	if err != nil {
		t.Fatal(err)
	}
	own, err = ap.OwnActivities(alice, mustJSON(t, undo))
	if err != nil || len(own) != 1 || own[0].ID != undo.ID {
		t.Errorf("undo: %+v, %v; want only the Undo", own, err)
	}
	// Signed by another origin's actor (a mistake), nothing is ours.
	if own, err := ap.OwnActivities("https://other.example/c/x", mustJSON(t, undo)); err != nil || len(own) != 0 {
		t.Errorf("another origin: %+v, %v", own, err)
	}
	if own, err := ap.OwnActivities(community, []byte(`{"type":"Announce"}`)); err != nil || len(own) != 0 {
		t.Errorf("no id: %+v, %v", own, err)
	}
	if _, err := ap.OwnActivities(community, []byte(`{broken`)); err == nil {
		t.Error("broken JSON: no error")
	}
}

// Private messages are kept but marked, so that they are not served.
func TestOwnActivitiesMarkPrivateMessagesSensitive(t *testing.T) {
	t.Parallel()
	dm := func(kind, objType string, to string) []byte {
		obj := `"` + host + `/private_message/1"`
		if objType != "" {
			obj = `{"id":` + obj + `,"type":"` + objType + `","attributedTo":"` + alice + `","to":["` + to + `"],"content":"hi"}`
		}
		return []byte(`{"id":"` + host + `/activities/` + kind + `/1","type":"` + kind + `","actor":"` + alice +
			`","to":["` + to + `"],"object":` + obj + `}`)
	}
	for _, tc := range []struct {
		name      string
		body      []byte
		sensitive bool
	}{
		{"Create of a ChatMessage", dm("Create", "ChatMessage", bob), true},
		{"Create of a Note to one person", dm("Create", "Note", bob), true},
		{"Update of a Note to one person", dm("Update", "Note", bob), true},
		{"Delete of a message to one person", dm("Delete", "", bob), true},
		{"Create of a public Note", dm("Create", "Note", ap.Public), false},
		{"Create of a Page to one person", dm("Create", "Page", bob), false},
	} {
		own, err := ap.OwnActivities(alice, tc.body)
		if err != nil || len(own) != 1 {
			t.Fatalf("%s: %+v, %v", tc.name, own, err)
		}
		if own[0].Sensitive != tc.sensitive {
			t.Errorf("%s: sensitive = %v, want %v", tc.name, own[0].Sensitive, tc.sensitive)
		}
	}
	// An Undo of a private Delete carries the message's id: sensitive too.
	undo := []byte(`{"id":"` + host + `/activities/undo/1","type":"Undo","actor":"` + alice + `","to":["` + bob +
		`"],"object":` + string(dm("Delete", "", bob)) + `}`)
	if own, err := ap.OwnActivities(alice, undo); err != nil || len(own) != 1 || !own[0].Sensitive {
		t.Errorf("undo of a private delete: %+v, %v; want sensitive", own, err)
	}
	// Nothing Tidings sends today is a private message.
	create, err := ap.NewCreate(alice, newNote())
	if err != nil {
		t.Fatal(err)
	}
	if own, err := ap.OwnActivities(alice, mustJSON(t, create)); err != nil || len(own) != 1 || own[0].Sensitive {
		t.Errorf("a comment's Create: %+v, %v; want not sensitive", own, err)
	}
}
