package post_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

func TestSiteMetadataRefusals(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	s.User("alice")
	alice := s.Login("alice")
	get := func(link string) string { return "/post/site_metadata?url=" + url.QueryEscape(link) }
	s.WantErrors(t, []apitest.Call{
		// The test server itself: a loopback address the server will not reach.
		apitest.Refusal("a loopback address", http.MethodGet, get(s.URL+"/"), alice, nil, "blocked_url"),
		apitest.Refusal("a private address", http.MethodGet, get("http://10.1.2.3/"), alice, nil, "blocked_url"),
		apitest.Refusal("not a web address", http.MethodGet, get("file:///etc/passwd"), alice, nil, "invalid_url"),
		apitest.Refusal("no address", http.MethodGet, "/post/site_metadata", alice, nil, "invalid_url"),
		apitest.Refusal("logged out", http.MethodGet, get("https://example.com/"), "", nil, "not_logged_in"),
	})
}
