package aptest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/activitypub/aptest"
)

// skipRecorder keeps the message a test was skipped with.
type skipRecorder struct {
	testing.TB
	msg string
}

func (r *skipRecorder) Skipf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	r.TB.Skipf(format, args...)
}

// Without the shared corpus beside the checkout, a test that needs it is
// skipped, and says where it looked and what did not run; with it, the
// same loader finds its files.
func TestSharedCorpusIsSkippedWhenAbsentAndReadWhenPresent(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "shared", "fixtures")
	var absent *testing.T
	rec := &skipRecorder{}
	t.Run("absent", func(t *testing.T) {
		absent, rec.TB = t, t
		aptest.Open(rec, "shared", missing, "every file decodes")
		t.Error("Open went on without the corpus")
	})
	if !absent.Skipped() {
		t.Fatal("a test needing an absent corpus was not skipped")
	}
	for _, want := range []string{missing, "would run: every file decodes"} {
		if !strings.Contains(rec.msg, want) {
			t.Errorf("the skip says %q; want it to name %q", rec.msg, want)
		}
	}

	present := filepath.Join(t.TempDir(), "fixtures")
	for _, f := range []string{"lemmy/activities/voting/like_note.json", "lemmy/objects/person.json", "notes.txt"} {
		p := filepath.Join(present, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("present", func(t *testing.T) {
		c := aptest.Open(t, "shared", present, "every file decodes")
		if got := c.Files(t, "."); !slices.Equal(got, []string{"lemmy/activities/voting/like_note.json", "lemmy/objects/person.json"}) {
			t.Errorf("files %q", got)
		}
		if got := c.Activities(t); len(got) != 1 || got[0] != (aptest.Activity{Software: "lemmy", Name: "voting/like_note.json"}) {
			t.Errorf("activities %+v", got)
		}
	})
}

// The shared corpus, where CI puts it: found, with activities of Lemmy and
// Mastodon in it; skipped in a clone without it.
func TestSharedCorpusBesideTheCheckout(t *testing.T) {
	t.Parallel()
	c := aptest.Shared(t, "the check that the shared corpus is read where it sits")
	if c.Root != aptest.SharedDir(t) {
		t.Errorf("read %s, want %s", c.Root, aptest.SharedDir(t))
	}
	seen := map[string]bool{}
	for _, a := range c.Activities(t) {
		seen[a.Software] = true
	}
	if !seen["lemmy"] || !seen["mastodon"] {
		t.Errorf("activities of %v in %s, want Lemmy's and Mastodon's", seen, c.Root)
	}
}

// The repository's own corpus has activities of every software it
// speaks for, and it is found from any package's folder.
func TestOwnCorpusCoversEverySoftware(t *testing.T) {
	t.Parallel()
	c := aptest.Own(t)
	seen := map[string]bool{}
	for _, a := range c.Activities(t) {
		seen[a.Software] = true
	}
	for _, software := range []string{"lemmy", "lemmy-0.19", "mbin", "piefed", "mastodon", "gotosocial", "misskey", "akkoma"} {
		if !seen[software] {
			t.Errorf("no activities of %s in %s", software, c.Root)
		}
	}
}
