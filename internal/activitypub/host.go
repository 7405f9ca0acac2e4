package activitypub

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// Every comparison of instances (blocks, the allow-list, the instances
// table, the local check, the delivery limiter, handles typed into search)
// goes through one canonical form of host[:port], because a host has many
// spellings that reach the same server: Example.ORG., bücher.example and
// xn--bcher-kva.example, [::ffff:127.0.0.5] and 127.0.0.5, 127.5 (which
// C's resolver dials as 127.0.0.5), :0443 and :443. Were two of them
// compared as text, a blocked instance could come back under another.
//
// The canonical form is:
//   - a name in lower-case ASCII, Unicode labels in punycode (IDNA's lookup
//     rules, which also map full-width letters and dots), no trailing dot;
//   - an IPv4 address in dotted decimal, however the URL spelt it (the
//     WHATWG URL standard's forms: 127.1, 0x7f.0.0.1, 2130706433), and an
//     IPv4-mapped IPv6 address as the IPv4 address it maps;
//   - any other IPv6 address compressed, in lower case, in brackets;
//   - the port in decimal, left out when it is the scheme's default.

// ErrBadHost: a host that is no name or address any server could have.
var ErrBadHost = errors.New("not a valid host")

// Domain is how an instance is named: the host[:port] of an absolute URL in
// the canonical form above, without the scheme's default port, so that
// https://Example.org:443/u/a and https://example.org/u/b name one
// instance, as they are one origin. "" when s is not an absolute URL or its
// host is not valid.
func Domain(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	d, err := canonicalHostPort(u.Hostname(), u.Port(), defaultPorts[strings.ToLower(u.Scheme)])
	if err != nil {
		return ""
	}
	return d
}

// CanonicalHost is host[:port] as a person types it (an instance to block,
// the host of a handle) in the canonical form above. Without a scheme to
// say which port is the default, both 80 and 443 are left out. IPv6
// addresses must be in brackets.
func CanonicalHost(hostport string) (string, error) {
	h := strings.TrimSpace(hostport)
	if h == "" {
		return "", fmt.Errorf("%w: it is empty", ErrBadHost)
	}
	name, port := h, ""
	if strings.HasPrefix(h, "[") || strings.Count(h, ":") == 1 {
		n, p, err := net.SplitHostPort(h)
		switch {
		case err == nil:
			name, port = n, p
			if port == "" {
				return "", fmt.Errorf("%w: %q has a colon but no port", ErrBadHost, h)
			}
		case strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]"):
			name = h[1 : len(h)-1]
		default:
			return "", fmt.Errorf("%w: %q: %w", ErrBadHost, h, err)
		}
		if strings.HasPrefix(h, "[") && !strings.Contains(name, ":") {
			return "", fmt.Errorf("%w: only an IPv6 address goes in brackets", ErrBadHost)
		}
	} else if strings.Contains(h, ":") {
		if _, err := netip.ParseAddr(h); err == nil {
			return "", fmt.Errorf("%w: write an IPv6 address in brackets, as in [%s]", ErrBadHost, h)
		}
		return "", fmt.Errorf("%w: %q has more than one colon", ErrBadHost, h)
	}
	return canonicalHostPort(name, port, bareDefaultPorts)
}

var (
	defaultPorts = map[string][]int{"http": {80}, "https": {443}}
	// bareDefaultPorts are left out of a host typed without a scheme.
	bareDefaultPorts = []int{80, 443}
)

// canonicalHostPort is name and port (as split from a URL) in canonical form,
// without a port among defaults.
func canonicalHostPort(name, port string, defaults []int) (string, error) {
	host, err := canonicalName(name)
	if err != nil {
		return "", err
	}
	if port == "" {
		return host, nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("%w: the port must be a number from 1 to 65535, not %q", ErrBadHost, port)
	}
	for _, d := range defaults {
		if n == d {
			return host, nil
		}
	}
	return host + ":" + strconv.Itoa(n), nil
}

// canonicalName is the name or address part of a host, without brackets.
func canonicalName(name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("%w: it is empty", ErrBadHost)
	}
	if strings.Contains(name, ":") {
		ip, err := netip.ParseAddr(name)
		if err != nil || !ip.Is6() {
			return "", fmt.Errorf("%w: %q is not an IPv6 address", ErrBadHost, name)
		}
		if ip.Is4In6() {
			return ip.Unmap().String(), nil
		}
		return "[" + ip.String() + "]", nil
	}
	host := strings.ToLower(name)
	if !isASCII(host) {
		a, err := idna.Lookup.ToASCII(name)
		if err != nil {
			return "", fmt.Errorf("%w: %q: %w", ErrBadHost, name, err)
		}
		host = a
	}
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return "", fmt.Errorf("%w: it is empty", ErrBadHost)
	}
	if endsInNumber(host) {
		ip, ok := parseIPv4(host)
		if !ok {
			return "", fmt.Errorf("%w: %q ends in a number but is not an IPv4 address", ErrBadHost, name)
		}
		return ip.String(), nil
	}
	return host, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// endsInNumber reports a host whose last label is a number, which the URL
// standard (and every browser) reads as an IPv4 address: no top-level
// domain is a number.
func endsInNumber(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.Trim(last, "0123456789") == "" {
		return true
	}
	_, ok := ipv4Part(last)
	return ok
}

// parseIPv4 reads the URL standard's IPv4 forms: one to four parts, each
// decimal, octal (a leading 0) or hexadecimal (0x), the last filling the
// bytes the others leave.
func parseIPv4(host string) (netip.Addr, bool) {
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var v uint64
	for i, p := range parts {
		n, ok := ipv4Part(p)
		if !ok {
			return netip.Addr{}, false
		}
		if i < len(parts)-1 {
			if n > 255 {
				return netip.Addr{}, false
			}
			v = v<<8 | n
			continue
		}
		rest := uint(8 * (5 - len(parts)))
		if n >= 1<<rest {
			return netip.Addr{}, false
		}
		v = v<<rest | n
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

func ipv4Part(p string) (uint64, bool) {
	base := 10
	switch {
	case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
		p, base = p[2:], 16
		if p == "" {
			return 0, true
		}
	case len(p) > 1 && p[0] == '0':
		p, base = p[1:], 8
	}
	if p == "" {
		return 0, false
	}
	n, err := strconv.ParseUint(p, base, 32)
	return n, err == nil
}

// CanonicalURL is s with its host in Domain's form, for URLs that are
// stored and compared by their host later (an inbox, which deliveries are
// counted and limited by). s is returned as it is when it is not an
// absolute URL with a valid host.
func CanonicalURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return s
	}
	d := Domain(s)
	if d == "" || d == u.Host {
		return s
	}
	u.Host = d
	return u.String()
}

// origin is scheme://host[:port] of an absolute URL, the host canonical.
func origin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "", false
	}
	d := Domain(s)
	if d == "" {
		return "", false
	}
	return strings.ToLower(u.Scheme) + "://" + d, true
}
