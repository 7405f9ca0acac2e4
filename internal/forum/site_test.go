package forum_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestOpenSetsUpTheSiteOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	svc, err := forum.Open(ctx, st, "https", host)
	if err != nil {
		t.Fatalf("first Open: %v", err)
	}
	site, err := svc.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if site.Host != host {
		t.Errorf("site host = %q, want %q", site.Host, host)
	}
	checkKeyPair(t, "instance actor", site.PublicKeyPEM, site.PrivateKeyPEM)
	if svc.IRI().Base() != "https://test.example" {
		t.Errorf("IRI base = %q", svc.IRI().Base())
	}

	again, err := forum.Open(ctx, st, "https", host)
	if err != nil {
		t.Fatalf("second Open with the same host: %v", err)
	}
	site2, err := again.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if site2.PublicKeyPEM != site.PublicKeyPEM || site2.PrivateKeyPEM != site.PrivateKeyPEM {
		t.Errorf("the second Open replaced the instance's keys")
	}
	instances, err := st.ListInstances(ctx)
	if err != nil || len(instances) != 1 || instances[0].Domain != host {
		t.Errorf("instances = %v, %v; want only %s", instances, err, host)
	}
	// Both services work on the same local instance.
	if _, err := svc.CreateUser(ctx, forum.NewUser{Name: "first", Password: "long enough pw"}); err != nil {
		t.Fatal(err)
	}
	if _, err := again.CreateUser(ctx, forum.NewUser{Name: "second", Password: "long enough pw"}); err != nil {
		t.Fatal(err)
	}
	users, _ := st.ListLocalUsers(ctx)
	if len(users) != 2 || users[0].InstanceID != users[1].InstanceID {
		t.Errorf("users of the two services are on different instances")
	}

	_, err = forum.Open(ctx, st, "https", "other.example")
	if err == nil {
		t.Fatal("Open with another host succeeded")
	}
	if !strings.Contains(err.Error(), "TIDINGS_HOST") || !strings.Contains(err.Error(), host) {
		t.Errorf("Open with another host: %q, want it to mention TIDINGS_HOST and %s", err, host)
	}
	site3, _ := st.GetSite(ctx)
	if site3.Host != host {
		t.Errorf("the refused Open changed the host to %q", site3.Host)
	}
	if instances, _ := st.ListInstances(ctx); len(instances) != 1 {
		t.Errorf("the refused Open recorded an instance: %v", instances)
	}
}

func TestUpdateSiteChecksSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	empty, long, bad := "", strings.Repeat("n", 101), "invite_only"
	inputError(t, "empty site name", e.svc.UpdateSite(e.ctx, forum.Operator, store.SiteSettings{Name: &empty}), "name")
	inputError(t, "long site name", e.svc.UpdateSite(e.ctx, forum.Operator, store.SiteSettings{Name: &long}), "name")
	inputError(t, "unknown registration mode", e.svc.UpdateSite(e.ctx, forum.Operator, store.SiteSettings{RegistrationMode: &bad}), "registration")

	name, mode := "My News", store.RegistrationOpen
	if err := e.svc.UpdateSite(e.ctx, forum.Operator, store.SiteSettings{Name: &name, RegistrationMode: &mode}); err != nil {
		t.Fatal(err)
	}
	site, err := e.svc.Site(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if site.Name != "My News" || site.RegistrationMode != store.RegistrationOpen || site.Host != host {
		t.Errorf("site = name %q mode %q host %q", site.Name, site.RegistrationMode, site.Host)
	}
}
