package markdown_test

import (
	"slices"
	"testing"

	"github.com/tidings/tidings/internal/markdown"
)

// People, who are notified, include a bare @name beside @name@host, but
// not communities, nor what is in code, links or e-mail addresses; a bare
// @name still reads as text, unlinked.
func TestPeople(t *testing.T) {
	t.Parallel()
	src := "@ann, @bob@x.example and !news; (@carl.) `@code` [@link](/x) mail@dora.example @ann again _@emma_ @f@g@h"
	want := []string{"@ann", "@bob@x.example", "@carl", "@emma"}
	if got := markdown.People(src); !slices.Equal(got, want) {
		t.Errorf("People() = %q, want %q", got, want)
	}
	if got := render(t, "hi @ann."); got != "<p>hi @ann.</p>\n" {
		t.Errorf("a bare mention renders as %q, want plain text", got)
	}
}
