package forum

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// InstanceHost checks an instance's host[:port] as an admin typed it and
// returns it in the canonical form every stored domain has (see
// ap.CanonicalHost): lower case, punycode for Unicode names, an
// IPv4-mapped address as IPv4, no trailing dot, no port 80 or 443.
func InstanceHost(host string) (string, error) {
	bad := func(why string) error {
		return inputErr("host", "%q is not an instance's host[:port] (like lemmy.example.org or 10.0.0.5:8536): %s", host, why)
	}
	raw := strings.TrimSpace(host)
	if strings.ContainsAny(raw, "/?#@ ") {
		return "", bad("give only the host, without scheme, path or user")
	}
	h, err := ap.CanonicalHost(raw)
	if err != nil {
		return "", bad(strings.TrimPrefix(err.Error(), ap.ErrBadHost.Error()+": "))
	}
	name := h
	if n, _, err := net.SplitHostPort(h); err == nil {
		name = n
	}
	if _, err := netip.ParseAddr(strings.Trim(name, "[]")); err == nil {
		return h, nil
	}
	if len(name) > 253 {
		return "", bad("the name is longer than 253 characters")
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' ||
			strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", bad("each dot-separated part must be 1 to 63 characters of a-z, 0-9 and -, not starting or ending with -")
		}
	}
	return h, nil
}

// remoteInstance checks host and refuses this instance's own.
func (s *Service) remoteInstance(host string) (string, error) {
	h, err := InstanceHost(host)
	if err != nil {
		return "", err
	}
	if h == ap.Domain(s.iri.Base()) {
		return "", inputErr("host", "%s is this instance", h)
	}
	return h, nil
}

// knownInstance is a remote instance that must be known already.
func (s *Service) knownInstance(ctx context.Context, host string) (store.Instance, error) {
	h, err := s.remoteInstance(host)
	if err != nil {
		return store.Instance{}, err
	}
	in, err := s.store.InstanceByDomain(ctx, h)
	if errors.Is(err, store.ErrNotFound) {
		return in, notFound("no instance %s is known here", h)
	}
	return in, err
}

// BlockInstance refuses an instance both ways: its activities and actors
// are refused, and nothing is delivered to it (deliveries already queued
// are given up when their turn comes). An instance not heard of yet is
// recorded, so that it can be blocked before it shows up.
func (s *Service) BlockInstance(ctx context.Context, host string) (store.Instance, error) {
	h, err := s.remoteInstance(host)
	if err != nil {
		return store.Instance{}, err
	}
	in, err := s.store.AddInstance(ctx, h)
	if err != nil {
		return in, fmt.Errorf("block %s: %w", h, err)
	}
	if in.Blocked {
		return in, inputErr("host", "%s is already blocked", h)
	}
	if err := s.store.SetInstanceBlocked(ctx, h, true); err != nil {
		return in, fmt.Errorf("block %s: %w", h, err)
	}
	return s.store.InstanceByDomain(ctx, h)
}

// UnblockInstance lifts a block.
func (s *Service) UnblockInstance(ctx context.Context, host string) (store.Instance, error) {
	in, err := s.knownInstance(ctx, host)
	if err != nil {
		return in, err
	}
	if !in.Blocked {
		return in, inputErr("host", "%s is not blocked", in.Domain)
	}
	if err := s.store.SetInstanceBlocked(ctx, in.Domain, false); err != nil {
		return in, fmt.Errorf("unblock %s: %w", in.Domain, err)
	}
	return s.store.InstanceByDomain(ctx, in.Domain)
}

// AllowInstance puts an instance on the allow-list, which decides who we
// federate with when the site's federation mode is allow_list; a block is
// lifted, as the two contradict each other. An instance not heard of yet
// is recorded, so that the list can be made before federating.
func (s *Service) AllowInstance(ctx context.Context, host string) (store.Instance, error) {
	h, err := s.remoteInstance(host)
	if err != nil {
		return store.Instance{}, err
	}
	in, err := s.store.AddInstance(ctx, h)
	if err != nil {
		return in, fmt.Errorf("allow %s: %w", h, err)
	}
	if in.Allowed {
		return in, inputErr("host", "%s is already allowed", h)
	}
	if err := s.store.SetInstanceAllowed(ctx, h, true); err != nil {
		return in, fmt.Errorf("allow %s: %w", h, err)
	}
	return s.store.InstanceByDomain(ctx, h)
}

// DisallowInstance takes an instance off the allow-list.
func (s *Service) DisallowInstance(ctx context.Context, host string) (store.Instance, error) {
	in, err := s.knownInstance(ctx, host)
	if err != nil {
		return in, err
	}
	if !in.Allowed {
		return in, inputErr("host", "%s is not allowed", in.Domain)
	}
	if err := s.store.SetInstanceAllowed(ctx, in.Domain, false); err != nil {
		return in, fmt.Errorf("disallow %s: %w", in.Domain, err)
	}
	return s.store.InstanceByDomain(ctx, in.Domain)
}

// KnownInstance finds a remote instance by host as an admin typed it.
func (s *Service) KnownInstance(ctx context.Context, host string) (store.Instance, error) {
	return s.knownInstance(ctx, host)
}
