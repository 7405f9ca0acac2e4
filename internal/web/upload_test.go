package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/web/webtest"
)

var imageURLRE = regexp.MustCompile(`/pictrs/image/[0-9a-f]{32}\.(jpg|png|gif)`)

// upload sends one file from the pictures page and answers the address of
// the stored image, as the page shows it after the redirect.
func upload(t *testing.T, c *webtest.Client, purpose string, data []byte) string {
	t.Helper()
	r := c.PostMultipart("/settings/pictures", url.Values{"purpose": {purpose}},
		map[string]webtest.File{"image": {Name: "photo.jpg", Data: data}})
	wantStatus(t, r, http.StatusSeeOther)
	page := c.Get(r.Location)
	wantStatus(t, page, http.StatusOK)
	m := regexp.MustCompile(`<code id="saved-markdown">!\[\]\(([^)]+)\)</code>`).FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("the page after the upload shows no markdown for it\n%s", excerpt(page.Body))
	}
	return m[1]
}

// fetchImage GETs a stored image as a browser would and checks the
// headers that keep it safe and cached.
func fetchImage(t *testing.T, s *webtest.Server, imageURL string) (contentType string, body []byte) {
	t.Helper()
	resp, err := http.Get(imageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", imageURL, resp.StatusCode)
	}
	h := resp.Header
	if h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
		!strings.Contains(h.Get("Cache-Control"), "immutable") || !strings.Contains(h.Get("Cache-Control"), "max-age=31536000") {
		t.Fatalf("image served with headers %v", h)
	}
	return h.Get("Content-Type"), buf.Bytes()
}

func TestUploadEachFormat(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"jpeg", mediatest.JPEG(500, 300), "image/jpeg"},
		{"png", mediatest.PNG(64, 64, true), "image/png"},
		{"webp", mediatest.WebP(), "image/jpeg"},
		{"avif", mediatest.AVIF(), "image/jpeg"},
		{"animated gif", mediatest.AnimatedGIF(40, 30, 4), "image/gif"},
	} {
		u := upload(t, w.c, "markdown", c.data)
		if !strings.HasPrefix(u, w.s.URL+"/pictrs/image/") {
			t.Fatalf("%s: stored at %s, want our /pictrs/image/", c.name, u)
		}
		ct, body := fetchImage(t, w.s, u)
		cfg, format, err := image.DecodeConfig(bytes.NewReader(body))
		if ct != c.want || err != nil || "image/"+format != c.want || cfg.Width == 0 {
			t.Fatalf("%s: served as %s, decodes as %s (%v)", c.name, ct, format, err)
		}
	}
	page := w.c.Get("/settings/pictures")
	if n := len(imageURLRE.FindAllString(mainOf(page.Body), -1)); n < 4 {
		t.Fatalf("the uploads list shows %d image addresses, want the 4 uploads", n)
	}
}

func TestUploadedAvatarHasNoEXIFAndShowsOnProfile(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	u := upload(t, w.c, "avatar", mediatest.JPEGWithGPS(80, 40))
	_, body := fetchImage(t, w.s, u)
	for _, leak := range []string{"Exif", mediatest.CameraMake, "GPS"} {
		if bytes.Contains(body, []byte(leak)) {
			t.Fatalf("the stored avatar still contains %q", leak)
		}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil || cfg.Width != 40 || cfg.Height != 80 {
		t.Fatalf("avatar is %d×%d (%v); the camera's orientation makes it 40×80", cfg.Width, cfg.Height, err)
	}
	profile := w.c.Get("/u/alice")
	wantContains(t, profile.Body, `src="`+u+`"`)
}

func TestUploadRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	cases := []struct {
		name string
		data []byte
		says string
	}{
		{"not an image", mediatest.NotImage(), "not an image"},
		{"svg", mediatest.SVG(), "SVG images are not accepted"},
		{"polyglot", mediatest.Polyglot(), "another kind of document"},
		{"image bomb", mediatest.PNGBomb(50000, 50000), "50000×50000 pixels"},
		{"over the size limit", append(mediatest.JPEG(8, 8), make([]byte, 11<<20)...), "larger than the limit of 10 MB"},
	}
	for _, c := range cases {
		r := w.c.PostMultipart("/settings/pictures", url.Values{"purpose": {"avatar"}},
			map[string]webtest.File{"image": {Name: "cat.png", Data: c.data}})
		if r.Status < 400 || r.Status > 499 {
			t.Fatalf("%s: status %d, want 4xx", c.name, r.Status)
		}
		wantContains(t, r.Body, c.says)
	}
	// Logged out: sent to log in; and from another site: refused.
	anon := w.s.NewClient().PostMultipart("/settings/pictures", url.Values{"purpose": {"avatar"}},
		map[string]webtest.File{"image": {Name: "a.jpg", Data: mediatest.JPEG(8, 8)}})
	if anon.Status != http.StatusSeeOther || !strings.HasPrefix(anon.Location, "/login") {
		t.Fatalf("logged-out upload: %d %s", anon.Status, anon.Location)
	}
	if got := count(t, w.s, `SELECT count(*) FROM images`); got != 0 {
		t.Fatalf("%d images recorded after refusals", got)
	}
	if n := filesIn(t, w.s.MediaDir); n != 0 {
		t.Fatalf("%d files stored after refusals", n)
	}
	if av := count(t, w.s, `SELECT count(*) FROM people WHERE avatar_url IS NOT NULL`); av != 0 {
		t.Fatal("a refused upload set an avatar")
	}
}

func TestBannedUserCannotUpload(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if _, err := w.s.Forum.BanUser(context.Background(), "alice", "spam"); err != nil {
		t.Fatal(err)
	}
	r := w.c.PostMultipart("/settings/pictures", url.Values{"purpose": {"avatar"}},
		map[string]webtest.File{"image": {Name: "a.jpg", Data: mediatest.JPEG(8, 8)}})
	if r.Status == http.StatusSeeOther && !strings.HasPrefix(r.Location, "/login") || r.Status == http.StatusOK {
		t.Fatalf("banned upload: %d %s", r.Status, r.Location)
	}
	if got := count(t, w.s, `SELECT count(*) FROM images`); got != 0 {
		t.Fatal("a banned person's upload was stored")
	}
	// The rule itself, whatever the session says.
	alice := w.alice
	alice.Banned = true
	if _, err := w.s.Forum.UploadImage(context.Background(), alice, "avatar", bytes.NewReader(mediatest.JPEG(8, 8))); err == nil {
		t.Fatal("the forum let a banned person upload")
	}
}

func TestDeleteOwnUpload(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	u := upload(t, w.c, "avatar", mediatest.JPEG(400, 400))
	var id int64
	if err := w.s.Pool.QueryRow(context.Background(), `SELECT id FROM images`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	_, bob := w.user(t, "bob")
	wantStatus(t, bob.Post("/settings/pictures/"+itoa(id)+"/delete", nil), http.StatusForbidden)
	fetchImage(t, w.s, u) // still there
	wantStatus(t, w.c.Post("/settings/pictures/"+itoa(id)+"/delete", nil), http.StatusSeeOther)
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("deleted image answers %d", resp.StatusCode)
	}
	wantNotContains(t, w.c.Get("/u/alice").Body, u)
	if n := filesIn(t, w.s.MediaDir); n != 0 {
		t.Fatalf("%d files left after the delete", n)
	}
}

func TestImageRouteRefusesOtherNames(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, p := range []string{"/pictrs/image/..%2F..%2Fetc%2Fpasswd", "/pictrs/image/0123456789abcdef0123456789abcdef.jpg", "/pictrs/image/x.svg"} {
		r := w.c.Get(p)
		if r.Status != http.StatusNotFound {
			t.Fatalf("%s: %d", p, r.Status)
		}
	}
}

func TestPostWithUploadedPicture(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.c.PostMultipart("/create_post", url.Values{"community": {itoa(w.comm.ID)}, "title": {"A picture"},
		"body": {"Look at this."}, "language": {"und"}},
		map[string]webtest.File{"image": {Name: "p.jpg", Data: mediatest.JPEG(1200, 800)},
			"body_image": {Name: "q.png", Data: mediatest.PNG(30, 30, false)}})
	wantStatus(t, r, http.StatusSeeOther)
	postID := mustID(t, strings.TrimPrefix(r.Location, "/post/"))
	p := getPost(t, w.s, postID)
	if !imageURLRE.MatchString(p.URL) || !imageURLRE.MatchString(p.ThumbnailURL) || p.URL == p.ThumbnailURL {
		t.Fatalf("post url %q thumbnail %q", p.URL, p.ThumbnailURL)
	}
	if !strings.Contains(p.Body, "Look at this.\n\n![](") {
		t.Fatalf("the text's picture was not added as markdown: %q", p.Body)
	}
	thread := w.c.Get(r.Location)
	wantContains(t, thread.Body, `<img class="picture" src="`+p.URL+`" width="1200" height="800"`)
	fetchImage(t, w.s, p.ThumbnailURL)
	listing := w.c.Get("/c/news")
	wantContains(t, listing.Body, p.ThumbnailURL)

	// Other servers get it as Lemmy sends an image post: the picture as
	// the Page's Image attachment, the thumbnail as its image.
	var page struct {
		Attachment []struct{ Type, URL, MediaType string } `json:"attachment"`
		Image      struct{ Type, URL string }              `json:"image"`
	}
	getJSON(t, w.s.URL+r.Location, &page)
	if len(page.Attachment) != 1 || page.Attachment[0].Type != "Image" || page.Attachment[0].URL != p.URL ||
		page.Attachment[0].MediaType != "image/jpeg" || page.Image.Type != "Image" || page.Image.URL != p.ThumbnailURL {
		t.Fatalf("the Page carries %+v and image %+v", page.Attachment, page.Image)
	}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Accept", "application/activity+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("decode %s: %v", u, err)
	}
}

func filesIn(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func itoa(n int64) string { return id(n) }

func TestModeratorUploadsCommunityIcon(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if err := w.s.Store.AddModerator(context.Background(), w.comm.ID, w.alice.ID); err != nil {
		t.Fatal(err)
	}
	_, bob := w.user(t, "bob")
	send := func(c *webtest.Client) webtest.Response {
		return c.PostMultipart("/c/news/pictures", url.Values{"purpose": {"community_icon"}},
			map[string]webtest.File{"image": {Name: "icon.png", Data: mediatest.PNG(600, 300, false)}})
	}
	wantStatus(t, send(bob), http.StatusForbidden)
	if got := count(t, w.s, `SELECT count(*) FROM images`); got != 0 {
		t.Fatal("a stranger's community icon was stored")
	}
	wantRedirect(t, send(w.c), "/c/news/moderation")
	page := w.c.Get("/c/news")
	m := regexp.MustCompile(`<img class="icon" src="([^"]+)" width="64" height="64" alt="World News's icon" loading="lazy"`).FindStringSubmatch(page.Body)
	if m == nil || !imageURLRE.MatchString(m[1]) {
		t.Fatalf("the community page shows no uploaded icon with its size\n%s", excerpt(page.Body))
	}
	var group struct {
		Icon struct{ Type, URL string } `json:"icon"`
	}
	getJSON(t, w.s.URL+"/c/news", &group)
	// Other servers get the whole picture; the page shows its thumbnail.
	key, thumb := group.Icon.URL[strings.LastIndexByte(group.Icon.URL, '/')+1:], m[1][strings.LastIndexByte(m[1], '/')+1:]
	if group.Icon.Type != "Image" || count(t, w.s, `SELECT count(*) FROM images WHERE key = $1 AND thumbnail_key = $2`, key, thumb) != 1 {
		t.Fatalf("the Group's icon is %+v, not the picture whose thumbnail the page shows (%s)", group.Icon, m[1])
	}
}

func TestCommentWithPicture(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	post := w.post(t, w.alice, "Pictures welcome", "")
	r := w.c.PostMultipart("/post/"+itoa(post.ID)+"/comment", url.Values{"body": {"Here it is:"}},
		map[string]webtest.File{"body_image": {Name: "c.gif", Data: mediatest.AnimatedGIF(20, 20, 2)}})
	wantStatus(t, r, http.StatusSeeOther)
	thread := w.c.Get("/post/" + itoa(post.ID))
	m := regexp.MustCompile(`<img src="(` + regexp.QuoteMeta(w.s.URL) + `/pictrs/image/[0-9a-f]{32}\.gif)"`).FindStringSubmatch(thread.Body)
	if m == nil {
		t.Fatalf("the comment shows no uploaded picture\n%s", excerpt(thread.Body))
	}
	if ct, _ := fetchImage(t, w.s, m[1]); ct != "image/gif" {
		t.Fatalf("served as %s", ct)
	}
	// Without a picture the form still posts as before.
	wantStatus(t, w.c.Post("/post/"+itoa(post.ID)+"/comment", url.Values{"body": {"Plain words."}}), http.StatusSeeOther)
}
