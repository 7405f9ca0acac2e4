package federation_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// A bio, a community's sidebar and the site's description are HTML other
// servers show too: like a post's, every link in them is absolute, and a
// person or community links to its home, while our pages keep theirs.
func TestActorsLinkAbsolutelyInTheirHTML(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	text := "Ask @alice@" + strings.TrimPrefix(l.url, "http://") + " in !" + l.community.Name +
		", and read [the rules](/post/1)."
	if err := l.f.UpdateSettings(ctx, alice, forum.Settings{Bio: text, DefaultSort: store.SortHot,
		DefaultListing: store.ListingAll}); err != nil {
		t.Fatal(err)
	}
	c, err := l.f.CreateCommunity(ctx, forum.NewCommunity{Name: "rules", Title: "Rules", Description: text})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.f.UpdateSite(ctx, forum.Operator, store.SiteSettings{Description: &text}); err != nil {
		t.Fatal(err)
	}
	want := []string{`href="` + alice.APID + `"`, `href="` + l.community.APID + `"`, `href="` + l.url + `/post/1"`}
	for _, tt := range []struct{ what, id, field string }{
		{"alice's bio", alice.APID, "summary"},
		{"the community's sidebar", c.APID, "summary"},
		{"the site's description", l.url + "/", "content"},
	} {
		html, _ := getObject(t, tt.id)[tt.field].(string)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s has no %s: %s", tt.what, w, html)
			}
		}
		if strings.Contains(html, `href="/`) {
			t.Errorf("%s has a relative link: %s", tt.what, html)
		}
	}
	// The profile page here links to the pages here.
	if p, err := l.st.PersonByAPID(ctx, alice.APID); err != nil || !strings.Contains(p.BioHTML, `href="/c/`+l.community.Name+`"`) {
		t.Errorf("the bio our pages show: %q, %v", p.BioHTML, err)
	}
}
