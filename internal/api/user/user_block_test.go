package user_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

func TestBlockPerson(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	admin, alice, carol := s.User("admin"), s.User("alice"), s.User("carol")
	if err := s.Store.SetAdmin(ctx, admin.ID, true); err != nil {
		t.Fatal(err)
	}
	token := s.Login("alice")
	var out struct {
		PersonView struct {
			Person struct {
				Name string `json:"name"`
			} `json:"person"`
		} `json:"person_view"`
		Blocked bool `json:"blocked"`
	}
	resp := s.Do(http.MethodPost, "/user/block", token, map[string]any{"person_id": carol.ID, "block": true})
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || !out.Blocked || out.PersonView.Person.Name != "carol" {
		t.Fatalf("block: %d %s", resp.Status, resp.Body)
	}
	block := func(id int64) map[string]any { return map[string]any{"person_id": id, "block": true} }
	s.Refused(t, "no token", http.MethodPost, "/user/block", "", block(admin.ID), 401, "not_logged_in")
	s.Refused(t, "a forged token", http.MethodPost, "/user/block", s.ForgedToken(), block(admin.ID), 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPost, "/user/block", token, "carol", 400, "invalid_query")
	s.Refused(t, "nobody", http.MethodPost, "/user/block", token, block(999999), 400, "couldnt_find_person")
	s.Refused(t, "oneself", http.MethodPost, "/user/block", token, block(alice.ID), 400, "cant_block_yourself")
	s.Refused(t, "an admin", http.MethodPost, "/user/block", token, block(admin.ID), 400, "cant_block_admin")
	blocked, err := s.Store.BlockedAmong(ctx, alice.ID, []int64{admin.ID, alice.ID, carol.ID})
	if err != nil || len(blocked) != 1 || !blocked[carol.ID] {
		t.Errorf("alice blocks %v (%v); want carol alone", blocked, err)
	}
}
