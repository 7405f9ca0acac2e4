package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// Deliveries turns a local person's change into what is sent where, and
// signed by whom. For a community of ours: its Announce of the person's
// activity to one inbox per follower instance (FEP-1b12), and for the
// microblog servers among them, which know nothing of an Announce of an
// activity, a boost of each new post and the author's own Update or Delete
// of it. For a remote community: the person's activity to the
// community, which announces it. Either way, the author's activity also
// goes to every remote person the post or comment mentions or replies to,
// whether or not their server follows the community.
func (h *Handler) Deliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	switch args.Action {
	case forum.FederateFollow, forum.FederateUnfollow:
		return h.followDeliveries(ctx, args)
	case forum.FederateModerate:
		return h.moderationDeliveries(ctx, args)
	case forum.FederateUpdateCommunity:
		return h.communityUpdateDeliveries(ctx, args)
	case forum.FederateReport:
		return h.reportDeliveries(ctx, args)
	case forum.FederateSiteBan:
		return h.siteBanDeliveries(ctx, args)
	case forum.FederateUpdatePerson:
		return h.personUpdateDeliveries(ctx, args)
	case forum.FederateDeleteAccount:
		return h.accountDeleteDeliveries(ctx, args)
	case forum.FederateCreatePrivateMessage, forum.FederateUpdatePrivateMessage, forum.FederateDeletePrivateMessage:
		return h.privateMessageDeliveries(ctx, args)
	}
	ch, err := h.localActivity(ctx, args)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, ch.communityID)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(ch.inner)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", ch.inner.Type, err)
	}
	author := ch.inner.Actor.ID
	var out sendList
	if c.Local {
		inboxes, err := h.store.FollowerInboxes(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if len(inboxes) > 0 {
			ann, err := announcement(c.APID, payload, ActorRef{ID: c.APID})
			if err == nil && ch.boost != nil {
				err = boost(ann, c.APID, ch.boost)
			}
			if err == nil && ch.unboost != "" {
				err = withdrawBoost(ann, c.APID, ch.unboost)
			}
			if err != nil {
				return nil, err
			}
			for _, a := range ann.Activities {
				out.toEach(inboxes, c.APID, a)
			}
			if ch.toFollowers {
				out.toEach(inboxes, author, payload)
			}
		}
	} else {
		out.add(firstOf(c.SharedInboxURL, c.InboxURL), author, payload)
	}
	inboxes, err := h.mentionInboxes(ctx, ch.mentioned)
	if err != nil {
		return nil, err
	}
	out.toEach(inboxes, author, payload)
	return out.list, nil
}

// localChange is what a local person's change sends.
type localChange struct {
	communityID int64 // where it happened
	inner       *ap.Activity
	// boost is a post the change creates or restores, which a local
	// community also boosts for the microblog servers among its
	// followers; unboost the id of one it deletes, whose boost the
	// community withdraws.
	boost   *ap.Page
	unboost string
	// toFollowers sends inner itself to the community's followers too,
	// signed by its author: Mastodon applies an Update or Delete of a
	// status only from the status's author.
	toFollowers bool
	// mentioned are the ids the object tags as Mention: who is told of
	// it in their own inbox.
	mentioned []string
}

// localActivity is a local person's activity for a change, with where it
// goes besides the community.
func (h *Handler) localActivity(ctx context.Context, args forum.FederateArgs) (localChange, error) {
	switch args.Action {
	case forum.FederateCreatePost, forum.FederateUpdatePost, forum.FederateDeletePost:
		return h.postActivity(ctx, args)
	case forum.FederateCreateComment, forum.FederateUpdateComment, forum.FederateDeleteComment:
		return h.commentActivity(ctx, args)
	case forum.FederateVote:
		return h.voteActivity(ctx, args)
	}
	return localChange{}, fmt.Errorf("federate: unknown action %q", args.Action)
}

// sendList collects deliveries, each (inbox, activity) pair once. Only an
// identical pair is redundant: a server that follows the community gets
// its Announce, and must still get the author's Create of a reply to one
// of its people, which is another activity.
type sendList struct {
	list []forum.DeliverArgs
	seen map[[2]string]bool
}

func (s *sendList) add(inbox, actor string, activity []byte) {
	s.toEach([]string{inbox}, actor, activity)
}

func (s *sendList) toEach(inboxes []string, actor string, activity []byte) {
	var head struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(activity, &head) // built here: it has its id
	if s.seen == nil {
		s.seen = map[[2]string]bool{}
	}
	for _, inbox := range inboxes {
		key := [2]string{inbox, head.ID}
		if inbox == "" || s.seen[key] {
			continue
		}
		s.seen[key] = true
		s.list = append(s.list, forum.DeliverArgs{Inbox: inbox, Actor: actor, Activity: activity})
	}
}

// followDeliveries is a local person's Follow of a remote community, or
// its Undo, sent to the community.
func (h *Handler) followDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	c, err := h.store.CommunityByID(ctx, args.CommunityID)
	if err != nil {
		return nil, err
	}
	p, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return nil, err
	}
	follow := ap.NewFollow(p.APID, c.APID)
	follow.ID = args.FollowID
	act := follow
	if args.Action == forum.FederateUnfollow {
		follow.LDContext = nil
		if act, err = ap.NewUndo(p.APID, follow); err != nil {
			return nil, err
		}
	}
	payload, err := json.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", act.Type, err)
	}
	return []forum.DeliverArgs{{Inbox: firstOf(c.InboxURL, c.SharedInboxURL), Actor: p.APID, Activity: payload}}, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// postActivity is the author's Create, Update or Delete (or Undo of the
// Delete) of a post. Unknown people it mentions are looked up first (see
// lookUpMentions), so that its Create and Update link and tag them.
func (h *Handler) postActivity(ctx context.Context, args forum.FederateArgs) (localChange, error) {
	p, err := h.store.PostByID(ctx, args.PostID)
	if err != nil {
		return localChange{}, err
	}
	if args.Action != forum.FederateDeletePost {
		h.lookUpMentions(ctx, p.Body)
	}
	page, err := h.pageObject(ctx, p)
	if err != nil {
		return localChange{}, err
	}
	ch := localChange{communityID: p.CommunityID, mentioned: page.Tag.Mentions(),
		toFollowers: args.Action == forum.FederateUpdatePost || (args.Action == forum.FederateDeletePost && args.Deleted)}
	switch args.Action {
	case forum.FederateCreatePost:
		ch.boost = page
		ch.inner, err = ap.NewCreate(page.AttributedTo.ID, page)
	case forum.FederateUpdatePost:
		ch.inner, err = ap.NewUpdate(page.AttributedTo.ID, page)
	default:
		// The boost follows what readers see: a post a moderator removed
		// lost it then, and stays without it.
		switch {
		case args.Deleted && !p.Removed:
			ch.unboost = p.APID
		case !args.Deleted && !p.Deleted && !p.Removed:
			ch.boost = page
		}
		ch.inner, err = h.deletion(ctx, p.CreatorID, p.APID, p.CommunityID, args.Deleted)
	}
	return ch, err
}

// commentActivity is postActivity for a comment.
func (h *Handler) commentActivity(ctx context.Context, args forum.FederateArgs) (localChange, error) {
	c, err := h.store.CommentByID(ctx, args.CommentID)
	if err != nil {
		return localChange{}, err
	}
	p, err := h.store.PostByID(ctx, c.PostID)
	if err != nil {
		return localChange{}, err
	}
	if args.Action != forum.FederateDeleteComment {
		h.lookUpMentions(ctx, c.Body)
	}
	note, err := h.noteObject(ctx, c)
	if err != nil {
		return localChange{}, err
	}
	ch := localChange{communityID: p.CommunityID, mentioned: note.Tag.Mentions()}
	if args.Action == forum.FederateDeleteComment {
		ch.inner, err = h.deletion(ctx, c.CreatorID, c.APID, p.CommunityID, args.Deleted)
	} else {
		ch.inner, err = createOrUpdate(args.Action == forum.FederateCreateComment, note.AttributedTo.ID, note)
	}
	return ch, err
}

func createOrUpdate(create bool, actor string, obj any) (*ap.Activity, error) {
	if create {
		return ap.NewCreate(actor, obj)
	}
	return ap.NewUpdate(actor, obj)
}

// deletion is an author's Delete of object, or with deleted false its
// Undo, which restores it.
func (h *Handler) deletion(ctx context.Context, creatorID int64, object string, communityID int64, deleted bool) (*ap.Activity, error) {
	author, err := h.store.PersonByID(ctx, creatorID)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return nil, err
	}
	del := ap.NewDelete(author.APID, object, c.APID)
	if deleted {
		return del, nil
	}
	return ap.NewUndo(author.APID, del)
}

// voteActivity is a local person's Like or Dislike, or the Undo of a Like
// when the vote was taken back (Lemmy removes the vote whichever it was).
func (h *Handler) voteActivity(ctx context.Context, args forum.FederateArgs) (localChange, error) {
	voter, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return localChange{}, err
	}
	var object string
	var communityID int64
	if args.CommentID != 0 {
		c, err := h.store.CommentByID(ctx, args.CommentID)
		if err != nil {
			return localChange{}, err
		}
		p, err := h.store.PostByID(ctx, c.PostID)
		if err != nil {
			return localChange{}, err
		}
		object, communityID = c.APID, p.CommunityID
	} else {
		p, err := h.store.PostByID(ctx, args.PostID)
		if err != nil {
			return localChange{}, err
		}
		object, communityID = p.APID, p.CommunityID
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return localChange{}, err
	}
	ch := localChange{communityID: communityID}
	switch args.Score {
	case 1:
		ch.inner = ap.NewLike(voter.APID, object, c.APID)
	case -1:
		ch.inner = ap.NewDislike(voter.APID, object, c.APID)
	default:
		ch.inner, err = ap.NewUndo(voter.APID, ap.NewLike(voter.APID, object, c.APID))
	}
	return ch, err
}
