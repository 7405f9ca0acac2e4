package forum_test

import (
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// An instance blocked under one spelling of its host is blocked under all
// of them, and is stored once, in the canonical form.
func TestInstanceBlockedUnderEverySpelling(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct {
		block     string
		spellings []string
		stored    string
	}{
		{"127.0.0.5:8080", []string{"[::ffff:127.0.0.5]:8080", "[::FFFF:7F00:5]:8080", "127.5:8080", "127.0.0.5:08080"}, "127.0.0.5:8080"},
		{"BÜCHER.example", []string{"bücher.example", "xn--bcher-kva.example", "XN--BCHER-KVA.EXAMPLE.", "bücher.example:443"}, "xn--bcher-kva.example"},
		{"Lemmy.Example.", []string{"lemmy.example", "LEMMY.EXAMPLE:80", "lemmy.example:443"}, "lemmy.example"},
		{"[2001:DB8:0:0::7]", []string{"[2001:db8::7]", "[2001:0db8::0007]:443"}, "[2001:db8::7]"},
	} {
		in, err := e.svc.BlockInstance(e.ctx, forum.Operator, tc.block)
		if err != nil || in.Domain != tc.stored || !in.Blocked {
			t.Fatalf("block %q: %+v %v, want %s blocked", tc.block, in, err, tc.stored)
		}
		for _, s := range tc.spellings {
			_, err := e.svc.BlockInstance(e.ctx, forum.Operator, s)
			inputError(t, "block "+s, err, "host")
			if got, err := e.svc.KnownInstance(e.ctx, s); err != nil || got.ID != in.ID || !got.Refused {
				t.Errorf("%q after blocking %q: %+v %v, want the one blocked instance", s, tc.block, got, err)
			}
		}
	}
	list, err := e.st.ListInstances(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// This instance and the four blocked ones: no spelling made another.
	if len(list) != 5 {
		t.Errorf("%d instances stored, want 5: %+v", len(list), list)
	}
	for _, mine := range []string{host, "TEST.example.", host + ":443"} {
		_, err := e.svc.BlockInstance(e.ctx, forum.Operator, mine)
		if ie := inputError(t, "block "+mine, err, "host"); ie != nil && ie.Msg != host+" is this instance" {
			t.Errorf("block %q: %q", mine, ie.Msg)
		}
	}
	if _, err := forum.InstanceHost("bücher_x.example"); err == nil {
		t.Error("a name IDNA refuses was taken")
	}
}
