package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

func TestInsertPostChecksTitleLength(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, c := f.person("writer"), f.community("titles")
	base := func(title string) store.NewPost {
		n := f.next()
		return store.NewPost{
			APID: fmt.Sprintf("https://remote.example/post/t%d", n), CreatorID: p.ID, CommunityID: c.ID,
			Title: title,
		}
	}
	for _, title := range []string{"", strings.Repeat("é", 201)} {
		if _, err := f.st.InsertPost(f.ctx, base(title)); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("title of %d characters: err = %v, want ErrInvalid", len([]rune(title)), err)
		}
	}
	longest := strings.Repeat("é", 200)
	got, err := f.st.InsertPost(f.ctx, base(longest))
	if err != nil {
		t.Fatalf("title of 200 characters: %v", err)
	}
	if got.Title != longest {
		t.Errorf("title read back as %d characters", len([]rune(got.Title)))
	}
}

func TestInsertPostReadsBackWithNames(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author, c := f.remotePerson("reporter"), f.community("world")
	id, err := f.st.NextPostID(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.st.InsertPost(f.ctx, store.NewPost{
		ID: id, APID: "https://test.example/post/x", Local: true, CreatorID: author.ID, CommunityID: c.ID,
		Title: "Hello", URL: "https://example.com/a", Language: "en",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.CreatorName != "reporter" || got.CreatorDomain != remoteDomain ||
		got.CommunityName != "world" || got.CommunityDomain != localDomain || got.URL != "https://example.com/a" ||
		got.Body != "" || got.Language != "en" || got.Score != 0 || got.Comments != 0 || got.Updated != nil {
		t.Errorf("post = %+v", got)
	}
	if !got.NewestCommentTime.Equal(got.Published) {
		t.Errorf("newest comment time %v, want the published time %v", got.NewestCommentTime, got.Published)
	}
	byAPID, err := f.st.PostByAPID(f.ctx, "https://test.example/post/x")
	if err != nil || byAPID.ID != id {
		t.Errorf("PostByAPID = %d, %v; want %d", byAPID.ID, err, id)
	}
}

func TestPostErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, c := f.person("writer"), f.community("errs")
	post := f.post(p, c, postOpts{})

	_, err := f.st.InsertPost(f.ctx, store.NewPost{APID: post.APID, CreatorID: p.ID, CommunityID: c.ID, Title: "dup"})
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("taken ap_id: err = %v, want ErrConflict", err)
	}
	_, err = f.st.InsertPost(f.ctx, store.NewPost{APID: "https://x.example/p/1", CreatorID: p.ID, CommunityID: c.ID + 1000, Title: "t"})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown community: err = %v, want ErrNotFound", err)
	}
	if _, err := f.st.PostByID(f.ctx, post.ID+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PostByID(unknown): err = %v, want ErrNotFound", err)
	}
	if _, err := f.st.PostByAPID(f.ctx, "https://x.example/none"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PostByAPID(unknown): err = %v, want ErrNotFound", err)
	}
	if err := f.st.UpdatePost(f.ctx, post.ID+1000, store.PostEdit{Title: ptr("x")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdatePost(unknown): err = %v, want ErrNotFound", err)
	}
	if err := f.st.SetPostFlags(f.ctx, post.ID+1000, store.PostFlags{Locked: ptr(true)}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetPostFlags(unknown): err = %v, want ErrNotFound", err)
	}
	if err := f.st.UpdatePost(f.ctx, post.ID, store.PostEdit{Title: ptr(strings.Repeat("t", 201))}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("edit to a 201-character title: err = %v, want ErrInvalid", err)
	}
}

func TestUpdatePostMarksEditedAndKeepsUnsetFields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := f.post(f.person("writer"), f.community("edits"), postOpts{title: "Before"})
	must(t, f.st.UpdatePost(f.ctx, post.ID, store.PostEdit{Title: ptr("After"), URL: ptr("")}))
	got := f.getPost(post.ID)
	if got.Title != "After" || got.Body != "body" || got.BodyHTML != "<p>body</p>" || got.URL != "" {
		t.Errorf("after edit: %+v", got)
	}
	if got.Updated == nil {
		t.Errorf("edited post has no updated time")
	}
}

func TestSetPostFlagsKeepsOthers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := f.post(f.person("writer"), f.community("flags"), postOpts{})
	must(t, f.st.SetPostFlags(f.ctx, post.ID, store.PostFlags{Locked: ptr(true), FeaturedCommunity: ptr(true)}))
	must(t, f.st.SetPostFlags(f.ctx, post.ID, store.PostFlags{Deleted: ptr(true)}))
	got := f.getPost(post.ID)
	if !got.Locked || !got.FeaturedCommunity || !got.Deleted || got.Removed || got.FeaturedLocal {
		t.Errorf("flags: locked %v featured %v deleted %v removed %v featured_local %v",
			got.Locked, got.FeaturedCommunity, got.Deleted, got.Removed, got.FeaturedLocal)
	}
}

// Deleting a person for good (an account deletion with removeData) cascades
// through posts, comments and votes, whose triggers update the rows being
// deleted; the other people's posts keep exact counts.
func TestDeletingAPersonForGoodCascades(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.community("cascade")
	leaving, staying := f.remotePerson("leaving"), f.person("staying")
	theirs := f.post(leaving, c, postOpts{})
	ours := f.post(staying, c, postOpts{})
	top := f.comment(staying, theirs.ID, 0)
	f.comment(leaving, theirs.ID, top.ID)
	mine := f.comment(staying, ours.ID, 0)
	f.comment(leaving, ours.ID, mine.ID)
	for _, p := range []int64{theirs.ID, ours.ID} {
		if _, err := f.st.SetPostVote(f.ctx, p, leaving.ID, 1, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.SetPostVote(f.ctx, p, staying.ID, -1, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.st.SetCommentVote(f.ctx, mine.ID, leaving.ID, 1, ""); err != nil {
		t.Fatal(err)
	}

	if _, err := f.pool.Exec(f.ctx, `DELETE FROM people WHERE id = $1`, leaving.ID); err != nil {
		t.Fatalf("delete person: %v", err)
	}
	if _, err := f.st.PostByID(f.ctx, theirs.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the leaving person's post: err = %v, want ErrNotFound", err)
	}
	got := f.getPost(ours.ID)
	if got.Comments != 1 || got.Score != -1 || got.Upvotes != 0 || got.Downvotes != 1 {
		t.Errorf("remaining post: %d comments, %d/%d/%d; want 1 comment, score -1 (0 up, 1 down)",
			got.Comments, got.Score, got.Upvotes, got.Downvotes)
	}
	cm, err := f.st.CommentByID(f.ctx, mine.ID)
	if err != nil || cm.Score != 0 || cm.Upvotes != 0 {
		t.Errorf("remaining comment: score %d up %d, %v; want 0", cm.Score, cm.Upvotes, err)
	}
}
