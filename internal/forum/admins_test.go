package forum_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Only admins change the site and its instances, whoever calls the forum,
// and a right withdrawn, or a ban, ends at once.
func TestAdminActionsNeedAnAdmin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	member := e.createUser("member")
	admin, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "root", Password: "correct horse battery", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	banned, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "exadmin", Password: "correct horse battery", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.BanUser(e.ctx, "exadmin", "gone rogue"); err != nil {
		t.Fatal(err)
	}
	name := "Taken Over"
	for _, by := range []struct {
		who string
		as  forum.Acting
	}{{"a member", forum.AsUser(member)}, {"a banned admin", forum.AsUser(banned)}, {"nobody", forum.AsUser(store.LocalUser{})}} {
		if err := e.svc.UpdateSite(e.ctx, by.as, store.SiteSettings{Name: &name}); !errors.Is(err, forum.ErrForbidden) {
			t.Errorf("%s changed the site: %v", by.who, err)
		}
		if _, err := e.svc.BlockInstance(e.ctx, by.as, "spam.example"); !errors.Is(err, forum.ErrForbidden) {
			t.Errorf("%s blocked an instance: %v", by.who, err)
		}
		if _, err := e.svc.AllowInstance(e.ctx, by.as, "friends.example"); !errors.Is(err, forum.ErrForbidden) {
			t.Errorf("%s allowed an instance: %v", by.who, err)
		}
	}
	if site, _ := e.svc.Site(e.ctx); site.Name == name {
		t.Error("the site was renamed")
	}
	for _, host := range []string{"spam.example", "friends.example"} {
		if _, err := e.st.InstanceByDomain(e.ctx, host); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s was recorded by a refused change: %v", host, err)
		}
	}

	if _, err := e.svc.BlockInstance(e.ctx, forum.AsUser(admin), "spam.example"); err != nil {
		t.Errorf("the admin could not block: %v", err)
	}
	if err := e.st.SetAdmin(e.ctx, admin.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.UnblockInstance(e.ctx, forum.AsUser(admin), "spam.example"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("a former admin unblocked: %v", err)
	}
	if _, err := e.svc.UnblockInstance(e.ctx, forum.Operator, "spam.example"); err != nil {
		t.Errorf("the operator could not unblock: %v", err)
	}
}

// An admin whose site ban has run out is an admin again, as the pages
// (which let them in) and log-in already hold: the ban's end counts in
// the check every admin action makes, not only the flag.
func TestAdminWhoseBanEndedActsAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "root", Password: "correct horse battery", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.BanFromSite(e.ctx, forum.Operator, admin.ID, forum.SiteBan{Expires: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.BlockInstance(e.ctx, forum.AsUser(admin), "spam.example"); !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("a banned admin blocked an instance: %v", err)
	}
	if _, err := e.st.PgxPool().Exec(e.ctx, `UPDATE people SET ban_expires_at = now() - interval '1 minute' WHERE id = $1`,
		admin.ID); err != nil {
		t.Fatal(err)
	}
	u, err := e.st.LocalUserByID(e.ctx, admin.ID)
	if err != nil || u.Banned {
		t.Fatalf("the ban has not ended: banned %v, %v", u.Banned, err)
	}
	if _, err := e.svc.BlockInstance(e.ctx, forum.AsUser(u), "spam.example"); err != nil {
		t.Errorf("an admin whose ban ended may not block an instance: %v", err)
	}
}
