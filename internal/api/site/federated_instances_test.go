package site_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

func TestFederatedInstances(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	if _, err := s.Store.AddInstance(ctx, "lemmy.example"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store.AddInstance(ctx, "spam.example"); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.SetInstanceBlocked(ctx, "spam.example", true); err != nil {
		t.Fatal(err)
	}
	var got struct {
		FederatedInstances struct {
			Linked, Allowed, Blocked []struct {
				Domain string `json:"domain"`
			}
		} `json:"federated_instances"`
	}
	resp := s.Do(http.MethodGet, "/federated_instances", "", nil)
	resp.Decode(t, &got)
	f := got.FederatedInstances
	if resp.Status != http.StatusOK || len(f.Linked) != 1 || f.Linked[0].Domain != "lemmy.example" ||
		len(f.Blocked) != 1 || f.Blocked[0].Domain != "spam.example" || f.Allowed == nil {
		t.Errorf("%d %s", resp.Status, resp.Body)
	}
}
