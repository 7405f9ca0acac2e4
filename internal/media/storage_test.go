package media_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
)

func TestLocalStorage(t *testing.T) {
	t.Parallel()
	s, err := media.NewLocal(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	testStorage(t, s)
}

func TestS3Storage(t *testing.T) {
	t.Parallel()
	cfg := mediatest.StartS3(t)
	s, err := media.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	testStorage(t, s)
	// A second client, as on another machine, reads what the first wrote.
	other, err := media.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, "0123456789abcdef0123456789abcdef.png", "shared")
	if got := get(t, other, "0123456789abcdef0123456789abcdef.png"); got != "shared" {
		t.Fatalf("second client read %q", got)
	}
}

func TestPublicBaseURL(t *testing.T) {
	t.Parallel()
	own, _ := media.NewLocal(t.TempDir(), "")
	cdn, _ := media.NewLocal(t.TempDir(), "https://cdn.example.org/media/")
	if own.URL("ab.png") != "" {
		t.Fatal("without a public base the files are served by Tidings")
	}
	if got := cdn.URL("ab.png"); got != "https://cdn.example.org/media/ab.png" {
		t.Fatalf("URL %q", got)
	}
}

// testStorage is what every driver must do.
func testStorage(t *testing.T, s media.Storage) {
	t.Helper()
	ctx := context.Background()
	key := "ffeeddccbbaa99887766554433221100.jpg"
	put(t, s, key, "first")
	put(t, s, key, "second") // same key again: replaced, not refused
	obj, err := s.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(obj.Body)
	obj.Body.Close()
	if string(body) != "second" || obj.Size != 6 || obj.ContentType != "image/jpeg" {
		t.Fatalf("got %q, %d bytes, %q", body, obj.Size, obj.ContentType)
	}
	if _, err := s.Get(ctx, "00000000000000000000000000000000.png"); !errors.Is(err, media.ErrNotExist) {
		t.Fatalf("missing key: %v, want ErrNotExist", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, key); !errors.Is(err, media.ErrNotExist) {
		t.Fatalf("deleted key: %v, want ErrNotExist", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("deleting twice: %v", err)
	}
	for _, bad := range []string{"../etc/passwd", "a/b.png", "", ".hidden", "UPPER.png"} {
		if err := s.Put(ctx, bad, strings.NewReader("x"), 1, "image/png"); err == nil {
			t.Fatalf("key %q accepted", bad)
		}
		if _, err := s.Get(ctx, bad); !errors.Is(err, media.ErrNotExist) {
			t.Fatalf("Get(%q): %v", bad, err)
		}
	}
}

func put(t *testing.T, s media.Storage, key, body string) {
	t.Helper()
	if err := s.Put(context.Background(), key, bytes.NewReader([]byte(body)), int64(len(body)), media.ContentTypeOfKey(key)); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, s media.Storage, key string) string {
	t.Helper()
	obj, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Body.Close()
	b, _ := io.ReadAll(obj.Body)
	return string(b)
}

func TestLocalStorageMakesItsFolderOnFirstPut(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "var", "media")
	s, err := media.NewLocal(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("opening the storage made its folder: %v", err)
	}
	put(t, s, "0123456789abcdef0123456789abcdef.gif", "GIF89a")
	if got := get(t, s, "0123456789abcdef0123456789abcdef.gif"); got != "GIF89a" {
		t.Fatalf("read back %q", got)
	}
}
