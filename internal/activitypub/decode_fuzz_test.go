package activitypub_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/activitypub/aptest"
)

// FuzzDecode feeds the decoder what other servers could send: it must never
// panic, and whatever it reads must encode and read back to the same thing,
// or an activity relayed onwards (an Announce embeds it as received and
// decoded again) would mean something else on the next server.
func FuzzDecode(f *testing.F) {
	seedCorpus(f, aptest.Own(f))
	if _, err := os.Stat(aptest.SharedDir(f)); err == nil {
		seedCorpus(f, aptest.Open(f, "shared", aptest.SharedDir(f), "seeds"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = ap.ObjectType(data)
		var act ap.Activity // the inbox reads every body as an activity first
		if json.Unmarshal(data, &act) == nil {
			_, _ = act.Object.Activity()
			_ = act.Object.All()
		}
		v, err := ap.Decode(data)
		if err != nil {
			return
		}
		for _, e := range embedded(v) {
			_, _ = e.Decode()
		}
		once, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("decoded %T does not encode: %v", v, err)
		}
		again, err := ap.Decode(once)
		if err != nil {
			t.Fatalf("encoded %T does not decode again: %v\n%s", v, err, once)
		}
		if reflect.TypeOf(again) != reflect.TypeOf(v) {
			t.Fatalf("decoded as %T, encoded and decoded again as %T", v, again)
		}
		twice, err := json.Marshal(again)
		if err != nil {
			t.Fatalf("decoded again, %T does not encode: %v", again, err)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("encoding is not stable:\nfirst  %s\nsecond %s", once, twice)
		}
	})
}

func seedCorpus(f *testing.F, c aptest.Corpus) {
	for _, name := range c.Files(f, ".") {
		f.Add(c.Read(f, name))
	}
}

// embedded are the objects carried inside v, which the inbox decodes too.
func embedded(v ap.Any) []ap.IRIOrObject {
	switch x := v.(type) {
	case *ap.Activity:
		return append(x.Object.All(), x.Target.All()...)
	case *ap.Collection:
		return append(x.Items, x.OrderedItems...)
	}
	return nil
}
