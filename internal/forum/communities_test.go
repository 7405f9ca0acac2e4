package forum_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestCreateCommunityRefusesBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if _, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "taken", Title: "Taken"}); err != nil {
		t.Fatal(err)
	}
	before, err := e.st.ListCommunities(e.ctx, false, true)
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		what  string
		c     forum.NewCommunity
		field string
		says  string
	}{
		{"bad name", forum.NewCommunity{Name: "Bad Name", Title: "T"}, "name", "Bad Name"},
		{"short name", forum.NewCommunity{Name: "ab", Title: "T"}, "name", "ab"},
		{"empty title", forum.NewCommunity{Name: "notitle", Title: ""}, "title", "title"},
		{"blank title", forum.NewCommunity{Name: "notitle", Title: "   "}, "title", "title"},
		{"long title", forum.NewCommunity{Name: "longtitle", Title: strings.Repeat("t", 101)}, "title", "100"},
		{"long description", forum.NewCommunity{Name: "longdesc", Title: "T", Description: strings.Repeat("d", 10001)}, "description", "10000"},
		{"duplicate", forum.NewCommunity{Name: "taken", Title: "Again"}, "name", "taken"},
	}
	for _, tc := range cases {
		_, err := e.svc.CreateCommunity(e.ctx, tc.c)
		ie := inputError(t, tc.what, err, tc.field)
		if !strings.Contains(ie.Msg, tc.says) {
			t.Errorf("%s: message %q does not mention %q", tc.what, ie.Msg, tc.says)
		}
	}

	_, err = e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "orphan", Title: "Orphan", Moderator: "ghost"})
	if !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("unknown moderator: err = %v, want forum.ErrNotFound", err)
	} else if !strings.Contains(err.Error(), "ghost") {
		t.Errorf("unknown moderator: message %q does not name ghost", err)
	}

	after, err := e.st.ListCommunities(e.ctx, false, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		var names []string
		for _, c := range after {
			names = append(names, c.Name)
		}
		t.Errorf("refused communities were stored: now %v", names)
	}
	if _, err := e.svc.Community(e.ctx, "orphan"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("Community(orphan): err = %v, want ErrNotFound", err)
	}
}

func TestCreateCommunityWithModerator(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mod := e.createUser("founder")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{
		Name: "gardening", Title: "  Gardening  ", Description: "All about **plants**.", Moderator: "Founder",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.APID != "https://test.example/c/gardening" || !c.Local || c.Domain != host {
		t.Errorf("community id %q local %v domain %q", c.APID, c.Local, c.Domain)
	}
	if c.Title != "Gardening" {
		t.Errorf("title = %q, want it trimmed to Gardening", c.Title)
	}
	if c.InboxURL != c.APID+"/inbox" || c.FollowersURL != c.APID+"/followers" || c.OutboxURL != c.APID+"/outbox" ||
		c.ModeratorsURL != c.APID+"/moderators" || c.SharedInboxURL != "https://test.example/inbox" {
		t.Errorf("collections: inbox %q followers %q outbox %q moderators %q shared %q",
			c.InboxURL, c.FollowersURL, c.OutboxURL, c.ModeratorsURL, c.SharedInboxURL)
	}
	checkKeyPair(t, "gardening", c.PublicKeyPEM, c.PrivateKeyPEM)

	mods, err := e.st.Moderators(e.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 1 || mods[0].ID != mod.ID {
		t.Errorf("moderators = %v, want only founder", mods)
	}
	if c, err = e.st.WithCounts(e.ctx, c); err != nil || c.Subscribers != 1 {
		t.Errorf("subscribers = %d (%v), want 1 (the founder follows it)", c.Subscribers, err)
	}
	f, err := e.st.GetFollow(e.ctx, c.ID, mod.ID)
	if err != nil || f.State != store.FollowAccepted {
		t.Errorf("founder's follow = %+v, %v; want accepted", f, err)
	}

	found, err := e.svc.Community(e.ctx, "GARDENING")
	if err != nil || found.ID != c.ID {
		t.Errorf("Community(GARDENING) = %d, %v; want %d", found.ID, err, c.ID)
	}
}

func TestCreateCommunityWithoutModeratorHasNoSubscribers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "lonely", Title: "Lonely", NSFW: true, Restricted: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Subscribers != 0 || !c.NSFW || !c.PostingRestrictedToMods {
		t.Errorf("subscribers %d nsfw %v restricted %v", c.Subscribers, c.NSFW, c.PostingRestrictedToMods)
	}
	if mods, err := e.st.Moderators(e.ctx, c.ID); err != nil || len(mods) != 0 {
		t.Errorf("moderators = %d, %v; want none", len(mods), err)
	}
}

func TestCommunityDescriptionIsRenderedAndSanitized(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	src := "A place for **bold** ideas.\n\n<script>alert('x')</script>\n\nSay <script>steal()</script> hi [there](javascript:alert(1))."
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "ideas", Title: "Ideas", Description: src})
	if err != nil {
		t.Fatal(err)
	}
	if c.Description != src {
		t.Errorf("description source = %q, want it kept as written", c.Description)
	}
	html := c.DescriptionHTML
	if !strings.Contains(html, "<strong>bold</strong>") {
		t.Errorf("description HTML %q lacks <strong>bold</strong>", html)
	}
	if strings.Contains(strings.ToLower(html), "<script") || strings.Contains(html, "javascript:") {
		t.Errorf("description HTML %q keeps a script", html)
	}
	stored, err := e.svc.Community(e.ctx, "ideas")
	if err != nil || stored.DescriptionHTML != html {
		t.Errorf("stored HTML %q, %v; want %q", stored.DescriptionHTML, err, html)
	}
}

func TestDeleteCommunity(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, name := range []string{"keep", "drop"} {
		if _, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: name, Title: name}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.DeleteCommunity(e.ctx, "drop"); err != nil {
		t.Fatalf("DeleteCommunity: %v", err)
	}
	visible, err := e.svc.Communities(e.ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(visible) != 1 || visible[0].Name != "keep" {
		t.Errorf("visible communities = %d, want only keep", len(visible))
	}
	all, err := e.svc.Communities(e.ctx, true)
	if err != nil || len(all) != 2 {
		t.Errorf("with deleted: %d, %v; want 2", len(all), err)
	}
	inputError(t, "deleting twice", e.svc.DeleteCommunity(e.ctx, "drop"), "name")
	if err := e.svc.DeleteCommunity(e.ctx, "ghost"); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("deleting an unknown community: err = %v, want ErrNotFound", err)
	}
}
