package cli_test

import "testing"

// An admin may type an instance in any spelling; it is stored and named
// in one, and another spelling of it is the same instance.
func TestInstanceBlockTakesAnySpelling(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	if out := c.ok("admin", "instance", "block", "[::FFFF:127.0.0.5]:8080"); out != "127.0.0.5:8080 is blocked\n" {
		t.Errorf("block of an IPv4-mapped address printed %q", out)
	}
	c.fails(1, "127.0.0.5:8080 is already blocked", "admin", "instance", "block", "127.5:8080")
	if out := c.ok("admin", "instance", "block", "BÜCHER.example."); out != "xn--bcher-kva.example is blocked\n" {
		t.Errorf("block of an IDN printed %q", out)
	}
	if out := c.ok("admin", "instance", "allow", "bücher.example:443"); out != "xn--bcher-kva.example is allowed (and no longer blocked)\n" {
		t.Errorf("allow of the IDN's other spelling printed %q", out)
	}
	c.ok("admin", "instance", "unblock", "[::ffff:7f00:5]:8080")
	c.fails(1, "news.example.org is this instance", "admin", "instance", "block", "NEWS.example.org.:443")
	c.fails(1, "write an IPv6 address in brackets", "admin", "instance", "block", "::ffff:127.0.0.5")
}
