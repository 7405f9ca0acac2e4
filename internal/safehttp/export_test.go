package safehttp

import "net/netip"

// NewWithPublic is New, except that connections to the given loopback
// addresses are let through as if they were public servers.
func NewWithPublic(o Options, public ...netip.AddrPort) *Client {
	return newClient(o, func(ap netip.AddrPort) bool {
		for _, p := range public {
			if p == ap {
				return true
			}
		}
		return false
	})
}

// Forbidden exposes the address check to the table test.
var Forbidden = forbidden
