package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// tree is the thread
//
//	A
//	├─ A1
//	│  └─ A1a
//	└─ A2
//	B
//	└─ B1
//
// inserted in an interleaved order, so that only the stored paths can put
// it back together.
type tree struct {
	post                  store.Post
	a, b, a1, a2, a1a, b1 store.Comment
	byID                  map[int64]string
}

func newTree(f *fixture) tree {
	f.t.Helper()
	author, replier := f.person("author"), f.remotePerson("replier")
	var tr tree
	tr.post = f.post(author, f.community("threads"), postOpts{})
	tr.a = f.comment(author, tr.post.ID, 0)
	tr.b = f.comment(replier, tr.post.ID, 0)
	tr.a1 = f.comment(replier, tr.post.ID, tr.a.ID)
	tr.b1 = f.comment(author, tr.post.ID, tr.b.ID)
	tr.a2 = f.comment(author, tr.post.ID, tr.a.ID)
	tr.a1a = f.comment(author, tr.post.ID, tr.a1.ID)
	tr.byID = map[int64]string{tr.a.ID: "A", tr.b.ID: "B", tr.a1.ID: "A1", tr.a2.ID: "A2", tr.a1a.ID: "A1a", tr.b1.ID: "B1"}
	return tr
}

func (tr tree) names(cs []store.Comment) []string {
	out := []string{}
	for _, c := range cs {
		n, ok := tr.byID[c.ID]
		if !ok {
			n = "?"
		}
		out = append(out, n)
	}
	return out
}

func TestThreadIsDepthFirstWithSiblingsOldestFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tr := newTree(f)
	// Another post's comments must not leak in.
	other := f.post(f.person("other"), f.community("elsewhere"), postOpts{})
	f.comment(f.person("stranger"), other.ID, 0)

	got, err := f.st.Thread(f.ctx, tr.post.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"A", "A1", "A1a", "A2", "B", "B1"}
	if names := tr.names(got); !slices.Equal(names, want) {
		t.Fatalf("Thread = %v, want %v", names, want)
	}
	wantDepth := map[string]int{"A": 0, "A1": 1, "A1a": 2, "A2": 1, "B": 0, "B1": 1}
	for _, c := range got {
		name := tr.byID[c.ID]
		if c.Depth() != wantDepth[name] {
			t.Errorf("%s: depth %d, want %d", name, c.Depth(), wantDepth[name])
		}
		if c.PostID != tr.post.ID {
			t.Errorf("%s: post %d, want %d", name, c.PostID, tr.post.ID)
		}
	}
	// Parents come before their children, siblings by increasing id.
	seen := map[int64]bool{}
	for _, c := range got {
		if c.ParentID != nil && !seen[*c.ParentID] {
			t.Errorf("%s comes before its parent", tr.byID[c.ID])
		}
		seen[c.ID] = true
	}
	if !(tr.a.ID < tr.b.ID && tr.a1.ID < tr.a2.ID) {
		t.Errorf("ids do not increase with insertion: A %d B %d A1 %d A2 %d", tr.a.ID, tr.b.ID, tr.a1.ID, tr.a2.ID)
	}
	if tr.a1a.ParentID == nil || *tr.a1a.ParentID != tr.a1.ID || tr.a.ParentID != nil {
		t.Errorf("parent ids: A1a -> %v, A -> %v", tr.a1a.ParentID, tr.a.ParentID)
	}
	if !slices.Equal(tr.a1a.Path, []int64{tr.a.ID, tr.a1.ID, tr.a1a.ID}) {
		t.Errorf("A1a path = %v", tr.a1a.Path)
	}
	if tr.a1.CreatorName != "replier" || tr.a1.CreatorDomain != remoteDomain {
		t.Errorf("A1 by %s@%s, want replier@%s", tr.a1.CreatorName, tr.a1.CreatorDomain, remoteDomain)
	}
}

func TestSubtreeHoldsExactlyTheReplies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tr := newTree(f)

	cases := []struct {
		root  store.Comment
		depth int
		want  []string
	}{
		{tr.a, 0, []string{"A", "A1", "A1a", "A2"}},
		{tr.a, 1, []string{"A", "A1", "A2"}},
		{tr.a, 2, []string{"A", "A1", "A1a", "A2"}},
		{tr.a1, 0, []string{"A1", "A1a"}},
		{tr.a2, 0, []string{"A2"}},
		{tr.b, 0, []string{"B", "B1"}},
		{tr.a1a, 1, []string{"A1a"}},
	}
	for _, tc := range cases {
		got, err := f.st.Subtree(f.ctx, tc.root.ID, tc.depth)
		if err != nil {
			t.Errorf("Subtree(%s, %d): %v", tr.byID[tc.root.ID], tc.depth, err)
			continue
		}
		if names := tr.names(got); !slices.Equal(names, tc.want) {
			t.Errorf("Subtree(%s, %d) = %v, want %v", tr.byID[tc.root.ID], tc.depth, names, tc.want)
		}
	}
	if _, err := f.st.Subtree(f.ctx, tr.b1.ID+1000, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Subtree(unknown): err = %v, want ErrNotFound", err)
	}
}

// With ids past 9, a text comparison of paths would put "10" before "9".
func TestSubtreeWithManySiblings(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	post := f.post(author, f.community("many"), postOpts{})
	var top []store.Comment
	for range 12 {
		top = append(top, f.comment(author, post.ID, 0))
	}
	reply := f.comment(author, post.ID, top[2].ID)
	got, err := f.st.Subtree(f.ctx, top[2].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != top[2].ID || got[1].ID != reply.ID {
		var ids []int64
		for _, c := range got {
			ids = append(ids, c.ID)
		}
		t.Errorf("Subtree = %v, want [%d %d]", ids, top[2].ID, reply.ID)
	}
	thread, err := f.st.Thread(f.ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, c := range thread {
		order = append(order, c.ID)
	}
	want := []int64{top[0].ID, top[1].ID, top[2].ID, reply.ID}
	for _, c := range top[3:] {
		want = append(want, c.ID)
	}
	if !slices.Equal(order, want) {
		t.Errorf("Thread = %v, want %v", order, want)
	}
}

func TestAncestorsTopLevelFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tr := newTree(f)
	got, err := f.st.Ancestors(f.ctx, tr.a1a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if names := tr.names(got); !slices.Equal(names, []string{"A", "A1"}) {
		t.Errorf("Ancestors(A1a) = %v, want [A A1]", names)
	}
	got, err = f.st.Ancestors(f.ctx, tr.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("Ancestors(B) = %v, want none", tr.names(got))
	}
}

func TestInsertCommentParentMustBeOnSamePost(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	c := f.community("c")
	p1, p2 := f.post(author, c, postOpts{}), f.post(author, c, postOpts{})
	onP1 := f.comment(author, p1.ID, 0)

	_, err := f.st.InsertComment(f.ctx, f.newComment(author, p2.ID, onP1.ID))
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("reply on post 2 to a comment of post 1: err = %v, want ErrNotFound", err)
	}
	_, err = f.st.InsertComment(f.ctx, f.newComment(author, p1.ID, onP1.ID+1000))
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("reply to an unknown comment: err = %v, want ErrNotFound", err)
	}
	_, err = f.st.InsertComment(f.ctx, f.newComment(author, p2.ID+1000, 0))
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("comment on an unknown post: err = %v, want ErrNotFound", err)
	}
	if got := f.getPost(p2.ID); got.Comments != 0 {
		t.Errorf("post 2 has %d comments after refused replies, want 0", got.Comments)
	}
	if thread, _ := f.st.Thread(f.ctx, p2.ID); len(thread) != 0 {
		t.Errorf("post 2's thread has %d comments, want none", len(thread))
	}
	if _, err := f.st.CommentByID(f.ctx, onP1.ID+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CommentByID(unknown): err = %v, want ErrNotFound", err)
	}
}

func TestCommentDepthLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	post := f.post(author, f.community("deep"), postOpts{})
	var parent int64
	var last store.Comment
	for level := 1; level <= store.MaxCommentDepth; level++ {
		c, err := f.st.InsertComment(f.ctx, f.newComment(author, post.ID, parent))
		if err != nil {
			t.Fatalf("level %d: %v", level, err)
		}
		parent, last = c.ID, c
	}
	if last.Depth() != store.MaxCommentDepth-1 {
		t.Errorf("deepest comment has depth %d, want %d", last.Depth(), store.MaxCommentDepth-1)
	}
	_, err := f.st.InsertComment(f.ctx, f.newComment(author, post.ID, parent))
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("level %d: err = %v, want ErrInvalid", store.MaxCommentDepth+1, err)
	}
	if got := f.getPost(post.ID); got.Comments != store.MaxCommentDepth {
		t.Errorf("post counts %d comments, want %d", got.Comments, store.MaxCommentDepth)
	}
	anc, err := f.st.Ancestors(f.ctx, last.ID)
	if err != nil || len(anc) != store.MaxCommentDepth-1 {
		t.Errorf("Ancestors of the deepest = %d comments, %v; want %d", len(anc), err, store.MaxCommentDepth-1)
	}
}

func TestPostCommentCountFollowsVisibleComments(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	post := f.post(author, f.community("counts"), postOpts{published: time.Now().Add(-time.Hour)})
	check := func(step string, want int) {
		t.Helper()
		if got := f.getPost(post.ID); got.Comments != want {
			t.Errorf("%s: post shows %d comments, want %d", step, got.Comments, want)
		}
	}
	check("new post", 0)

	first := f.comment(author, post.ID, 0)
	afterFirst := f.getPost(post.ID)
	if !afterFirst.NewestCommentTime.Equal(first.Published) {
		t.Errorf("newest comment time %v, want the comment's %v", afterFirst.NewestCommentTime, first.Published)
	}
	c2 := f.newComment(author, post.ID, first.ID)
	c2.Published = first.Published.Add(time.Minute)
	second, err := f.st.InsertComment(f.ctx, c2)
	if err != nil {
		t.Fatal(err)
	}
	third := f.comment(author, post.ID, 0)
	check("three comments", 3)
	afterThird := f.getPost(post.ID)
	if !afterThird.NewestCommentTime.Equal(second.Published) {
		t.Errorf("newest comment time %v, want the latest comment's %v", afterThird.NewestCommentTime, second.Published)
	}
	if !afterThird.NewestCommentTime.After(afterFirst.NewestCommentTime) {
		t.Errorf("newest comment time did not move forward: %v then %v", afterFirst.NewestCommentTime, afterThird.NewestCommentTime)
	}

	must(t, f.st.SetCommentFlags(f.ctx, second.ID, ptr(true), nil))
	check("one deleted", 2)
	must(t, f.st.SetCommentFlags(f.ctx, second.ID, nil, ptr(true)))
	check("deleted and removed", 2)
	must(t, f.st.SetCommentFlags(f.ctx, second.ID, ptr(false), nil))
	check("undeleted but still removed", 2)
	must(t, f.st.SetCommentFlags(f.ctx, second.ID, nil, ptr(false)))
	check("restored", 3)
	must(t, f.st.SetCommentFlags(f.ctx, third.ID, nil, ptr(true)))
	check("one removed", 2)
	must(t, f.st.SetCommentFlags(f.ctx, third.ID, nil, ptr(true)))
	check("removed twice", 2)
	must(t, f.st.SetCommentFlags(f.ctx, third.ID, nil, ptr(false)))
	check("restored again", 3)

	got, err := f.st.CommentByID(f.ctx, second.ID)
	if err != nil || got.Deleted || got.Removed {
		t.Errorf("restored comment: deleted %v removed %v, %v", got.Deleted, got.Removed, err)
	}
	if err := f.st.SetCommentFlags(f.ctx, third.ID+1000, ptr(true), nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetCommentFlags(unknown): err = %v, want ErrNotFound", err)
	}

	// A hard delete takes the comment and its replies off the count.
	if _, err := f.pool.Exec(f.ctx, `DELETE FROM comments WHERE id = $1`, third.ID); err != nil {
		t.Fatal(err)
	}
	check("one deleted for good", 2)
	if _, err := f.pool.Exec(f.ctx, `DELETE FROM comments WHERE id = $1`, first.ID); err != nil {
		t.Fatal(err)
	}
	check("a comment and its reply deleted for good", 0)
	if thread, _ := f.st.Thread(f.ctx, post.ID); len(thread) != 0 {
		t.Errorf("thread still has %d comments", len(thread))
	}
}

func TestHardDeleteOfHiddenCommentKeepsCount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	post := f.post(author, f.community("hidden"), postOpts{})
	kept := f.comment(author, post.ID, 0)
	gone := f.comment(author, post.ID, 0)
	must(t, f.st.SetCommentFlags(f.ctx, gone.ID, ptr(true), nil))
	if _, err := f.pool.Exec(f.ctx, `DELETE FROM comments WHERE id = $1`, gone.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.getPost(post.ID); got.Comments != 1 {
		t.Errorf("post shows %d comments, want 1 (%d is still there)", got.Comments, kept.ID)
	}
}

func TestUpdateCommentBodyMarksEdited(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	author := f.person("author")
	post := f.post(author, f.community("edits"), postOpts{})
	c := f.comment(author, post.ID, 0)
	if c.Updated != nil {
		t.Errorf("new comment already marked edited")
	}
	must(t, f.st.UpdateCommentBody(f.ctx, c.ID, "new text", "<p>new text</p>"))
	got, err := f.st.CommentByAPID(f.ctx, c.APID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != "new text" || got.BodyHTML != "<p>new text</p>" || got.Updated == nil {
		t.Errorf("after edit: body %q html %q updated %v", got.Body, got.BodyHTML, got.Updated)
	}
	if err := f.st.UpdateCommentBody(f.ctx, c.ID, "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("empty body: err = %v, want ErrInvalid", err)
	}
	if err := f.st.UpdateCommentBody(f.ctx, c.ID+1000, "x", "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("edit unknown comment: err = %v, want ErrNotFound", err)
	}
}
