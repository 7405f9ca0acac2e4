package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// pictureSite is another server with pictures, counting what it is asked.
func pictureSite(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var asked atomic.Int32
	photo := mediatest.JPEG(800, 600)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if !strings.HasSuffix(r.URL.Path, ".jpg") {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, "not a picture")
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(photo)
	}))
	t.Cleanup(srv.Close)
	return srv, &asked
}

// linkPicture gives a post the picture at url, as the link preview's job
// does.
func linkPicture(t *testing.T, w *world, title, url string) store.Post {
	t.Helper()
	p := w.post(t, w.alice, title, "")
	if err := w.s.Store.SetLinkMetadata(context.Background(), p.ID, "", "", "", url); err != nil {
		t.Fatal(err)
	}
	return p
}

func setImageMode(t *testing.T, admin *webtest.Client, mode string) {
	t.Helper()
	wantRedirect(t, admin.Post("/admin/site", siteForm("image_mode", mode)), "/admin/site?saved=1")
}

// A post's picture on another server shows beside it in every listing
// only from our own address once kept (the store mode), and not at all
// before; through our proxy, which keeps it at the first view (proxy);
// from its server (link). Nothing a page shows sends a reader elsewhere.
func TestListingsShowPicturesFromHere(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	if _, err := w.s.Forum.CreateUser(ctx, forum.NewUser{Name: "root", Password: password, Admin: true}); err != nil {
		t.Fatal(err)
	}
	admin, anon := w.s.Login("root", password), w.s.NewClient()
	site, asked := pictureSite(t)
	kept := linkPicture(t, w, "Harbour at dawn", site.URL+"/dawn.jpg")
	home := anon.Get("/")
	wantNotContains(t, home.Body, site.URL, `class="thumb"`)

	if _, err := w.s.Forum.FetchRemoteImage(ctx, media.NewFetcher(true, "test"), site.URL+"/dawn.jpg"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, w.c.Post("/post/"+id(kept.ID)+"/save", form("return", "/saved")), http.StatusSeeOther)
	thumb := `<img src="` + w.s.URL + `/pictrs/image/`
	for _, path := range []string{"/", "/c/news", "/u/alice", "/search?q=dawn", "/saved"} {
		body := w.c.Get(path).Body
		wantContains(t, body, `class="thumb"`, thumb, `width="70" height="70" alt="" loading="lazy" referrerpolicy="no-referrer"`)
		wantNotContains(t, body, site.URL)
	}
	page := anon.Get("/post/" + id(kept.ID)).Body
	wantContains(t, page, `<a class="preview"`, thumb, `alt="Harbour at dawn"`)
	wantNotContains(t, page, `src="`+site.URL)

	// The proxy: the first view fetches and keeps it, then it is ours.
	setImageMode(t, admin, store.ImageModeProxy)
	linkPicture(t, w, "Harbour at noon", site.URL+"/noon.jpg")
	proxied := w.s.URL + "/pictrs/proxy?url=" + url.QueryEscape(site.URL+"/noon.jpg") + "&size=thumbnail"
	wantContains(t, anon.Get("/").Body, `src="`+strings.ReplaceAll(proxied, "&", "&amp;")+`"`)
	before := asked.Load()
	r := anon.Get(strings.TrimPrefix(proxied, w.s.URL))
	wantStatus(t, r, http.StatusOK)
	if r.Header.Get("Content-Type") != "image/jpeg" || r.Header.Get("Cache-Control") != media.CacheControl {
		t.Errorf("proxied picture: %s, %s", r.Header.Get("Content-Type"), r.Header.Get("Cache-Control"))
	}
	anon.Get(strings.TrimPrefix(proxied, w.s.URL))
	if n := asked.Load() - before; n != 1 {
		t.Errorf("the other server was asked %d times for one picture shown twice", n)
	}
	wantNotContains(t, anon.Get("/").Body, "/pictrs/proxy", site.URL)

	// What is not a picture is refused and shows as none; an address no
	// page shows is not fetched at all.
	linkPicture(t, w, "Harbour at dusk", site.URL+"/dusk.html")
	anon.Get("/")
	r = anon.Get("/pictrs/proxy?url=" + url.QueryEscape(site.URL+"/dusk.html"))
	wantError(t, r, http.StatusNotFound, "The address is not a picture but text/plain.")
	wantNotContains(t, anon.Get("/").Body, url.QueryEscape(site.URL+"/dusk.html"))
	before = asked.Load()
	wantStatus(t, anon.Get("/pictrs/proxy?url="+url.QueryEscape(site.URL+"/other.jpg")), http.StatusNotFound)
	wantStatus(t, anon.Get("/pictrs/proxy?url="+url.QueryEscape("http://127.0.0.1:1/x.jpg")), http.StatusNotFound)
	if asked.Load() != before {
		t.Error("the proxy fetched an address no page shows")
	}

	// Link: the origin's address, as the admin chose.
	setImageMode(t, admin, store.ImageModeLink)
	linkPicture(t, w, "Harbour at night", site.URL+"/night.jpg")
	wantContains(t, anon.Get("/").Body, `src="`+site.URL+`/night.jpg" width="70" height="70"`)
}

// Threads show each author's avatar, small, beside their name, from the
// thumbnail rather than the whole picture.
func TestThreadShowsAvatars(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	up, err := w.s.Forum.SetPersonImage(t.Context(), w.alice, store.ImageAvatar, bytes.NewReader(mediatest.JPEG(600, 600)))
	if err != nil {
		t.Fatal(err)
	}
	post := w.post(t, w.alice, "Avatars", "")
	w.comment(t, w.alice, post.ID, 0, "With a face.")
	page := w.s.NewClient().Get("/post/" + id(post.ID)).Body
	wantContains(t, page, `<img class="avatar" src="`+up.ThumbnailURL+`" width="20" height="20" alt="" loading="lazy" referrerpolicy="no-referrer"><a class="author"`)
	profile := w.s.NewClient().Get("/u/alice").Body
	wantContains(t, profile, `<img class="avatar" src="`+up.ThumbnailURL+`" width="80" height="80" alt="alice's avatar"`)
}

// linkMode shows other servers' pictures from their own addresses.
func linkMode(t *testing.T, s *webtest.Server) {
	t.Helper()
	mode := store.ImageModeLink
	if err := s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{ImageMode: &mode}); err != nil {
		t.Fatal(err)
	}
}

// An admin sees the newest pictures on /admin/purge, uploaded or kept
// from elsewhere, and purges one: its files go, and nothing shows it.
func TestAdminPurgesAPicture(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	if _, err := w.s.Forum.CreateUser(ctx, forum.NewUser{Name: "root", Password: password, Admin: true}); err != nil {
		t.Fatal(err)
	}
	admin := w.s.Login("root", password)
	site, _ := pictureSite(t)
	post := linkPicture(t, w, "Harbour at dawn", site.URL+"/dawn.jpg")
	w.s.NewClient().Get("/") // the page notes the picture
	kept, err := w.s.Forum.FetchRemoteImage(ctx, media.NewFetcher(true, "test"), site.URL+"/dawn.jpg")
	if err != nil {
		t.Fatal(err)
	}
	avatar, err := w.s.Forum.SetPersonImage(ctx, w.alice, store.ImageAvatar, bytes.NewReader(mediatest.JPEG(300, 300)))
	if err != nil {
		t.Fatal(err)
	}
	page := admin.Get("/admin/purge")
	wantContains(t, page.Body, `<h2 id="images">Pictures</h2>`, `src="`+avatar.ThumbnailURL+`"`, "uploaded by alice@",
		`from <span class="source">`+site.URL+`/dawn.jpg</span>`, `src="`+kept.Thumb+`"`)
	wantError(t, w.c.Get("/admin/purge"), http.StatusForbidden, "alice is not one of them")
	wantError(t, w.c.Post("/admin/purge/image", form("key", avatar.Key)), http.StatusForbidden, "alice is not one of them")

	key := kept.URL[strings.LastIndexByte(kept.URL, '/')+1:]
	wantRedirect(t, admin.Post("/admin/purge/image", form("key", key)), "/admin/purge?purged="+key+"#images")
	wantContains(t, admin.Get("/admin/purge?purged="+key).Body, "Purged "+key)
	wantNotContains(t, admin.Get("/admin/purge").Body, kept.Thumb)
	wantStatus(t, w.s.NewClient().Get(strings.TrimPrefix(kept.URL, w.s.URL)), http.StatusNotFound)
	wantNotContains(t, w.s.NewClient().Get("/post/"+id(post.ID)).Body, kept.Thumb, site.URL+"/dawn.jpg\"")
	wantError(t, admin.Post("/admin/purge/image", form("key", "nonsense")), http.StatusNotFound,
		"No image is stored under nonsense")
}
