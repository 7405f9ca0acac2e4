package store_test

import (
	"slices"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

// One query finds the people and communities that handles name, here and
// elsewhere, in any case; whoever is deleted is found and said gone, and
// handles of nobody are left out.
func TestActorsByHandle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice, bob := f.person("alice"), f.remotePerson("bob")
	news, harbour := f.community("news"), f.remoteCommunity("harbour")
	gone := f.remotePerson("gone")
	if err := f.st.SetPersonDeleted(f.ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	got, err := f.st.ActorsByHandle(f.ctx, []store.Handle{
		{Name: "ALICE"}, {Name: "Bob", Domain: remoteDomain}, {Community: true, Name: "news"},
		{Community: true, Name: "harbour", Domain: remoteDomain}, {Name: "gone", Domain: remoteDomain},
		{Name: "bob"}, {Community: true, Name: "bob", Domain: remoteDomain}, {Name: "nobody", Domain: remoteDomain},
	})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, a := range got {
		found = append(found, a.Handle.Name+"@"+a.Handle.Domain+" "+a.APID+" "+a.Name+"@"+a.Domain)
		if a.Gone != (a.APID == gone.APID) {
			t.Errorf("%s: gone %v", a.APID, a.Gone)
		}
	}
	slices.Sort(found)
	want := []string{
		"ALICE@ " + alice.APID + " alice@" + localDomain,
		"Bob@" + remoteDomain + " " + bob.APID + " bob@" + remoteDomain,
		"gone@" + remoteDomain + " " + gone.APID + " gone@" + remoteDomain,
		"harbour@" + remoteDomain + " " + harbour.APID + " harbour@" + remoteDomain,
		"news@ " + news.APID + " news@" + localDomain,
	}
	if !slices.Equal(found, want) {
		t.Errorf("found\n%q\nwant\n%q", found, want)
	}
}
