package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Local keeps files in a folder on this machine: the default, for a
// single server. Files sit in sub-folders named for the key's first two
// characters so that no folder grows to millions of entries.
type Local struct {
	dir  string
	base string
}

// NewLocal uses dir, which the first upload creates: every admin command
// opens the storage, and should not leave an empty folder wherever it was
// run. publicBase, when set, is where browsers fetch the files instead of
// from Tidings (a CDN in front of it).
func NewLocal(dir, publicBase string) (*Local, error) {
	if dir == "" {
		return nil, fmt.Errorf("media: no folder given for the local storage")
	}
	return &Local{dir: dir, base: publicBase}, nil
}

func (l *Local) path(key string) string {
	return filepath.Join(l.dir, key[:2], key)
}

// Put writes to a temporary file and renames it, so a reader never sees
// half a file and a crash leaves no truncated one under the key.
func (l *Local) Put(_ context.Context, key string, r io.Reader, _ int64, _ string) error {
	if err := validKey(key); err != nil {
		return err
	}
	p := l.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	defer os.Remove(f.Name()) // after the rename there is nothing to remove
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	return nil
}

// Get opens the file; the content type comes from the key's extension,
// which this package chose from its own encoding.
func (l *Local) Get(_ context.Context, key string) (*Object, error) {
	if err := validKey(key); err != nil {
		return nil, ErrNotExist
	}
	f, err := os.Open(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotExist
	}
	if err != nil {
		return nil, fmt.Errorf("media: get %s: %w", key, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("media: get %s: %w", key, err)
	}
	return &Object{Body: f, Size: st.Size(), ContentType: ContentTypeOfKey(key), Modified: st.ModTime()}, nil
}

// Delete removes the file.
func (l *Local) Delete(_ context.Context, key string) error {
	if err := validKey(key); err != nil {
		return err
	}
	if err := os.Remove(l.path(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("media: delete %s: %w", key, err)
	}
	return nil
}

// URL is the public base's address of key, or "" to serve it ourselves.
func (l *Local) URL(key string) string { return publicURL(l.base, key) }
