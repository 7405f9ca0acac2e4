package activitypub_test

import (
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

func TestHasNUL(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]bool{
		`{"name":"a title"}`:                 false,
		`{"name":"a\u0000title"}`:            true,
		`{"tag":[{"name":"x\u0000"}]}`:       true,
		`{"a\u0000":1}`:                      true,
		`{"content":"a backslash: \\u0000"}`: false, // the text \u0000, escaped
		`{"content":"\\\u0000"}`:             true,  // a backslash, then a NUL
		`not JSON \u0000`:                    false,
	} {
		if got := ap.HasNUL([]byte(doc)); got != want {
			t.Errorf("HasNUL(%s) = %v, want %v", doc, got, want)
		}
	}
}
