package federation_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// getAS fetches path as another server does and decodes the answer; it
// fails the test unless the answer is ActivityStreams JSON with an
// @context.
func getAS(t *testing.T, rawURL string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, rawURL, nil)
	req.Header.Set("Accept", "application/activity+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if resp.StatusCode == http.StatusOK {
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/activity+json") {
			t.Errorf("GET %s: Content-Type %q, want application/activity+json", rawURL, ct)
		}
		if err := json.Unmarshal(body, &v); err != nil || v["@context"] == nil {
			t.Errorf("GET %s: not ActivityStreams JSON with an @context: %v\n%s", rawURL, err, body)
		}
	}
	return resp.StatusCode, v
}

// advertised lists the URLs on base that an actor names, by property
// (endpoints.sharedInbox for the shared inbox), leaving out its own id and
// its key, which is a fragment of the id.
func advertised(v map[string]any, base, prefix string) map[string]string {
	out := map[string]string{}
	for k, x := range v {
		switch {
		case k == "id" || k == "@context" || k == "publicKey":
		case k == "endpoints":
			if m, ok := x.(map[string]any); ok {
				for name, u := range advertised(m, base, k+".") {
					out[name] = u
				}
			}
		default:
			if s, ok := x.(string); ok && strings.HasPrefix(s, base+"/") {
				out[prefix+k] = s
			}
		}
	}
	return out
}

// postUnsigned POSTs an activity without a signature, with a correct
// Digest, as a server that forgot to sign would.
func postUnsigned(t *testing.T, rawURL string) (int, string) {
	t.Helper()
	body := []byte(`{"@context":"https://www.w3.org/ns/activitystreams","id":"https://elsewhere.example/activities/like/1",` +
		`"type":"Like","actor":"https://elsewhere.example/u/x","object":"https://elsewhere.example/post/1"}`)
	sum := sha256.Sum256(body)
	req, _ := http.NewRequest(http.MethodPost, rawURL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/activity+json")
	req.Header.Set("Digest", "SHA-256="+base64.StdEncoding.EncodeToString(sum[:]))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Every collection and inbox an actor of ours advertises exists: servers
// that fetch an actor's outbox or followers to show a profile get them,
// and inboxes answer an unsigned POST with 401, not 404 or 405.
func TestEveryURLAnActorAdvertisesAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	if _, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"}); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"/":        {"inbox", "outbox"},
		"/u/alice": {"endpoints.sharedInbox", "inbox", "outbox"},
		"/c/news":  {"attributedTo", "endpoints.sharedInbox", "featured", "followers", "inbox", "outbox"},
	}
	for path, props := range want {
		code, actor := getAS(t, l.url+path)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, code)
		}
		urls := advertised(actor, l.url, "")
		var names []string
		for name := range urls {
			names = append(names, name)
		}
		sort.Strings(names)
		if strings.Join(names, " ") != strings.Join(props, " ") {
			t.Errorf("%s advertises %v; want %v (the test checks each of them)", path, names, props)
		}
		for name, u := range urls {
			if strings.HasSuffix(name, "nbox") {
				if code, body := postUnsigned(t, u); code != http.StatusUnauthorized {
					t.Errorf("%s's %s %s: unsigned POST answers %d %s, want 401", path, name, u, code, body)
				}
				continue
			}
			if code, _ := getAS(t, u); code != http.StatusOK {
				t.Errorf("%s's %s %s: GET answers %d, want 200", path, name, u, code)
			}
		}
	}
}

// The instance actor is found as @NAME@HOST with the name it gives itself,
// which has no port in it, and still as @HOST@HOST, as before.
func TestInstanceActorIsFoundByItsName(t *testing.T) {
	t.Parallel()
	l := newLocal(t)
	_, actor := getAS(t, l.url+"/")
	host := strings.TrimPrefix(l.url, "http://")
	name, _ := actor["preferredUsername"].(string)
	if name != strings.Split(host, ":")[0] || strings.Contains(name, ":") {
		t.Fatalf("the instance's preferredUsername is %q; want the host name of %s, without the port", name, host)
	}
	for _, resource := range []string{"acct:" + name + "@" + host, "acct:" + host + "@" + host, l.url + "/"} {
		resp, err := http.Get(l.url + "/.well-known/webfinger?resource=" + url.QueryEscape(resource))
		if err != nil {
			t.Fatal(err)
		}
		var jrd struct {
			Subject string
			Links   []struct{ Rel, Type, Href string }
		}
		err = json.NewDecoder(resp.Body).Decode(&jrd)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			t.Errorf("webfinger %s: %d %v", resource, resp.StatusCode, err)
			continue
		}
		var self string
		for _, link := range jrd.Links {
			if link.Rel == "self" {
				self = link.Href
			}
		}
		if self != l.url+"/" {
			t.Errorf("webfinger %s: self link %q, want the instance actor %s/", resource, self, l.url)
		}
	}
}
