package web_test

import (
	"html"
	"net/http"
	"regexp"
	"slices"
	"testing"
)

var prevRE = regexp.MustCompile(`<a href="([^"]+)" rel="prev">`)

func prevURL(body string) string {
	m := prevRE.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// TestListingPreviousPage walks three pages forwards with Next and back
// with Previous, and wants the same posts on each page both ways.
func TestListingPreviousPage(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for i := range 60 {
		w.post(t, w.alice, "Post number "+id(int64(i)), "")
	}
	for _, start := range []string{"/?sort=new", "/c/news?sort=old"} {
		t.Run(start, func(t *testing.T) {
			anon := w.s.NewClient()
			var pages [][]int64
			r := anon.Get(start)
			if prevURL(r.Body) != "" {
				t.Errorf("the first page has a Previous link: %q", prevURL(r.Body))
			}
			for {
				wantStatus(t, r, http.StatusOK)
				pages = append(pages, postRows(r.Body))
				next := nextURL(r.Body)
				if next == "" {
					break
				}
				r = anon.Get(next)
			}
			if len(pages) != 3 || len(pages[2]) != 10 {
				t.Fatalf("pages of %v posts, want 25, 25, 10", lens(pages))
			}
			for i := 1; i >= 0; i-- {
				prev := prevURL(r.Body)
				if prev == "" {
					t.Fatalf("page %d has no Previous link", i+2)
				}
				r = anon.Get(prev)
				wantStatus(t, r, http.StatusOK)
				if got := postRows(r.Body); !slices.Equal(got, pages[i]) {
					t.Errorf("Previous from page %d shows %v, want page %d's %v", i+2, got, i+1, pages[i])
				}
			}
			if prevURL(r.Body) != "" {
				t.Errorf("back on the first page there is still a Previous link: %q", prevURL(r.Body))
			}
		})
	}
}

func lens(pages [][]int64) []int {
	var n []int
	for _, p := range pages {
		n = append(n, len(p))
	}
	return n
}

// TestSortMenu checks that the sort is one select in a GET form, with the
// current sort chosen, that works without script.
func TestSortMenu(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.s.NewClient().Get("/c/news?sort=top_week")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body,
		`<form class="sort-form" method="get" action="/c/news">`,
		`<label for="sort">Sort</label>`,
		`<option value="top_week" selected>Top week</option>`,
		`<button type="submit">Show</button>`)
	if n := len(regexp.MustCompile(`<option value=`).FindAllString(r.Body, -1)); n != 12 {
		t.Errorf("the sort menu has %d choices, want Lemmy's 12", n)
	}
	wantNotContains(t, r.Body, `href="/c/news?sort=`)
	r = w.s.NewClient().Get("/?sort=new&type=local")
	wantContains(t, r.Body, `<input type="hidden" name="type" value="local">`, `<option value="new" selected>New</option>`)
}
