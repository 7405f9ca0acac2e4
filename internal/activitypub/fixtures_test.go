package activitypub_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/activitypub/aptest"
)

// readOwn is a file of the repository's own corpus (testdata/fediverse).
func readOwn(t *testing.T, name string) []byte {
	t.Helper()
	return aptest.Own(t).Read(t, name)
}

// decodeOwn decodes a file of the repository's own corpus.
func decodeOwn(t *testing.T, name string) ap.Any {
	t.Helper()
	v, err := ap.Decode(readOwn(t, name))
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return v
}

// eachCorpus runs test over the repository's own corpus, always, and over
// the shared one when it sits beside the checkout (skipped, saying so,
// when it does not).
func eachCorpus(t *testing.T, what string, test func(t *testing.T, c aptest.Corpus)) {
	t.Run("testdata", func(t *testing.T) {
		t.Parallel()
		test(t, aptest.Own(t))
	})
	t.Run("shared", func(t *testing.T) {
		t.Parallel()
		test(t, aptest.Shared(t, what))
	})
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
	eachCorpus(t, "TestEveryFixtureDecodes over its files", func(t *testing.T, c aptest.Corpus) {
		for _, name := range c.Files(t, ".") {
			data := c.Read(t, name)
			v, err := ap.Decode(data)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if v.IRI() == "" {
				t.Errorf("%s: decoded %T without id", name, v)
			}
			if string(v.Kind()) != ap.ObjectType(data) {
				t.Errorf("%s: kind %q, ObjectType %q", name, v.Kind(), ap.ObjectType(data))
			}
			decodeNested(t, name, v)
		}
	})
}

// TestLemmyFixturesKeepTheirFields decodes Lemmy's files, encodes them
// again and decodes that: the typed values must be equal, and every field of
// the original must be in the new JSON with the same value (a field absent
// there may only have been empty or false).
func TestLemmyFixturesKeepTheirFields(t *testing.T) {
	t.Parallel()
	eachCorpus(t, "TestLemmyFixturesKeepTheirFields over its Lemmy files", func(t *testing.T, c aptest.Corpus) {
		for _, dir := range []string{"lemmy", "lemmy-0.19"} {
			for _, name := range c.Files(t, dir) {
				roundTrip(t, name, "$", c.Read(t, name))
			}
		}
	})
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
