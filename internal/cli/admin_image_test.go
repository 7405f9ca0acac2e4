package cli_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
	"github.com/tidings/tidings/internal/store"
)

// An admin purges an uploaded image by its address: the file is gone from
// the storage and the avatar that showed it is cleared.
func TestImagePurge(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "user", "create", "alice")
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	files, err := media.NewLocal(c.env["TIDINGS_MEDIA_DIR"], "")
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool)
	f, err := forum.Open(ctx, st, c.env["TIDINGS_SCHEME"], c.env["TIDINGS_HOST"], forum.WithMedia(files))
	if err != nil {
		t.Fatal(err)
	}
	alice, _ := f.User(ctx, "alice")
	up, err := f.SetPersonImage(ctx, alice, store.ImageAvatar, bytes.NewReader(mediatest.JPEG(500, 500)))
	if err != nil {
		t.Fatal(err)
	}
	if out := c.ok("admin", "image", "list"); !strings.HasPrefix(out, up.Key+"\tavatar\t500×500\t") ||
		!strings.Contains(out, "\talice@"+c.env["TIDINGS_HOST"]+"\t") {
		t.Fatalf("image list:\n%s", out)
	}
	c.fails(2, "--limit must be between 1 and 1000", "admin", "image", "list", "--limit", "0")
	c.fails(1, "run again with --yes", "admin", "image", "purge", up.URL)
	if _, err := files.Get(ctx, up.Key); err != nil {
		t.Fatalf("without --yes the file went: %v", err)
	}
	c.ok("admin", "image", "purge", up.URL, "--yes")
	for _, key := range []string{up.Key, up.ThumbnailKey} {
		if _, err := files.Get(ctx, key); !errors.Is(err, media.ErrNotExist) {
			t.Fatalf("%s after the purge: %v", key, err)
		}
	}
	p, _ := st.PersonByID(ctx, alice.ID)
	if p.AvatarURL != "" {
		t.Fatalf("the avatar still shows the purged image: %s", p.AvatarURL)
	}
	c.fails(1, "no image is stored", "admin", "image", "purge", up.Key, "--yes")
	c.fails(1, "is not the key or address", "admin", "image", "purge", "Not a key!", "--yes")
}

func TestImageLimits(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	if out := c.ok("admin", "image", "limits"); out != "max bytes:  10485760\nmax pixels: 25000000\n" {
		t.Fatalf("default limits:\n%s", out)
	}
	if out := c.ok("admin", "image", "limits", "--max-bytes", "2097152"); out != "max bytes:  2097152\nmax pixels: 25000000\n" {
		t.Fatalf("after setting:\n%s", out)
	}
	c.fails(1, "between 1 kB and 100 MB", "admin", "image", "limits", "--max-bytes", "5")
}
