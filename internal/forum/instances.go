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
func (s *Service) BlockInstance(ctx context.Context, by Acting, host string) (store.Instance, error) {
	return s.setInstance(ctx, by, host, "block", true, func(in store.Instance) error {
		if in.Blocked {
			return inputErr("host", "%s is already blocked", in.Domain)
		}
		return nil
	}, func(tx *store.Store, domain string) error { return tx.SetInstanceBlocked(ctx, domain, true) })
}

// UnblockInstance lifts a block.
func (s *Service) UnblockInstance(ctx context.Context, by Acting, host string) (store.Instance, error) {
	return s.setInstance(ctx, by, host, "unblock", false, func(in store.Instance) error {
		if !in.Blocked {
			return inputErr("host", "%s is not blocked", in.Domain)
		}
		return nil
	}, func(tx *store.Store, domain string) error { return tx.SetInstanceBlocked(ctx, domain, false) })
}

// AllowInstance puts an instance on the allow-list, which decides who we
// federate with when the site's federation mode is allow_list; a block is
// lifted, as the two contradict each other. An instance not heard of yet
// is recorded, so that the list can be made before federating.
func (s *Service) AllowInstance(ctx context.Context, by Acting, host string) (store.Instance, error) {
	return s.setInstance(ctx, by, host, "allow", true, func(in store.Instance) error {
		if in.Allowed {
			return inputErr("host", "%s is already allowed", in.Domain)
		}
		return nil
	}, func(tx *store.Store, domain string) error { return tx.SetInstanceAllowed(ctx, domain, true) })
}

// DisallowInstance takes an instance off the allow-list.
func (s *Service) DisallowInstance(ctx context.Context, by Acting, host string) (store.Instance, error) {
	return s.setInstance(ctx, by, host, "disallow", false, func(in store.Instance) error {
		if !in.Allowed {
			return inputErr("host", "%s is not allowed", in.Domain)
		}
		return nil
	}, func(tx *store.Store, domain string) error { return tx.SetInstanceAllowed(ctx, domain, false) })
}

// setInstance makes an admin's change to a remote instance in one
// transaction with the check of their right: record records an unknown
// instance first (a block or an allow may come before it is heard of),
// check refuses a change that would change nothing.
func (s *Service) setInstance(ctx context.Context, by Acting, host, op string, record bool,
	check func(store.Instance) error, set func(tx *store.Store, domain string) error) (store.Instance, error) {
	h, err := s.remoteInstance(host)
	if err != nil {
		return store.Instance{}, err
	}
	var out store.Instance
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		var in store.Instance
		var err error
		if record {
			in, err = tx.AddInstance(ctx, h)
		} else {
			in, err = tx.InstanceByDomain(ctx, h)
			if errors.Is(err, store.ErrNotFound) {
				return notFound("no instance %s is known here", h)
			}
		}
		if err != nil {
			return err
		}
		if err := check(in); err != nil {
			return err
		}
		if err := set(tx, h); err != nil {
			return err
		}
		out, err = tx.InstanceByDomain(ctx, h)
		return err
	})
	if err != nil && !IsInputError(err) && !errors.Is(err, ErrForbidden) {
		err = fmt.Errorf("%s %s: %w", op, h, err)
	}
	return out, err
}

// KnownInstance finds a remote instance by host as an admin typed it.
func (s *Service) KnownInstance(ctx context.Context, host string) (store.Instance, error) {
	return s.knownInstance(ctx, host)
}

// InstanceLists are the other servers as the public /instances page
// shows them: those we federate with (linked), and the admins' blocks and
// allow-list.
type InstanceLists struct {
	Linked, Blocked, Allowed []store.Instance
}

// Instances sorts every remote instance known here into the lists.
func (s *Service) Instances(ctx context.Context) (InstanceLists, error) {
	all, err := s.store.ListInstances(ctx)
	if err != nil {
		return InstanceLists{}, err
	}
	var l InstanceLists
	for _, in := range all {
		if in.ID == s.localInstanceID {
			continue
		}
		if !in.Refused {
			l.Linked = append(l.Linked, in)
		}
		if in.Blocked {
			l.Blocked = append(l.Blocked, in)
		}
		if in.Allowed {
			l.Allowed = append(l.Allowed, in)
		}
	}
	return l, nil
}
