package web

import (
	"math"
	"slices"

	"github.com/tidings/tidings/internal/store"
)

// Comment sorts of a thread, as Lemmy offers them.
var commentSorts = []string{"hot", "top", "new", "old", "controversial"}

// Limits that keep a huge thread's page fast and readable; what lies beyond
// them is one click away on the comment's own page.
const (
	maxShownDepth    = 8
	maxShownComments = 300
)

// commentNode is a comment placed in its tree.
type commentNode struct {
	store.Comment
	MyVote   int
	Children []*commentNode
	// Hidden counts replies not shown here (past the depth or size limit);
	// the page links to this comment's own page for them.
	Hidden int
	Total  int // this comment and every reply under it
}

// buildTree turns comments in path order (parents first) into trees under
// the given root ids (0 for top-level), sorting siblings and applying limits.
func buildTree(comments []store.Comment, votes map[int64]int, sortBy string, rootParent int64, limit int) (roots []*commentNode, hidden int) {
	nodes := make(map[int64]*commentNode, len(comments))
	for _, c := range comments {
		n := &commentNode{Comment: c, MyVote: votes[c.ID]}
		nodes[c.ID] = n
		var parent int64
		if c.ParentID != nil {
			parent = *c.ParentID
		}
		if p, ok := nodes[parent]; ok && parent != rootParent {
			p.Children = append(p.Children, n)
		} else if parent == rootParent {
			roots = append(roots, n)
		}
	}
	var count func(n *commentNode) int
	count = func(n *commentNode) int {
		n.Total = 1
		for _, c := range n.Children {
			n.Total += count(c)
		}
		return n.Total
	}
	for _, r := range roots {
		count(r)
	}
	sortNodes(roots, sortBy)
	shown := 0
	var prune func(ns []*commentNode, depth int) []*commentNode
	prune = func(ns []*commentNode, depth int) []*commentNode {
		for i, n := range ns {
			if shown >= limit {
				rest := 0
				for _, m := range ns[i:] {
					rest += m.Total
				}
				hidden += rest
				return ns[:i]
			}
			shown++
			if depth+1 >= maxShownDepth && len(n.Children) > 0 {
				n.Hidden = n.Total - 1
				n.Children = nil
				continue
			}
			before := len(n.Children)
			kept := prune(n.Children, depth+1)
			if len(kept) < before {
				for _, m := range n.Children[len(kept):] {
					n.Hidden += m.Total
				}
			}
			n.Children = kept
		}
		return ns
	}
	roots = prune(roots, 0)
	return roots, hidden
}

func sortNodes(ns []*commentNode, by string) {
	cmp := func(a, b *commentNode) int {
		var d float64
		switch by {
		case "top":
			d = float64(b.Score - a.Score)
		case "new":
			d = float64(b.Published.UnixNano() - a.Published.UnixNano())
		case "old":
			d = float64(a.Published.UnixNano() - b.Published.UnixNano())
		case "controversial":
			d = b.Controversy - a.Controversy
		default:
			d = b.HotRank - a.HotRank
		}
		if d != 0 && !math.IsNaN(d) {
			if d < 0 {
				return -1
			}
			return 1
		}
		return int(a.ID - b.ID)
	}
	slices.SortStableFunc(ns, cmp)
	for _, n := range ns {
		sortNodes(n.Children, by)
	}
}
