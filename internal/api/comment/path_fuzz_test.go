package comment

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// FuzzCommentPaths builds a comment tree from the fuzzer's bytes (each
// byte picks a new comment's parent, and its score for the sort) and
// checks what the listing does with materialised paths: arrange puts each
// comment once and after its parent, keeps exactly the levels max_depth
// asks for, and below a parent only what is under it; pages of threads
// cover the listing without cutting a thread or repeating one; and the
// path string Lemmy's apps split reads back as the ids.
func FuzzCommentPaths(f *testing.F) {
	f.Add([]byte{0, 0, 1, 2, 3, 1, 0, 7}, uint8(0), uint8(2), uint8(3))
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint8(3), uint8(1), uint8(0)) // one long chain
	f.Add([]byte{0, 0, 0, 0, 0, 0}, uint8(0), uint8(1), uint8(2))             // only top-level comments
	f.Add([]byte{}, uint8(0), uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, shape []byte, rootPick, depth, limit uint8) {
		if len(shape) > 500 {
			shape = shape[:500]
		}
		tree := treeOf(shape)
		byScore := commentSorts["Top"]

		all := arrange(tree, 1, 0, byScore)
		checkArranged(t, tree, all, 1)
		if d := int(depth % 8); d > 0 {
			shallow := arrange(tree, 1, d, byScore)
			want := slices.DeleteFunc(slices.Clone(all), func(c store.Comment) bool { return len(c.Path) > d })
			if !slices.EqualFunc(shallow, want, sameID) {
				t.Fatalf("max_depth %d kept %v, want %v", d, ids(shallow), ids(want))
			}
		}
		if len(tree) > 0 {
			root := tree[int(rootPick)%len(tree)].Path
			below := slices.DeleteFunc(slices.Clone(tree), func(c store.Comment) bool { return !under(c.Path, root) })
			sub := arrange(below, len(root), 0, byScore)
			checkArranged(t, below, sub, len(root))
			if len(sub) == 0 || !slices.Equal(sub[0].Path, root) {
				t.Fatalf("the listing below %v starts with %v", root, ids(sub))
			}
		}

		n := int(limit%10) + 1
		var paged []store.Comment
		for page := 1; ; page++ {
			p := pageOf(all, 1, n, page)
			if len(p) == 0 {
				break
			}
			if len(p[0].Path) != 1 {
				t.Fatalf("page %d starts inside a thread, at %v", page, p[0].Path)
			}
			if tops := countTop(p); tops > n {
				t.Fatalf("page %d has %d threads, more than the limit %d", page, tops, n)
			}
			paged = append(paged, p...)
			if page > len(all)+1 {
				t.Fatalf("pages of %d threads never end over %d comments", n, len(all))
			}
		}
		if !slices.EqualFunc(paged, all, sameID) {
			t.Fatalf("the pages hold %v, the listing %v", ids(paged), ids(all))
		}

		for _, c := range tree {
			s := model.Path(c.Path)
			parts := strings.Split(s, ".")
			if parts[0] != "0" || len(parts) != len(c.Path)+1 {
				t.Fatalf("path %v written as %q", c.Path, s)
			}
			for i, p := range parts[1:] {
				if id, err := strconv.ParseInt(p, 10, 64); err != nil || id != c.Path[i] {
					t.Fatalf("path %v written as %q", c.Path, s)
				}
			}
		}
	})
}

// treeOf is a post's comments as the store reads them: ordered by path.
// Comment i+1's parent is chosen by shape[i] among the comments before it
// (or none, for a top-level comment); ids grow with time, as a sequence's.
func treeOf(shape []byte) []store.Comment {
	tree := make([]store.Comment, 0, len(shape))
	for i, b := range shape {
		id := int64(i + 1)
		c := store.Comment{ID: id, Score: int(b % 5), Path: []int64{id}}
		if pick := int(b) % (i + 1); pick > 0 {
			parent := tree[pick-1]
			c.ParentID = &parent.ID
			c.Path = append(slices.Clone(parent.Path), id)
		}
		tree = append(tree, c)
	}
	slices.SortFunc(tree, func(a, b store.Comment) int { return slices.Compare(a.Path, b.Path) })
	return tree
}

// checkArranged fails unless out holds each comment of tree once, every
// one after its parent (but those at the top level, paths top long).
func checkArranged(t *testing.T, tree, out []store.Comment, top int) {
	t.Helper()
	if len(out) != len(tree) {
		t.Fatalf("arranged %d comments of %d: %v", len(out), len(tree), ids(out))
	}
	seen := map[int64]bool{}
	for _, c := range out {
		if seen[c.ID] {
			t.Fatalf("comment %d listed twice: %v", c.ID, ids(out))
		}
		if len(c.Path) > top && !seen[c.Path[len(c.Path)-2]] {
			t.Fatalf("comment %d (path %v) listed before its parent: %v", c.ID, c.Path, ids(out))
		}
		seen[c.ID] = true
	}
}

func countTop(list []store.Comment) int {
	n := 0
	for _, c := range list {
		if len(c.Path) == 1 {
			n++
		}
	}
	return n
}

func sameID(a, b store.Comment) bool { return a.ID == b.ID }

func ids(list []store.Comment) []int64 {
	out := make([]int64, len(list))
	for i, c := range list {
		out[i] = c.ID
	}
	return out
}
