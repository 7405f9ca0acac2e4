package activitypub_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// fixturesDir is shared/fixtures beside the repository (/work/shared in
// development, ../shared in CI), seen from this package's directory.
const fixturesDir = "../../../shared/fixtures"

// fixtureFiles lists the JSON files under dir (relative to fixturesDir), or
// fails the test when the fixtures are missing.
func fixtureFiles(t *testing.T, dir string) []string {
	t.Helper()
	root := filepath.Join(fixturesDir, dir)
	if _, err := os.Stat(root); err != nil {
		abs, _ := filepath.Abs(root)
		t.Fatalf("fixtures missing: %s (%v); shared/fixtures must sit beside the repository root", abs, err)
	}
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no JSON fixtures under %s", root)
	}
	return files
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixturesDir, name))
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return data
}

func decodeFixture(t *testing.T, name string) ap.Any {
	t.Helper()
	v, err := ap.Decode(readFixture(t, name))
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return v
}

// decodeNested decodes every embedded object below v, so that nothing
// inside a fixture escapes the types.
func decodeNested(t *testing.T, name string, v ap.Any) {
	t.Helper()
	var embedded []ap.IRIOrObject
	switch x := v.(type) {
	case *ap.Activity:
		embedded = append(x.Object.All(), x.Target.All()...)
	case *ap.Collection:
		embedded = append(x.Items, x.OrderedItems...)
	}
	for _, e := range embedded {
		if !e.IsEmbedded() {
			continue
		}
		inner, err := e.Decode()
		if err != nil {
			t.Errorf("%s: embedded %s %s: %v", name, e.Type, e.ID, err)
			continue
		}
		decodeNested(t, name, inner)
	}
}

func TestEveryFixtureDecodes(t *testing.T) {
	t.Parallel()
	for _, path := range fixtureFiles(t, ".") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := ap.Decode(data)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if v.IRI() == "" {
			t.Errorf("%s: decoded %T without id", path, v)
		}
		if string(v.Kind()) != ap.ObjectType(data) {
			t.Errorf("%s: kind %q, ObjectType %q", path, v.Kind(), ap.ObjectType(data))
		}
		decodeNested(t, path, v)
	}
}

// TestLemmyFixturesKeepTheirFields decodes Lemmy's own files, encodes them
// again and decodes that: the typed values must be equal, and every field of
// the original must be in the new JSON with the same value (a field absent
// there may only have been empty or false).
func TestLemmyFixturesKeepTheirFields(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"lemmy", "lemmy-0.19"} {
		for _, path := range fixtureFiles(t, dir) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, path, "$", data)
		}
	}
}

// roundTrip decodes data, encodes it and decodes that again: the typed
// values must be equal, and every field of data must be in the new JSON with
// the same value (a field absent there may only have been empty or false).
// Embedded objects go through the same, so their fields count too.
func roundTrip(t *testing.T, file, path string, data []byte) {
	t.Helper()
	first, err := ap.Decode(data)
	if err != nil {
		t.Errorf("%s %s: %v", file, path, err)
		return
	}
	out, err := json.Marshal(first)
	if err != nil {
		t.Errorf("%s %s: encode: %v", file, path, err)
		return
	}
	second, err := ap.Decode(out)
	if err != nil {
		t.Errorf("%s %s: decode again: %v\n%s", file, path, err, out)
		return
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("%s %s: changed in a round trip:\nfirst  %+v\nsecond %+v", file, path, first, second)
	}
	assertKept(t, file, path, jsonValue(t, data), jsonValue(t, out))
	var embedded []ap.IRIOrObject
	switch x := first.(type) {
	case *ap.Activity:
		embedded = x.Object.All()
	case *ap.Collection:
		embedded = append(x.Items, x.OrderedItems...)
	}
	for i, e := range embedded {
		if e.IsEmbedded() {
			roundTrip(t, file, path+".object"+strconv.Itoa(i), e.Raw)
		}
	}
}

func jsonValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// assertKept checks that every field of want is in got with an equal value.
func assertKept(t *testing.T, file, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s %s: object became %v", file, path, got)
			return
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				if !isEmptyJSON(wv) {
					t.Errorf("%s %s.%s: dropped (was %v)", file, path, k, wv)
				}
				continue
			}
			assertKept(t, file, path+"."+k, wv, gv)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s %s: array %v became %v", file, path, w, got)
			return
		}
		for i := range w {
			assertKept(t, file, path+"["+strconv.Itoa(i)+"]", w[i], g[i])
		}
	default:
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s %s: %v became %v", file, path, want, got)
		}
	}
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}
