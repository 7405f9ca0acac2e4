package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// titles lists a front page's titles, for comparing what a reader sees.
func (f *fixture) titles(q store.PostQuery) []string {
	f.t.Helper()
	if q.Sort == "" {
		q.Sort = store.SortNew
	}
	if q.Listing == "" && q.CommunityID == 0 {
		q.Listing = store.ListingAll
	}
	page, err := f.st.ListPosts(f.ctx, q)
	if err != nil {
		f.t.Fatalf("list posts: %v", err)
	}
	var out []string
	for _, p := range page.Posts {
		out = append(out, p.Title)
	}
	return out
}

func TestReaderFiltersLeaveOutWhatTheyName(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	reader, other := f.user("reader"), f.user("other")
	bob, bot, far := f.person("bob"), f.person("robot"), f.remotePerson("far")
	if err := f.st.SetBot(f.ctx, bot.ID, true); err != nil {
		t.Fatal(err)
	}
	news, cats, remote := f.community("news"), f.community("cats"), f.remoteCommunity("remote")
	at := func(i int) time.Time { return time.Now().Add(-time.Duration(i) * time.Minute) }
	f.post(other, news, postOpts{title: "plain", published: at(1)})
	f.post(bob, news, postOpts{title: "by bob", published: at(2)})
	f.post(other, cats, postOpts{title: "in cats", published: at(3)})
	f.post(far, news, postOpts{title: "by far", published: at(4), remote: true})
	f.post(other, remote, postOpts{title: "in remote", published: at(5)})
	f.post(bot, news, postOpts{title: "by a bot", published: at(6)})
	read := f.post(other, news, postOpts{title: "read", published: at(7)})
	german := f.post(other, news, postOpts{title: "german", published: at(8)})
	f.post(far, remote, postOpts{title: "far at home", published: at(9), remote: true})
	lang := "de"
	if err := f.st.UpdatePost(f.ctx, german.ID, store.PostEdit{Language: &lang}); err != nil {
		t.Fatal(err)
	}
	all := []string{"plain", "by bob", "in cats", "by far", "in remote", "by a bot", "read", "german", "far at home"}
	if got := f.titles(store.PostQuery{}); !slices.Equal(got, all) {
		t.Fatalf("without a filter: %v, want %v", got, all)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.st.BlockPerson(f.ctx, reader.ID, bob.ID))
	must(f.st.BlockCommunity(f.ctx, reader.ID, cats.ID))
	must(f.st.BlockInstanceFor(f.ctx, reader.ID, f.remote.ID))
	must(f.st.MarkPostRead(f.ctx, reader.ID, read.ID))
	must(f.st.MarkPostRead(f.ctx, reader.ID, read.ID)) // a second visit changes nothing

	blocks := store.ReaderFilter{ReaderID: reader.ID, Blocks: true}
	if got, want := f.titles(store.PostQuery{Reader: blocks}), []string{"plain", "by a bot", "read", "german"}; !slices.Equal(got, want) {
		t.Errorf("with blocks: %v, want %v", got, want)
	}
	everything := store.ReaderFilter{ReaderID: reader.ID, Blocks: true, HideRead: true, HideBots: true, Languages: []string{"en"}}
	if got, want := f.titles(store.PostQuery{Reader: everything}), []string{"plain"}; !slices.Equal(got, want) {
		t.Errorf("with every filter: %v, want %v", got, want)
	}
	// Undetermined language is always read; German only when chosen.
	if got, want := f.titles(store.PostQuery{Reader: store.ReaderFilter{ReaderID: reader.ID, Languages: []string{"de"}}}), all; !slices.Equal(got, want) {
		t.Errorf("reading German: %v, want %v", got, want)
	}
	// Another person's listing is not touched by the reader's blocks.
	if got := f.titles(store.PostQuery{Reader: store.ReaderFilter{ReaderID: other.ID, Blocks: true}}); !slices.Equal(got, all) {
		t.Errorf("another reader: %v, want %v", got, all)
	}
	// A blocked community's own page still lists its posts.
	if got, want := f.titles(store.PostQuery{CommunityID: cats.ID, Reader: blocks}), []string{"in cats"}; !slices.Equal(got, want) {
		t.Errorf("the blocked community's page: %v, want %v", got, want)
	}
	// So does a community of the blocked instance, with its own people's posts.
	if got, want := f.titles(store.PostQuery{CommunityID: remote.ID, Reader: blocks}), []string{"in remote", "far at home"}; !slices.Equal(got, want) {
		t.Errorf("the blocked instance's community's page: %v, want %v", got, want)
	}
	// But a blocked person's posts leave a community's page, and so do a
	// blocked instance's people's in a community elsewhere.
	if got, want := f.titles(store.PostQuery{CommunityID: news.ID, Reader: blocks}), []string{"plain", "by a bot", "read", "german"}; !slices.Equal(got, want) {
		t.Errorf("a community's page: %v, want %v", got, want)
	}
	u, err := f.st.LocalUserByID(f.ctx, reader.ID)
	must(err)
	if !u.HasBlocks || !u.ShowReadPosts || !u.ShowScores || !u.ShowBotAccounts || !u.BlurNSFW || u.DiscussionLanguages != "" {
		t.Errorf("reader's account: %+v, want blocks and the default preferences", u.Reading)
	}
	o, err := f.st.LocalUserByID(f.ctx, other.ID)
	must(err)
	if o.HasBlocks {
		t.Errorf("a person without blocks has HasBlocks")
	}
}

func TestBlocksSender(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice, bob, carol := f.user("alice"), f.person("bob"), f.person("carol")
	far, near := f.remotePerson("far"), f.user("near")
	check := func(recipient, sender store.Person, want bool) {
		t.Helper()
		got, err := f.st.BlocksSender(f.ctx, recipient.ID, sender.ID)
		if err != nil || got != want {
			t.Errorf("does %s block %s: %v, %v; want %v", recipient.Name, sender.Name, got, err, want)
		}
	}
	check(alice, bob, false)
	if err := f.st.BlockPerson(f.ctx, alice.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.st.BlockInstanceFor(f.ctx, alice.ID, f.remote.ID); err != nil {
		t.Fatal(err)
	}
	check(alice, bob, true)
	check(alice, far, true) // by their instance
	check(alice, carol, false)
	check(bob, alice, false) // a block goes one way
	check(near, far, false)

	got, err := f.st.RecipientsBlocking(f.ctx, far.ID, []int64{alice.ID, near.ID, carol.ID})
	if err != nil || !got[alice.ID] || got[near.ID] || got[carol.ID] {
		t.Errorf("recipients blocking far: %v, %v; want only alice", got, err)
	}
	blocked, err := f.st.BlockedAmong(f.ctx, alice.ID, []int64{bob.ID, carol.ID, far.ID})
	if err != nil || !blocked[bob.ID] || !blocked[far.ID] || blocked[carol.ID] {
		t.Errorf("blocked among: %v, %v; want bob and far", blocked, err)
	}

	// The schema refuses a block of oneself, whatever calls it.
	if err := f.st.BlockPerson(f.ctx, alice.ID, alice.ID); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("blocking oneself in the store: %v, want ErrInvalid", err)
	}
	if err := f.st.BlockPerson(f.ctx, alice.ID, 999999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("blocking nobody: %v, want ErrNotFound", err)
	}
	if err := f.st.UnblockPerson(f.ctx, alice.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	check(alice, bob, false)
}

func TestListSavedPagesBothKinds(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice, bob := f.user("alice"), f.person("bob")
	c := f.community("news")
	var want []string
	for range 7 {
		p := f.post(bob, c, postOpts{})
		cm := f.comment(bob, p.ID, 0)
		if err := f.st.SavePost(f.ctx, alice.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.st.SaveComment(f.ctx, alice.ID, cm.ID); err != nil {
			t.Fatal(err)
		}
		want = append([]string{"c" + cm.Body, "p" + p.Title}, want...)
	}
	// Saved in one transaction, two share a time: the cursor still splits them.
	p := f.post(bob, c, postOpts{title: "same instant"})
	cm := f.comment(bob, p.ID, 0)
	err := f.st.InTx(f.ctx, func(tx *store.Store) error {
		if err := tx.SavePost(f.ctx, alice.ID, p.ID); err != nil {
			return err
		}
		return tx.SaveComment(f.ctx, alice.ID, cm.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	want = append([]string{"p" + p.Title, "c" + cm.Body}, want...)

	var got []string
	var after store.SavedCursor
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("paging does not end")
		}
		page, err := f.st.ListSaved(f.ctx, alice.ID, after, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			if it.Post != nil {
				got = append(got, "p"+it.Post.Title)
			} else {
				got = append(got, "c"+it.Comment.Body)
			}
		}
		if page.Next.IsZero() {
			break
		}
		if after, err = store.ParseSavedCursor(page.Next.String()); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("saved, page by page:\n%v\nwant\n%v", got, want)
	}
}
