package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// modEntry is a row of the moderation log as a test compares it.
type modEntry struct {
	Action    string
	Moderator string // the moderator's name; "" for none
	Post      int64
	Comment   int64
	Person    string // whom it is about
	Reason    string
	Expires   bool // the entry says when a ban ends
}

// modLog is the moderation log, oldest first.
func modLog(t *testing.T, s *webtest.Server) []modEntry {
	t.Helper()
	rows, err := s.Pool.Query(context.Background(), `
		SELECT m.action, coalesce(mp.name, ''), coalesce(m.post_id, 0), coalesce(m.comment_id, 0),
			coalesce(tp.name, ''), coalesce(m.reason, ''), m.expires_at IS NOT NULL
		FROM mod_actions m LEFT JOIN people mp ON mp.id = m.moderator_id LEFT JOIN people tp ON tp.id = m.target_person_id
		ORDER BY m.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []modEntry
	for rows.Next() {
		var e modEntry
		if err := rows.Scan(&e.Action, &e.Moderator, &e.Post, &e.Comment, &e.Person, &e.Reason, &e.Expires); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// wantLogged checks that the newest entries of the moderation log are
// want, in order.
func wantLogged(t *testing.T, s *webtest.Server, want ...modEntry) {
	t.Helper()
	got := modLog(t, s)
	if len(got) < len(want) {
		t.Errorf("the moderation log has %d entries, want at least %d: %+v", len(got), len(want), got)
		return
	}
	got = got[len(got)-len(want):]
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("moderation log entry %d from the end:\n got %+v\nwant %+v", len(want)-i, got[i], want[i])
		}
	}
}

// logSize is how many entries the moderation log has: a refused action
// adds none.
func logSize(t *testing.T, s *webtest.Server) int {
	t.Helper()
	return count(t, s, `SELECT count(*) FROM mod_actions`)
}

// modWorld is newWorld with mia moderating the community, which alice
// created without a moderator: bob posts in it and carl comments.
type modWorld struct {
	*world
	mia, bob, carl    store.LocalUser
	miac, bobc, carlc *webtest.Client
	bobPost           store.Post
	carlComment       store.Comment
}

func newModWorld(t *testing.T) *modWorld {
	t.Helper()
	w := &modWorld{world: newWorld(t)}
	w.mia, w.miac = w.user(t, "mia")
	w.bob, w.bobc = w.user(t, "bob")
	w.carl, w.carlc = w.user(t, "carl")
	if err := w.s.Store.AddModerator(context.Background(), w.comm.ID, w.mia.ID); err != nil {
		t.Fatal(err)
	}
	w.bobPost = w.post(t, w.bob, "Bob's post", "Bob's *words*.")
	w.carlComment = w.comment(t, w.carl, w.bobPost.ID, 0, "Carl's comment, rude.")
	return w
}

// admin creates an admin and logs them in.
func (w *modWorld) admin(t *testing.T, name string) (store.LocalUser, *webtest.Client) {
	t.Helper()
	u, err := w.s.Forum.CreateUser(context.Background(), forum.NewUser{Name: name, Password: password, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	return u, w.s.Login(name, password)
}

func (w *modWorld) postPath() string { return "/post/" + id(w.bobPost.ID) }

// expireBan makes a community ban end a minute ago.
func expireBan(t *testing.T, s *webtest.Server, communityID, personID int64) {
	t.Helper()
	if _, err := s.Pool.Exec(context.Background(), `UPDATE community_bans SET expires_at = $3
		WHERE community_id = $1 AND person_id = $2`, communityID, personID, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
}
