package safehttp

import (
	"fmt"
	"net/netip"
)

// A range of addresses that no request from this server may reach, with
// the reason given in the refusal.
type blockedRange struct {
	prefix netip.Prefix
	reason string
}

// blocked lists the IANA special-purpose ranges (RFC 6890 and its updates)
// that are not globally reachable. An explicit list, rather than the
// net/netip predicates alone, because those know nothing of CGNAT,
// documentation, benchmarking or NAT64 space.
var blocked = func() []blockedRange {
	list := []struct{ cidr, reason string }{
		{"0.0.0.0/8", "unspecified (\"this network\") address"},
		{"10.0.0.0/8", "private address"},
		{"100.64.0.0/10", "shared (CGNAT) address"},
		{"127.0.0.0/8", "loopback address"},
		{"169.254.0.0/16", "link-local address"},
		{"172.16.0.0/12", "private address"},
		{"192.0.0.0/24", "IETF protocol assignment address"},
		{"192.0.2.0/24", "documentation address"},
		{"192.88.99.0/24", "6to4 relay address"},
		{"192.168.0.0/16", "private address"},
		{"198.18.0.0/15", "benchmarking address"},
		{"198.51.100.0/24", "documentation address"},
		{"203.0.113.0/24", "documentation address"},
		{"224.0.0.0/4", "multicast address"},
		{"255.255.255.255/32", "broadcast address"},
		{"240.0.0.0/4", "reserved address"},

		{"::/128", "unspecified address"},
		{"::1/128", "loopback address"},
		{"::/96", "IPv4-compatible address"},
		{"64:ff9b:1::/48", "local NAT64 address"},
		{"100::/64", "discard-only address"},
		{"2001::/23", "IETF protocol assignment address"},
		{"2001:db8::/32", "documentation address"},
		{"2002::/16", "6to4 address"},
		{"3fff::/20", "documentation address"},
		{"fc00::/7", "unique local (private) address"},
		{"fe80::/10", "link-local address"},
		{"fec0::/10", "site-local address"},
		{"ff00::/8", "multicast address"},
	}
	out := make([]blockedRange, len(list))
	for i, b := range list {
		out[i] = blockedRange{netip.MustParsePrefix(b.cidr), b.reason}
	}
	return out
}()

var (
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	globalIPv6 = netip.MustParsePrefix("2000::/3")
)

// forbidden says why addr may not be dialled, or "" when it may.
func forbidden(addr netip.Addr) string {
	if !addr.IsValid() {
		return "invalid address"
	}
	addr = addr.WithZone("")
	// An IPv4-mapped address reaches the IPv4 host it embeds.
	if addr.Is4In6() {
		addr = addr.Unmap()
	}
	// So does a well-known-prefix NAT64 address, through the translator.
	if addr.Is6() && nat64.Contains(addr) {
		b := addr.As16()
		if why := forbidden(netip.AddrFrom4([4]byte(b[12:]))); why != "" {
			return why + " behind NAT64"
		}
		return ""
	}
	for _, b := range blocked {
		if b.prefix.Contains(addr) {
			return b.reason
		}
	}
	if addr.Is6() && !globalIPv6.Contains(addr) {
		return "reserved address"
	}
	return ""
}

// AddressError is the refusal of a connection to a forbidden address; it
// matches ErrForbiddenAddress with errors.Is.
type AddressError struct {
	Addr   netip.Addr
	Reason string
}

func (e *AddressError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %s", e.Addr, e.Reason)
}

// Is makes errors.Is(err, ErrForbiddenAddress) true.
func (e *AddressError) Is(target error) bool { return target == ErrForbiddenAddress }
