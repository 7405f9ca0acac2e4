package worker_test

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // to read the stored thumbnail
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// pictureRig is a rig whose workers keep link previews' pictures in a
// folder, through a forum in the store image mode.
type pictureRig struct {
	*rig
	forum *forum.Service
	dir   string
}

// queue is the forum's job queue: the rig's River client, inside the
// forum's transaction.
type queue struct{ r *rig }

func (q queue) Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error {
	for _, j := range jobs {
		if _, err := q.r.river.InsertTx(ctx, tx.PgxTx(), j, nil); err != nil {
			return err
		}
	}
	return nil
}

// newPictureRig fetches pictures with private addresses allowed when
// allowPrivate, as the tests' loopback site needs.
func newPictureRig(t *testing.T, site http.HandlerFunc, allowPrivate bool) *pictureRig {
	t.Helper()
	pr := &pictureRig{dir: t.TempDir()}
	pr.rig = newRigWith(t, site, func(r *rig, d *worker.Deps) {
		files, err := media.NewLocal(pr.dir, "")
		if err != nil {
			t.Fatal(err)
		}
		pr.forum, err = forum.Open(r.ctx, r.st, "https", "test.example", forum.WithMedia(files), forum.WithJobs(queue{r}))
		if err != nil {
			t.Fatal(err)
		}
		d.Pictures, d.Images = pr.forum, media.NewFetcher(allowPrivate, "Tidings test")
	})
	return pr
}

// settled waits until the picture at url was tried for good.
func (pr *pictureRig) settled(url string) store.RemoteImage {
	pr.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ri, err := pr.st.RemoteImageByURL(pr.ctx, url)
		if err == nil && !ri.Pending() {
			return ri
		}
		if time.Now().After(deadline) {
			pr.t.Fatalf("the picture at %s was never fetched (%v)", url, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// files counts what the media folder holds.
func (pr *pictureRig) files() int {
	n := 0
	_ = filepath.WalkDir(pr.dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func ogPage(image string) string {
	return `<!doctype html><html><head><title>Harbour</title>` +
		`<meta property="og:image" content="` + image + `"></head><body>...</body></html>`
}

// A link post's page names a picture: it is fetched once, however many
// posts link there, shrunk to a thumbnail and kept here, and the post
// shows it from our own address.
func TestLinkPreviewPictureIsStoredOnce(t *testing.T) {
	t.Parallel()
	var fetched atomic.Int32
	photo := mediatest.Photo(1600, 1200)
	pr := newPictureRig(t, func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/pics/harbour.jpg":
			fetched.Add(1)
			w.Header().Set("Content-Type", "image/jpeg")
			_, _ = w.Write(photo)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, ogPage("/pics/harbour.jpg"))
		}
	}, true)
	first, job1 := pr.post("/2024/harbour")
	_, job2 := pr.post("/2024/harbour-again")
	pic := pr.site.URL + "/pics/harbour.jpg"
	if ri := pr.settled(pic); ri.Key == "" {
		t.Fatalf("the picture was refused: %s", ri.Refused)
	}
	pr.waitJob(job1)
	pr.waitJob(job2)

	post := pr.get(first.ID)
	pics, err := pr.forum.Pictures(pr.ctx, forum.RemoteImage{URL: post.ThumbnailURL, Purpose: store.ImagePost})
	if err != nil {
		t.Fatal(err)
	}
	shown := pics[post.ThumbnailURL]
	key, ok := strings.CutPrefix(shown.Thumb, "https://test.example/pictrs/image/")
	if !ok {
		t.Fatalf("the post shows its thumbnail from %q, not from here", shown.Thumb)
	}
	if shown.ThumbWidth != media.ThumbnailSize || shown.ThumbHeight != media.ThumbnailSize*3/4 {
		t.Errorf("thumbnail %d×%d, want %d×%d", shown.ThumbWidth, shown.ThumbHeight, media.ThumbnailSize, media.ThumbnailSize*3/4)
	}
	obj, err := pr.forum.OpenImage(pr.ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Body.Close()
	data, _ := io.ReadAll(obj.Body)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != shown.ThumbWidth {
		t.Errorf("stored thumbnail: %v, %d px wide", err, cfg.Width)
	}
	if len(data) >= len(photo)/4 {
		t.Errorf("the thumbnail is %d bytes, the original %d: not small", len(data), len(photo))
	}
	if n := fetched.Load(); n != 1 {
		t.Errorf("the picture was fetched %d times, want once", n)
	}
}

// What is not a picture that may be kept is refused, recorded so that it
// is not fetched again, and nothing is stored.
func TestLinkPreviewPicturesRefused(t *testing.T) {
	t.Parallel()
	served := map[string]struct {
		typ  string
		body []byte
	}{
		"text":  {"text/plain", mediatest.NotImage()},
		"bomb":  {"image/png", mediatest.PNGBomb(100_000, 100_000)},
		"large": {"image/jpeg", mediatest.Photo(1200, 1200)},
		"svg":   {"image/svg+xml", mediatest.SVG()},
		"gone":  {"", nil},
		"photo": {"image/jpeg", mediatest.JPEG(400, 300)},
	}
	site := func(w http.ResponseWriter, req *http.Request) {
		name, isImage := strings.CutPrefix(req.URL.Path, "/img/")
		if !isImage {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, ogPage("/img/"+strings.TrimPrefix(req.URL.Path, "/a/")))
			return
		}
		f, ok := served[name]
		if !ok || f.body == nil {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", f.typ)
		_, _ = w.Write(f.body)
	}
	pr := newPictureRig(t, site, true)
	if err := pr.st.SetImageLimits(pr.ctx, store.ImageLimits{MaxBytes: 64 << 10, MaxPixels: 25_000_000}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"text": "not a picture", "bomb": "pixels", "large": "larger than the limit",
		"svg": "SVG images are not accepted", "gone": "answered 404",
	}
	for name, why := range want {
		pr.post("/a/" + name)
		ri := pr.settled(pr.site.URL + "/img/" + name)
		if ri.Key != "" || !strings.Contains(ri.Refused, why) {
			t.Errorf("%s: kept %q, refused for %q; want refused for %q", name, ri.Key, ri.Refused, why)
		}
	}
	if n := pr.files(); n != 0 {
		t.Errorf("%d files stored from refused pictures", n)
	}

	// Without the tests' allowance, a picture at a loopback address is
	// not even asked for.
	var asked atomic.Int32
	strict := newPictureRig(t, func(w http.ResponseWriter, req *http.Request) {
		if strings.HasPrefix(req.URL.Path, "/img/") {
			asked.Add(1)
		}
		site(w, req)
	}, false)
	strict.post("/a/photo")
	ri := strict.settled(strict.site.URL + "/img/photo")
	if ri.Key != "" || !strings.Contains(ri.Refused, "private or local address") || asked.Load() != 0 {
		t.Errorf("a loopback picture: kept %q, refused for %q, asked %d times", ri.Key, ri.Refused, asked.Load())
	}
	if n := strict.files(); n != 0 {
		t.Errorf("%d files stored from a loopback address", n)
	}
}
