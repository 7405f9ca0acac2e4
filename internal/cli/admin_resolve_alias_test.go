package cli_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// `admin resolve` takes the address of a profile page, as people copy it,
// and says why when it cannot follow one.
func TestResolveProfilePage(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	pub, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := srv.URL + "/users/alice"
		if r.URL.Path == "/@mallory" {
			id = "https://elsewhere.example/users/mallory"
		} else if r.URL.Path != "/users/alice" && r.URL.Path != "/@alice" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/activity+json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"@context": "https://www.w3.org/ns/activitystreams", "id": id, "type": "Person",
			"preferredUsername": "alice", "inbox": id + "/inbox",
			"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": pub},
		})
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	c.env["TIDINGS_SCHEME"] = "http"
	c.env["TIDINGS_ALLOW_PRIVATE_ADDRESSES"] = "true"

	if out := c.ok("admin", "resolve", srv.URL+"/@alice"); out != "http://news.example.org/u/alice@"+host+"\n" {
		t.Errorf("resolve of a profile page printed %q", out)
	}
	c.fails(1, srv.URL+"/@mallory is an alias of https://elsewhere.example/users/mallory, on another server",
		"admin", "resolve", srv.URL+"/@mallory")
}
