package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// A remote community's and person's pages answer to any spelling of their
// instance's host in the address, as the instance is stored in one.
func TestRemotePagesUnderAnySpellingOfTheHost(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	rem := addRemote(t, w.s, "xn--bcher-kva.example", "news", "alice")
	anon := w.s.NewClient()
	for _, host := range []string{"xn--bcher-kva.example", "bücher.example", "BÜCHER.example.", "XN--BCHER-KVA.EXAMPLE:443"} {
		for _, page := range []struct{ path, shows string }{
			{"/c/" + url.PathEscape("news@"+host), rem.community.Title},
			{"/u/" + url.PathEscape("alice@"+host), rem.post.Title},
		} {
			r := anon.Get(page.path)
			wantStatus(t, r, http.StatusOK)
			wantContains(t, mainOf(r.Body), page.shows)
		}
	}
	r := anon.Get("/c/" + url.PathEscape("news@bücher_x.example"))
	wantStatus(t, r, http.StatusNotFound)
}
