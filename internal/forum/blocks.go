package forum

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// A person's blocks hide people, communities and whole instances from
// them alone: their posts and comments leave that person's listings, and
// (through BlocksSender) their messages and mentions do not reach them.
// Nothing is sent to other servers, as Lemmy sends nothing.

// BlockPerson blocks (block false: unblocks) a person named by handle
// (name, or name@host) for the actor. Blocking oneself, or an admin of
// this site (as Lemmy refuses), changes nothing and says why.
func (s *Service) BlockPerson(ctx context.Context, actor store.LocalUser, handle string, block bool) (store.Person, error) {
	p, err := s.PersonByHandle(ctx, handle)
	if err != nil {
		return p, err
	}
	if !block {
		return p, s.store.UnblockPerson(ctx, actor.ID, p.ID)
	}
	if p.ID == actor.ID {
		return p, inputErr("", "you cannot block yourself")
	}
	if p.Local {
		admin, err := s.store.IsActiveAdmin(ctx, p.ID)
		if err != nil {
			return p, fmt.Errorf("block person: %w", err)
		}
		if admin {
			return p, inputErr("", "%s is an admin of this site, and admins cannot be blocked", p.Name)
		}
	}
	if err := s.store.BlockPerson(ctx, actor.ID, p.ID); err != nil {
		return p, fmt.Errorf("block person: %w", err)
	}
	return p, nil
}

// BlockCommunity blocks (or unblocks) a community named by handle for the
// actor: its posts leave their listings but for its own page. As in
// Lemmy, a block ends the actor's subscription to it, in the same
// transaction (and, for a community elsewhere, with the Undo of their
// Follow), since they no longer want to read it.
func (s *Service) BlockCommunity(ctx context.Context, actor store.LocalUser, handle string, block bool) (store.Community, error) {
	c, err := s.CommunityByHandle(ctx, handle)
	if err != nil {
		return c, err
	}
	if !block {
		return c, s.store.UnblockCommunity(ctx, actor.ID, c.ID)
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.BlockCommunity(ctx, actor.ID, c.ID); err != nil {
			return err
		}
		return s.unfollow(ctx, tx, c, actor.ID)
	})
	if err != nil {
		return c, fmt.Errorf("block community: %w", err)
	}
	return c, nil
}

// BlockInstanceFor blocks (or unblocks) a whole instance for the actor:
// its people's posts and comments and its communities' posts leave their
// listings. The instance must be known here; this one cannot be blocked.
func (s *Service) BlockInstanceFor(ctx context.Context, actor store.LocalUser, host string, block bool) (store.Instance, error) {
	h, err := InstanceHost(host)
	if err != nil {
		return store.Instance{}, err
	}
	if h == ap.Domain(s.iri.Base()) {
		return store.Instance{}, inputErr("host", "%s is this instance, your own: block people or communities here instead", h)
	}
	in, err := s.store.InstanceByDomain(ctx, h)
	if errors.Is(err, store.ErrNotFound) {
		return in, notFound("no instance %s is known here", h)
	}
	if err != nil {
		return in, fmt.Errorf("block instance %s: %w", h, err)
	}
	if !block {
		return in, s.store.UnblockInstanceFor(ctx, actor.ID, in.ID)
	}
	if err := s.store.BlockInstanceFor(ctx, actor.ID, in.ID); err != nil {
		return in, fmt.Errorf("block instance %s: %w", h, err)
	}
	return in, nil
}

// BlocksSender tells whether recipient blocks sender, themselves or by
// their instance: a notification or private message from sender is not to
// reach recipient when it does.
func (s *Service) BlocksSender(ctx context.Context, recipientID, senderID int64) (bool, error) {
	return s.store.BlocksSender(ctx, recipientID, senderID)
}

// Blocks are a person's blocks, as their settings list them.
type Blocks struct {
	People      []store.BlockedPerson
	Communities []store.BlockedCommunity
	Instances   []store.BlockedInstance
}

// BlocksOf lists the actor's blocks, newest first in each kind.
func (s *Service) BlocksOf(ctx context.Context, actor store.LocalUser) (Blocks, error) {
	var b Blocks
	var err error
	if b.People, err = s.store.PersonBlocks(ctx, actor.ID); err != nil {
		return b, err
	}
	if b.Communities, err = s.store.CommunityBlocks(ctx, actor.ID); err != nil {
		return b, err
	}
	b.Instances, err = s.store.InstanceBlocksOf(ctx, actor.ID)
	return b, err
}
