package forum_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

func TestCheckName(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"abc", "alice", "a_b_c", "user123", "___", strings.Repeat("z", 20)} {
		if err := forum.CheckName("user", ok); err != nil {
			t.Errorf("CheckName(%q) = %v, want ok", ok, err)
		}
	}
	cases := []struct {
		name, says string
	}{
		{"", "missing"},
		{"ab", "3 to 20"},
		{strings.Repeat("a", 21), "3 to 20"},
		{"Alice", "lower case"},
		{"ALICE", "lower case"},
		{"bad-name", "a-z, 0-9 and _"},
		{"bad name", "a-z, 0-9 and _"},
		{"naïve", "a-z, 0-9 and _"},
		{"dot.ted", "a-z, 0-9 and _"},
		{"Bad-Name", "a-z, 0-9 and _"},
	}
	for _, tc := range cases {
		for _, kind := range []string{"user", "community"} {
			err := forum.CheckName(kind, tc.name)
			ie := inputError(t, "CheckName("+tc.name+")", err, "name")
			if !strings.Contains(ie.Msg, tc.says) {
				t.Errorf("CheckName(%s, %q) = %q, want it to say %q", kind, tc.name, ie.Msg, tc.says)
			}
			if !strings.Contains(ie.Msg, kind+" name") {
				t.Errorf("CheckName(%s, %q) = %q, want it to say which kind of name", kind, tc.name, ie.Msg)
			}
		}
	}
}
