package federation_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/forum"
)

// A local person's private message to a person on another server goes to
// that person's own inbox (not the server's shared inbox), signed by its
// author, as Lemmy 0.19 sends it: a Create of a ChatMessage to the
// recipient alone; its edit, deletion and restoring go the same way. None
// of it answers a GET, not even one signed by the recipient.
func TestPrivateMessageGoesToTheRecipientsOwnInbox(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	if _, err := l.fed.Resolve(ctx, rm.bob); err != nil {
		t.Fatal(err)
	}
	bob, err := l.st.PersonByAPID(ctx, rm.bob)
	if err != nil {
		t.Fatal(err)
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := l.f.SendPrivateMessage(ctx, alice, bob.ID, "Are you *coming* tonight?")
	if err != nil {
		t.Fatal(err)
	}
	// Each activity is built when its job runs, from what is stored then.
	federateQueued(t, l)
	if _, err := l.f.EditPrivateMessage(ctx, alice, m.ID, "Are you coming tomorrow?"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.DeletePrivateMessage(ctx, alice, m.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.DeletePrivateMessage(ctx, alice, m.ID, false); err != nil {
		t.Fatal(err)
	}
	federateQueued(t, l)

	sent := queued(t, l)
	if len(sent) != 4 {
		t.Fatalf("queued %d deliveries, want Create, Update, Delete and Undo: %+v", len(sent), sent)
	}
	var types []string
	for _, d := range sent {
		if d.Inbox != rm.bob+"/inbox" || d.Actor != alice.APID {
			t.Errorf("sent to %s signed by %s; want bob's own inbox, signed by alice", d.Inbox, d.Actor)
		}
		a := decoded(t, d.Activity)
		types = append(types, a["type"].(string))
		if !reflect.DeepEqual(a["to"], []any{rm.bob}) || a["cc"] != nil || a["actor"] != alice.APID {
			t.Errorf("%s addressed to %v, cc %v, by %v; want to bob alone, by alice", a["type"], a["to"], a["cc"], a["actor"])
		}
		if code, _, body := fetched(t, a["id"].(string), rm.signer); code != http.StatusNotFound {
			t.Errorf("GET of the %s, signed by the recipient: %d %s; want 404", a["type"], code, body)
		}
	}
	if strings.Join(types, " ") != "Create Update Delete Undo" {
		t.Errorf("sent %v, want Create Update Delete Undo", types)
	}
	create := decoded(t, sent[0].Activity)
	obj := create["object"].(map[string]any)
	want := map[string]any{"id": m.APID, "type": "ChatMessage", "attributedTo": alice.APID, "to": []any{rm.bob},
		"content": "<p>Are you <em>coming</em> tonight?</p>\n", "mediaType": "text/html",
		"source":    map[string]any{"content": "Are you *coming* tonight?", "mediaType": "text/markdown"},
		"published": obj["published"]}
	if !reflect.DeepEqual(obj, want) {
		t.Errorf("sent object\n%v\nwant\n%v", obj, want)
	}
	if update := decoded(t, sent[1].Activity)["object"].(map[string]any); update["updated"] == nil ||
		update["source"].(map[string]any)["content"] != "Are you coming tomorrow?" {
		t.Errorf("the Update sends %v", update)
	}
	if del := decoded(t, sent[2].Activity); del["object"] != m.APID {
		t.Errorf("the Delete names %v, want the message", del["object"])
	}
	if code, _, body := fetched(t, m.APID, rm.signer); code/100 == 2 || strings.Contains(string(body), "tomorrow") {
		t.Errorf("GET of the message itself: %d %s", code, body)
	}
	var served int
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM sent_activities WHERE NOT sensitive`).Scan(&served); err != nil || served != 0 {
		t.Errorf("%d activities kept to be served (%v), want none", served, err)
	}
}

// Lemmy's own example private messages (shared corpus: 1.0's Note and
// 0.19's ChatMessage; then, as they are, the Delete Lemmy addresses to its
// author and its Undo) and Mastodon's direct message, a Note in reply to
// another, reach a person here once they are addressed to one.
func TestInboxPrivateMessagesFromSharedFixtures(t *testing.T) {
	t.Parallel()
	c := aptest.Shared(t, "TestInboxPrivateMessagesFromSharedFixtures over Lemmy's and Mastodon's private messages")
	toIne := func(r *fixtureRig, doc map[string]any) map[string]any {
		ines := r.tidings + "/u/ines"
		doc["to"] = []any{ines}
		if obj, ok := doc["object"].(map[string]any); ok {
			obj["to"] = []any{ines}
		}
		return doc
	}
	for _, tc := range []struct{ dir, create string }{
		{"lemmy", "create_or_update/create_private_message.json"},
		{"lemmy", "create_or_update/create_private_message_0.19.json"},
		{"lemmy-0.19", "create_or_update/create_private_message.json"},
	} {
		t.Run(tc.dir+"/"+tc.create, func(t *testing.T) {
			t.Parallel()
			r := newFixtureRig(t, c, tc.dir, rigOptions{})
			ines := r.localPerson("ines")
			doc := toIne(r, r.fixture(tc.create))
			for range 2 { // sent again, it is kept once
				if code, body := r.sendDoc(doc); code/100 != 2 {
					t.Fatalf("%s: %d %s", tc.create, code, body)
				}
			}
			obj := doc["object"].(map[string]any)
			m, err := r.st.PrivateMessageByAPID(context.Background(), obj["id"].(string))
			if err != nil {
				t.Fatal(err)
			}
			src := obj["source"].(map[string]any)["content"].(string)
			sender, err := r.st.PersonByAPID(context.Background(), doc["actor"].(string))
			if err != nil {
				t.Fatal(err)
			}
			if m.RecipientID != ines.ID || m.Content != src || m.CreatorID != sender.ID {
				t.Errorf("stored %+v", m)
			}
			if n := r.counts(doc["actor"].(string))["private messages"]; n != 1 {
				t.Errorf("%d messages stored, want 1", n)
			}
			if !strings.HasPrefix(obj["id"].(string), "http://") || !strings.HasSuffix(obj["id"].(string), "/private_message/1") {
				return // the deletions name private_message/1
			}
			if code, body := r.sendDoc(r.fixture("deletion/delete_private_message.json")); code/100 != 2 {
				t.Fatalf("delete: %d %s", code, body)
			}
			m, _ = r.st.PrivateMessageByAPID(context.Background(), m.APID)
			r.equal("deleted", m.Deleted, true)
			if code, body := r.sendDoc(r.fixture("deletion/undo_delete_private_message.json")); code/100 != 2 {
				t.Fatalf("undo delete: %d %s", code, body)
			}
			m, _ = r.st.PrivateMessageByAPID(context.Background(), m.APID)
			r.equal("deleted after its undo", m.Deleted, false)
		})
	}
	t.Run("mastodon/private_message.json", func(t *testing.T) {
		t.Parallel()
		r := newFixtureRig(t, c, "mastodon", rigOptions{})
		ines := r.localPerson("ines")
		note := toIne(r, r.fixture("private_message.json"))
		doc := map[string]any{"@context": note["@context"], "id": note["id"].(string) + "/activity", "type": "Create",
			"actor": note["attributedTo"], "to": note["to"], "cc": []any{}, "object": note}
		if code, body := r.sendDoc(doc); code/100 != 2 {
			t.Fatalf("%d %s", code, body)
		}
		m, err := r.st.PrivateMessageByAPID(context.Background(), note["id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		if m.RecipientID != ines.ID || !strings.Contains(m.Content, "444") {
			t.Errorf("stored %+v", m)
		}
	})
}

// Only a message's author changes it: an Update or Delete by another
// person, even on the same server, is refused and changes nothing, and so
// is a Create of a message its sender did not write.
func TestInboxRefusesOthersChangesToAPrivateMessage(t *testing.T) {
	t.Parallel()
	r := newFixtureRig(t, aptest.Own(t), "lemmy", rigOptions{})
	r.localPerson("ines")
	r.mustSend("private_message/create_note.json")

	upd := r.fixture("private_message/update_note.json")
	upd["actor"] = r.mapURL(okonkwo)
	upd["id"] = upd["id"].(string) + "-forged"
	upd["object"].(map[string]any)["attributedTo"] = r.mapURL(okonkwo)
	if code, body := r.sendDoc(upd); code != http.StatusForbidden {
		t.Errorf("another person's Update: %d %s, want 403", code, body)
	}
	upd["object"].(map[string]any)["attributedTo"] = r.mapURL(marisol)
	upd["id"] = upd["id"].(string) + "-2"
	if code, body := r.sendDoc(upd); code/100 != 4 {
		t.Errorf("an Update of a message attributed to someone else: %d %s, want a 4xx", code, body)
	}
	del := r.fixture("private_message/delete.json")
	del["actor"], del["id"] = r.mapURL(okonkwo), del["id"].(string)+"-forged"
	if code, body := r.sendDoc(del); code != http.StatusForbidden {
		t.Errorf("another person's Delete: %d %s, want 403", code, body)
	}
	m := r.message(lemmyPM)
	if m.Content != "Did the tide tables for **May** arrive?" || m.Deleted || m.Updated != nil {
		t.Errorf("after forgeries: %+v", m)
	}

	forged := r.fixture("private_message/create_note.json")
	forged["actor"], forged["id"] = r.mapURL(okonkwo), forged["id"].(string)+"-forged"
	obj := forged["object"].(map[string]any)
	obj["id"] = obj["id"].(string) + "0"
	if code, body := r.sendDoc(forged); code/100 != 4 {
		t.Errorf("a Create of a message by someone else: %d %s, want a 4xx", code, body)
	}
	if n := r.counts("")["private messages"]; n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
}
