package federation_test

// The scenarios of our corpus's private messages: Lemmy's (1.0's Note,
// 0.19's ChatMessage), Mbin's and PieFed's ChatMessage, and Mastodon's
// direct message, each to ines, a person here (see localPeople).

import (
	"context"
	"maps"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

const (
	ines       = "https://tidings.example/u/ines"
	lemmyPM    = "https://lemmy.one.example/private_message/31"
	oldLemmyPM = "http://lemmy.old.example:8536/private_message/9"
	mbinPM     = "https://mbin.example/message/2c4e6a8c-0e2a-4c6e-8a0c-2e4a6c8e0a2c"
	piefedPM   = "https://piefed.example/private_message/57"
	yusufDM    = yusuf + "/statuses/113430098765432101"
)

func init() {
	maps.Copy(ownScenarios, map[string]scenario{
		"lemmy/private_message/create_note.json": messaged(lemmyPM, marisol, "Did the tide tables for **May** arrive?",
			"<strong>May</strong>"),
		"lemmy/private_message/update_note.json": {setup: inesAnd("private_message/create_note.json"),
			check: func(r *fixtureRig) {
				m := r.expectMessage(lemmyPM, marisol, "Did the tide tables for **June** arrive?", "<strong>June</strong>")
				if m.Updated == nil {
					r.t.Error("the edited message is not marked edited")
				}
			}},
		"lemmy/private_message/delete.json": {setup: inesAnd("private_message/create_note.json"),
			check: func(r *fixtureRig) { r.equal("deleted", r.message(lemmyPM).Deleted, true) }},
		"lemmy/private_message/undo_delete.json": {
			setup: inesAnd("private_message/create_note.json", "private_message/delete.json"),
			check: func(r *fixtureRig) { r.equal("deleted", r.message(lemmyPM).Deleted, false) }},
		"lemmy-0.19/private_message/create_chat_message.json": messaged(oldLemmyPM, tomasz,
			"The boat jumble moved to Sunday.", "<p>The boat jumble moved to Sunday.</p>"),
		"mbin/private_message/create_chat_message.json": messaged(mbinPM, ingrid,
			"Is the estuary walk still on for Saturday?", "<p>Is the estuary walk still on for Saturday?</p>"),
		"piefed/private_message/create_chat_message.json": messaged(piefedPM, kwame,
			"Thanks for the litter-pick photos!", "<p>Thanks for the litter-pick photos!</p>"),
		"piefed/private_message/delete_chat_message.json": {setup: inesAnd("private_message/create_chat_message.json"),
			check: func(r *fixtureRig) { r.equal("deleted", r.message(piefedPM).Deleted, true) }},
		// Mastodon has no messages: a status addressed to one person here
		// and nobody else is one. Its text is its HTML's, mention included.
		"mastodon/private_message/create_direct_note.json": messaged(yusufDM, yusuf,
			"@ines May I use your heron photo in the newsletter?", "heron photo"),
		// To a person here and one elsewhere: a conversation of several,
		// which is neither a message between two nor a comment.
		"mastodon/private_message/create_direct_note_to_two.json": {setup: inesAnd()},
	})
}

// inesAnd is a setup that gives this Tidings its person ines and sends
// files, in order.
func inesAnd(files ...string) func(*fixtureRig) {
	return func(r *fixtureRig) {
		r.localPerson("ines")
		sends(files...)(r)
	}
}

// messaged is the scenario of a private message to ines from author, kept
// with its markdown (or its HTML's text) and its sanitized HTML, and
// nothing else: no post, no comment.
func messaged(msg, author, text, inHTML string) scenario {
	return scenario{setup: inesAnd(), check: func(r *fixtureRig) { r.expectMessage(msg, author, text, inHTML) }}
}

func (r *fixtureRig) localPerson(name string) store.LocalUser {
	r.t.Helper()
	u, err := r.forum.CreateUser(context.Background(), forum.NewUser{Name: name, Password: "correct horse battery"})
	if err != nil {
		r.t.Fatal(err)
	}
	return u
}

func (r *fixtureRig) message(fixtureURL string) store.PrivateMessage {
	r.t.Helper()
	m, err := r.st.PrivateMessageByAPID(context.Background(), r.mapURL(fixtureURL))
	if err != nil {
		r.t.Fatalf("private message %s: %v", fixtureURL, err)
	}
	return m
}

func (r *fixtureRig) expectMessage(msg, author, text, inHTML string) store.PrivateMessage {
	r.t.Helper()
	m := r.message(msg)
	r.equal("text", m.Content, text)
	if !strings.Contains(m.ContentHTML, inHTML) {
		r.t.Errorf("HTML %q does not hold %q", m.ContentHTML, inHTML)
	}
	r.equal("sender", m.CreatorID, r.personID(author))
	r.equal("recipient", m.RecipientID, r.personID(ines))
	r.equal("local", m.Local, false)
	r.equal("read", m.Read, false)
	var posts, comments int
	r.scalar(&posts, `SELECT count(*) FROM posts`)
	r.scalar(&comments, `SELECT count(*) FROM comments`)
	r.equal("posts", posts, 0)
	r.equal("comments", comments, 0)
	return m
}
