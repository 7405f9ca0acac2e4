package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Storage keeps files by key. Keys are flat names made by this package
// (see validKey), never paths a person chose, so a driver may map them
// to a file or an object without escaping.
type Storage interface {
	// Put stores size bytes from r under key, replacing what was there.
	Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error
	// Get opens the file under key; it reports ErrNotExist when there is none.
	Get(ctx context.Context, key string) (*Object, error)
	// Delete removes the file under key; a missing file is not an error,
	// so a purge that was interrupted can simply run again.
	Delete(ctx context.Context, key string) error
	// URL is where browsers may fetch key directly (a CDN or a public
	// bucket), or "" when Tidings serves it itself.
	URL(key string) string
}

// Object is an open stored file; the caller closes Body.
type Object struct {
	Body        io.ReadCloser
	Size        int64
	ContentType string
	Modified    time.Time
}

// ErrNotExist: no file is stored under the key.
var ErrNotExist = errors.New("media: no such file")

// validKey accepts the names this package makes: lower-case letters,
// digits, '_', '-' and one '.', nothing that could climb out of a folder.
func validKey(key string) error {
	if key == "" || len(key) > 128 || strings.Count(key, ".") > 1 || key[0] == '.' {
		return fmt.Errorf("media: invalid key %q", key)
	}
	for _, c := range key {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '-', c == '.':
		default:
			return fmt.Errorf("media: invalid key %q", key)
		}
	}
	return nil
}

// ValidKey reports whether key could name a stored file, so a handler can
// answer 404 to anything else without asking the storage.
func ValidKey(key string) bool { return validKey(key) == nil }

// publicURL joins a configured public base URL and a key.
func publicURL(base, key string) string {
	if base == "" {
		return ""
	}
	return strings.TrimSuffix(base, "/") + "/" + key
}
