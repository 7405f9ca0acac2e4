package fedtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Client is a browser-like HTTP client of one instance, with its own
// cookies, that does not follow redirects so tests see each 303.
type Client struct {
	in *Instance
	hc *http.Client
}

// Response is what came back, read whole.
type Response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

// NewClient returns a client with no session.
func (in *Instance) NewClient() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{in: in, hc: &http.Client{
		Jar:     jar,
		Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

// Via returns a client with c's cookies, so the same session, whose
// requests go to process p of the instance, as a load balancer in front of
// the instance's processes would send them: same URLs, same Host header.
func (c *Client) Via(p *Process) *Client {
	var d net.Dialer
	transport := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, p.Listen)
		},
	}
	return &Client{in: c.in, hc: &http.Client{
		Jar:           c.hc.Jar,
		Transport:     transport,
		Timeout:       c.hc.Timeout,
		CheckRedirect: c.hc.CheckRedirect,
	}}
}

// Login returns a client logged in through the log-in form.
func (in *Instance) Login(t testing.TB, name, password string) *Client {
	t.Helper()
	c := in.NewClient()
	resp := c.PostForm(t, "/login", url.Values{"name": {name}, "password": {password}})
	if resp.Status != http.StatusSeeOther {
		t.Fatalf("fedtest: log in as %s on %s: %d\n%s", name, in.Host, resp.Status, resp.Body)
	}
	return c
}

// Get fetches a path as a browser would.
func (c *Client) Get(t testing.TB, path string) Response {
	t.Helper()
	return c.do(t, http.MethodGet, path, nil, http.Header{"Accept": {"text/html"}})
}

// GetActivity fetches a path as another server would, asking for
// ActivityStreams JSON, and decodes the answer into v when it is a 200.
func (c *Client) GetActivity(t testing.TB, path string, v any) Response {
	t.Helper()
	resp := c.do(t, http.MethodGet, path, nil, http.Header{"Accept": {"application/activity+json"}})
	if resp.Status == http.StatusOK && v != nil {
		if err := json.Unmarshal([]byte(resp.Body), v); err != nil {
			t.Fatalf("fedtest: decode %s: %v\n%s", path, err, resp.Body)
		}
	}
	return resp
}

// PostForm sends a form the way a browser does from one of the instance's
// own pages: the headers below are what http.CrossOriginProtection checks.
func (c *Client) PostForm(t testing.TB, path string, form url.Values) Response {
	t.Helper()
	return c.do(t, http.MethodPost, path, strings.NewReader(form.Encode()), http.Header{
		"Content-Type":   {"application/x-www-form-urlencoded"},
		"Origin":         {c.in.URL},
		"Sec-Fetch-Site": {"same-origin"},
	})
}

var selectedCommunity = regexp.MustCompile(`<option value="(\d+)" selected>`)

// CreatePost writes a text post in a local community through the
// create-post form and returns the post's id.
func (c *Client) CreatePost(t testing.TB, community, title, body string) int64 {
	t.Helper()
	form := c.Get(t, "/create_post?community="+url.QueryEscape(community))
	m := selectedCommunity.FindStringSubmatch(form.Body)
	if form.Status != http.StatusOK || m == nil {
		t.Fatalf("fedtest: the create-post form does not offer community %s: %d\n%s", community, form.Status, form.Body)
	}
	resp := c.PostForm(t, "/create_post", url.Values{"community": {m[1]}, "title": {title}, "body": {body}})
	id, ok := strings.CutPrefix(resp.Location, "/post/")
	n, err := strconv.ParseInt(id, 10, 64)
	if resp.Status != http.StatusSeeOther || !ok || err != nil {
		t.Fatalf("fedtest: create post in %s: %d, Location %q\n%s", community, resp.Status, resp.Location, resp.Body)
	}
	return n
}

// Comment replies to a post through its comment form.
func (c *Client) Comment(t testing.TB, postID int64, body string) {
	t.Helper()
	resp := c.PostForm(t, fmt.Sprintf("/post/%d/comment", postID), url.Values{"body": {body}})
	if resp.Status != http.StatusSeeOther {
		t.Fatalf("fedtest: comment on post %d: %d\n%s", postID, resp.Status, resp.Body)
	}
}

func (c *Client) do(t testing.TB, method, path string, body io.Reader, h http.Header) Response {
	t.Helper()
	req, err := http.NewRequest(method, c.in.URL+path, body)
	if err != nil {
		t.Fatalf("fedtest: %s %s: %v", method, path, err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatalf("fedtest: %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("fedtest: read the answer to %s %s: %v", method, path, err)
	}
	return Response{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location"), Header: resp.Header}
}
