// Package aptest finds the example documents the tests read: JSON in the
// shapes that Lemmy, Mbin, PieFed, Mastodon, GoToSocial, Misskey and
// Akkoma send. There are two corpora, laid out alike (one folder per
// software, with activities/, objects/ and collections/ in it):
//
//   - the repository's own, testdata/fediverse, written for these tests;
//     it is always there, and a test that needs it fails without it;
//   - the shared one, ../shared/fixtures beside the checkout, of files
//     copied from other projects; CI has it, a fresh clone does not, and a
//     test that needs it is skipped without it, saying where it looked and
//     what did not run.
//
// Open makes that decision for every package that reads a corpus.
package aptest

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Corpus is a folder of example documents.
type Corpus struct {
	// Name is "testdata" or "shared", for test names and messages.
	Name string
	// Root is the folder, absolute.
	Root string
}

// Own is the repository's corpus, testdata/fediverse.
func Own(tb testing.TB) Corpus {
	tb.Helper()
	root := filepath.Join(repoRoot(tb), "testdata", "fediverse")
	if _, err := os.Stat(root); err != nil {
		tb.Fatalf("aptest: the repository's own corpus is missing: %v", err)
	}
	return Corpus{Name: "testdata", Root: root}
}

// SharedDir is where the shared corpus is looked for: shared/fixtures
// beside the repository's root.
func SharedDir(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(filepath.Dir(repoRoot(tb)), "shared", "fixtures")
}

// Shared is the shared corpus, or tb skipped when it is absent; what says
// what would have run over it.
func Shared(tb testing.TB, what string) Corpus {
	tb.Helper()
	return Open(tb, "shared", SharedDir(tb), what)
}

// Open is the corpus named name at dir, or, when dir does not exist, tb
// skipped with the path looked for and what would have run.
func Open(tb testing.TB, name, dir, what string) Corpus {
	tb.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		tb.Fatalf("aptest: %v", err)
	}
	info, err := os.Stat(abs)
	if err != nil || !info.IsDir() {
		tb.Skipf("skipped: no %s corpus at %s (it sits beside the checkout, as in CI); would run: %s", name, abs, what)
	}
	return Corpus{Name: name, Root: abs}
}

// Files lists the JSON files under sub ("." for all), as slash-separated
// paths relative to the corpus's root, sorted; none is a failure.
func (c Corpus) Files(tb testing.TB, sub string) []string {
	tb.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(c.Root, sub), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, err := filepath.Rel(c.Root, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		tb.Fatalf("aptest: list %s of the %s corpus: %v", sub, c.Name, err)
	}
	if len(out) == 0 {
		tb.Fatalf("aptest: no JSON files under %s in the %s corpus (%s)", sub, c.Name, c.Root)
	}
	slices.Sort(out)
	return out
}

// Read is the file at rel, a slash-separated path under the root.
func (c Corpus) Read(tb testing.TB, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(c.Path(rel))
	if err != nil {
		tb.Fatalf("aptest: %s corpus: %v", c.Name, err)
	}
	return b
}

// Path is the file at rel on disk.
func (c Corpus) Path(rel string) string { return filepath.Join(c.Root, filepath.FromSlash(rel)) }

// Activity is one file under a software's activities/.
type Activity struct {
	Software string // the folder: "lemmy", "mastodon", ...
	Name     string // the path under activities/, as "voting/like_note.json"
}

// Activities lists every activity file of the corpus.
func (c Corpus) Activities(tb testing.TB) []Activity {
	tb.Helper()
	var out []Activity
	for _, f := range c.Files(tb, ".") {
		if software, name, ok := strings.Cut(f, "/activities/"); ok {
			out = append(out, Activity{Software: software, Name: name})
		}
	}
	if len(out) == 0 {
		tb.Fatalf("aptest: no activities in the %s corpus (%s)", c.Name, c.Root)
	}
	return out
}

var root struct {
	once sync.Once
	dir  string
	err  error
}

// repoRoot is the folder of the go.mod above the working directory, which
// go test sets to the package's folder.
func repoRoot(tb testing.TB) string {
	tb.Helper()
	root.once.Do(func() {
		dir, err := os.Getwd()
		for err == nil {
			if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
				root.dir = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				err = fs.ErrNotExist
				break
			}
			dir = parent
		}
		root.err = err
	})
	if root.err != nil {
		tb.Fatalf("aptest: no go.mod above the working directory: %v", root.err)
	}
	return root.dir
}
