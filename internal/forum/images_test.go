package forum_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/store"
)

func newMediaEnv(t *testing.T) (*env, media.Storage) {
	t.Helper()
	ctx := context.Background()
	files, err := media.NewLocal(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(dbtest.New(t))
	svc, err := forum.Open(ctx, st, "https", host, forum.WithMedia(files))
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: ctx, st: st, svc: svc}, files
}

// Two people upload the same picture: one file, two uploads. Deleting one
// keeps the file for the other; deleting the last removes it.
func TestSharedFileOutlivesEachUpload(t *testing.T) {
	t.Parallel()
	e, files := newMediaEnv(t)
	ann, ben := e.createUser("ann"), e.createUser("ben")
	pic := mediatest.PNG(400, 400, false)
	a, err := e.svc.UploadImage(e.ctx, ann, store.ImageMarkdown, bytes.NewReader(pic))
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.svc.SetPersonImage(e.ctx, ben, store.ImageAvatar, bytes.NewReader(pic))
	if err != nil {
		t.Fatal(err)
	}
	if a.Key != b.Key || a.ID == b.ID {
		t.Fatalf("same picture: keys %s %s, ids %d %d", a.Key, b.Key, a.ID, b.ID)
	}
	if err := e.svc.DeleteImage(e.ctx, ben, a.ID); !errors.Is(err, forum.ErrForbidden) {
		t.Fatalf("ben deleted ann's upload: %v", err)
	}
	if err := e.svc.DeleteImage(e.ctx, ann, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := files.Get(e.ctx, b.Key); err != nil {
		t.Fatalf("ben's avatar lost its file with ann's upload: %v", err)
	}
	if p, _ := e.st.PersonByID(e.ctx, ben.ID); p.AvatarURL != b.URL {
		t.Fatalf("ben's avatar changed to %q", p.AvatarURL)
	}
	if err := e.svc.DeleteImage(e.ctx, ben, b.ID); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{b.Key, b.ThumbnailKey} {
		if _, err := files.Get(e.ctx, k); !errors.Is(err, media.ErrNotExist) {
			t.Fatalf("%s after the last upload went: %v", k, err)
		}
	}
	if p, _ := e.st.PersonByID(e.ctx, ben.ID); p.AvatarURL != "" {
		t.Fatalf("ben's avatar still shows the deleted picture: %q", p.AvatarURL)
	}
}

// The admin's limits apply to the next upload, and only admins set them.
func TestImageLimitsApply(t *testing.T) {
	t.Parallel()
	e, _ := newMediaEnv(t)
	ann := e.createUser("ann")
	if err := e.svc.SetImageLimits(e.ctx, forum.AsUser(ann), media.Limits{MaxBytes: 1 << 20, MaxPixels: 10_000}); !errors.Is(err, forum.ErrForbidden) {
		t.Fatalf("a non-admin set the limits: %v", err)
	}
	if err := e.svc.SetImageLimits(e.ctx, forum.Operator, media.Limits{MaxBytes: 1 << 20, MaxPixels: 10_000}); err != nil {
		t.Fatal(err)
	}
	_, err := e.svc.UploadImage(e.ctx, ann, store.ImageMarkdown, bytes.NewReader(mediatest.PNG(101, 100, false)))
	inputError(t, "an image over the pixel limit", err, "image")
	if _, err := e.svc.UploadImage(e.ctx, ann, store.ImageMarkdown, bytes.NewReader(mediatest.PNG(100, 100, false))); err != nil {
		t.Fatalf("an image within the limit: %v", err)
	}
}

// A fetched image (the seam for link thumbnails) goes through the same
// checks, and has no uploader.
func TestStoreFetchedImage(t *testing.T) {
	t.Parallel()
	e, _ := newMediaEnv(t)
	if _, err := e.svc.StoreFetchedImage(e.ctx, store.ImagePost, mediatest.SVG()); err == nil {
		t.Fatal("a fetched SVG was stored")
	}
	up, err := e.svc.StoreFetchedImage(e.ctx, store.ImagePost, mediatest.WebP())
	if err != nil {
		t.Fatal(err)
	}
	if up.UploaderID != nil || up.ContentType != "image/jpeg" {
		t.Fatalf("fetched image recorded as %+v", up.Image)
	}
}
