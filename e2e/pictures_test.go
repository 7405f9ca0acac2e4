package e2e_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
	"github.com/tidings/tidings/internal/media/mediatest"
)

var imgSrc = regexp.MustCompile(`<img[^>]* src="([^"]+)"`)

// pictureSources are the addresses of a page's pictures.
func pictureSources(page string) []string {
	var out []string
	for _, m := range imgSrc.FindAllStringSubmatch(page, -1) {
		out = append(out, strings.ReplaceAll(m[1], "&amp;", "&"))
	}
	return out
}

// shownFrom waits until page shows a picture (its class given by
// marker, as `class="thumb"`) and every picture on it comes from in,
// and answers their addresses.
func shownFrom(t *testing.T, c *fedtest.Client, in *fedtest.Instance, path, marker string) []string {
	t.Helper()
	var srcs []string
	fedtest.WaitFor(t, deliveryTimeout, path+" on "+in.Host+" shows its pictures from there", func() (bool, string) {
		page := c.Get(t, path).Body
		srcs = pictureSources(page)
		if !strings.Contains(page, marker) || len(srcs) == 0 {
			return false, "no " + marker
		}
		for _, s := range srcs {
			if !strings.HasPrefix(s, in.URL+"/pictrs/") {
				return false, "a picture from " + s
			}
		}
		return true, ""
	})
	return srcs
}

// loads fetches each picture from in as a browser would, and fails the
// test unless each is an image.
func loads(t *testing.T, c *fedtest.Client, in *fedtest.Instance, srcs []string) {
	t.Helper()
	for _, s := range srcs {
		r := c.Get(t, strings.TrimPrefix(s, in.URL))
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "image/") {
			t.Errorf("%s: %d %s\n%s", s, r.Status, r.Header.Get("Content-Type"), r.Body)
		}
	}
}

// A's link post (whose page names a picture), its author's avatar and
// its community's icon reach B, which keeps them (the store mode) and C,
// which proxies them; once A and the linked site are gone, both still
// show every picture, from their own address.
func TestRemotePicturesOutliveTheirServer(t *testing.T) {
	t.Parallel()
	var asked atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pics/lighthouse.jpg" {
			asked.Add(1)
			w.Header().Set("Content-Type", "image/jpeg")
			_, _ = w.Write(mediatest.Photo(1200, 900))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, `<!doctype html><html><head><title>The lighthouse</title>`+
			`<meta property="og:image" content="/pics/lighthouse.jpg"></head><body>…</body></html>`)
	}))
	defer site.Close()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.60"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.61"})
	c := fedtest.Start(t, fedtest.Options{IP: "127.0.0.62"})
	if out := c.Admin(t, "", "site", "set", "--image-mode", "proxy"); !strings.Contains(out, "saved") {
		t.Fatalf("set the image mode on C: %s", out)
	}
	if out := c.Admin(t, "", "site", "show"); !strings.Contains(out, "images:       proxy") {
		t.Fatalf("C's settings after setting the proxy mode:\n%s", out)
	}

	a.CreateUser(t, "anna", "correct horse battery")
	a.CreateCommunity(t, "coast", "Coast", "anna")
	anna := a.Login(t, "anna", "correct horse battery")
	anna.UploadPicture(t, "avatar", mediatest.JPEG(400, 400))
	if r := anna.PostFile(t, "/c/coast/pictures", url.Values{"purpose": {"community_icon"}}, "image", "icon.png",
		mediatest.PNG(256, 256, false)); r.Status != http.StatusSeeOther {
		t.Fatalf("upload the community's icon: %d\n%s", r.Status, r.Body)
	}
	form := anna.Get(t, "/create_post?community=coast")
	m := regexp.MustCompile(`<option value="(\d+)" selected>`).FindStringSubmatch(form.Body)
	if m == nil {
		t.Fatalf("the create-post form: %d", form.Status)
	}
	if r := anna.PostForm(t, "/create_post", url.Values{"community": {m[1]}, "title": {"The lighthouse is lit again"},
		"url": {site.URL + "/lighthouse"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("create the link post: %d\n%s", r.Status, r.Body)
	}
	// A keeps the linked page's picture and shows its own thumbnail.
	shownFrom(t, anna, a, "/c/coast", `class="thumb"`)

	for _, in := range []*fedtest.Instance{b, c} {
		in.CreateUser(t, "bert", "correct horse battery")
		bert := in.Login(t, "bert", "correct horse battery")
		remote := subscribe(t, bert, "coast", a.Host)
		fedtest.WaitFor(t, deliveryTimeout, "the post reaches "+in.Host, func() (bool, string) {
			return rowOf(bert.Get(t, remote).Body, "The lighthouse is lit again") != "", ""
		})
	}
	annasPost, err := strconv.ParseInt(strings.TrimPrefix(postOn(t, anna, "/c/coast", "The lighthouse is lit again"), "/post/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	anna.Comment(t, annasPost, "Photo by me, from the pier.")

	// What each shows, before A goes: C's proxied pictures load through C.
	type view struct {
		in     *fedtest.Instance
		client *fedtest.Client
		paths  map[string]string // page → the picture it must show
	}
	var views []view
	for _, in := range []*fedtest.Instance{b, c} {
		bert := in.Login(t, "bert", "correct horse battery")
		remote := "/c/" + url.PathEscape("coast@"+a.Host)
		post := postOn(t, bert, remote, "The lighthouse is lit again")
		v := view{in: in, client: bert, paths: map[string]string{
			remote:                                 `class="thumb"`,
			post:                                   `class="avatar"`,
			"/u/" + url.PathEscape("anna@"+a.Host): `class="avatar"`,
		}}
		fedtest.WaitFor(t, deliveryTimeout, "anna's comment reaches "+in.Host, func() (bool, string) {
			return strings.Contains(bert.Get(t, post).Body, "Photo by me, from the pier."), ""
		})
		for path, marker := range v.paths {
			loads(t, bert, in, shownFrom(t, bert, in, path, marker))
		}
		if page := bert.Get(t, remote).Body; !strings.Contains(page, `class="icon"`) {
			t.Errorf("%s on %s shows no community icon:\n%s", remote, in.Host, between(page, `<aside`, `</aside>`))
		}
		views = append(views, v)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("the linked site was asked for its picture %d times, want once (by A)", n)
	}

	a.Stop(t)
	site.Close()
	for _, v := range views {
		for path, marker := range v.paths {
			loads(t, v.client, v.in, shownFrom(t, v.client, v.in, path, marker))
		}
	}
}

// postOn is the local path of the post titled title in a listing.
func postOn(t *testing.T, c *fedtest.Client, listing, title string) string {
	t.Helper()
	id := rowOf(c.Get(t, listing).Body, title)
	if id == "" {
		t.Fatalf("%s does not list %q", listing, title)
	}
	return "/post/" + id
}

var rowID = regexp.MustCompile(`<article class="post-row[^"]*" id="p(\d+)">`)

// rowOf is the id of the listing row that holds title, a link post's
// whose title links to its link rather than to the post.
func rowOf(page, title string) string {
	i := strings.Index(page, title)
	if i < 0 {
		return ""
	}
	rows := rowID.FindAllStringSubmatch(page[:i], -1)
	if len(rows) == 0 {
		return ""
	}
	return rows[len(rows)-1][1]
}
