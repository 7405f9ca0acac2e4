package forum

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/store"
)

// Jobs enqueues background work inside the transaction of the change that
// causes it, so that the work exists if and only if the change committed.
type Jobs interface {
	Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error
}

// FetchLinkMetadataArgs asks for a link post's page title, description and
// image to be fetched and stored.
type FetchLinkMetadataArgs struct {
	PostID int64 `json:"post_id"`
}

// Kind names the job in the queue.
func (FetchLinkMetadataArgs) Kind() string { return "fetch_link_metadata" }

// InsertOpts gives up after three tries: the post shows without a card.
func (FetchLinkMetadataArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }

// BackfillCommunityArgs asks for a remote community's recent and featured
// posts to be fetched, when someone here starts following it. A backfill
// is a chain of such jobs, each reading what it can of one page of the
// community's outbox or featured posts in a few seconds and queueing the
// next with From, so that none runs long enough to be taken for stuck.
type BackfillCommunityArgs struct {
	CommunityID int64 `json:"community_id"`
	// From is where a backfill under way goes on; nil to begin one.
	From *BackfillCursor `json:"from,omitempty"`
}

// BackfillCursor is where a backfill goes on.
type BackfillCursor struct {
	// Featured: the featured collection, read after the outbox.
	Featured bool `json:"featured,omitempty"`
	// Page is the URL of the collection's page to read; the collection
	// itself when empty.
	Page string `json:"page,omitempty"`
	// Skip is how many items at the start of Page were dealt with.
	Skip int `json:"skip,omitempty"`
	// Taken is how many items the collection's earlier pages gave, and
	// Pages how many pages were read before Page.
	Taken int `json:"taken,omitempty"`
	Pages int `json:"pages,omitempty"`
}

// Kind names the job in the queue.
func (BackfillCommunityArgs) Kind() string { return "backfill_community" }

// InsertOpts: one backfill per community an hour is plenty, however many
// people subscribe; a failed one is tried a few times.
func (BackfillCommunityArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}}
}

// FederateArgs asks for a local person's new, edited or deleted post or
// comment, their vote, or a moderator's action, in a local community to be
// sent, as the community's Announce, to the instances that follow it, or
// to the remote community it happened in; or a local person's follow or
// report of something in a remote community, to be sent to it; or a local
// person's site ban, or its end, to every instance we know.
type FederateArgs struct {
	Action    string `json:"action"` // one of the Federate* actions
	PostID    int64  `json:"post_id,omitempty"`
	CommentID int64  `json:"comment_id,omitempty"`
	// PersonID is who acts: the voter, the follower, the moderator.
	PersonID int64 `json:"person_id,omitempty"`
	Score    int   `json:"score,omitempty"`
	// Deleted tells a deletion (true) from its Undo (false).
	Deleted bool `json:"deleted,omitempty"`
	// CommunityID and FollowID name the remote community and our Follow
	// of it, for FederateFollow and FederateUnfollow.
	CommunityID int64  `json:"community_id,omitempty"`
	FollowID    string `json:"follow_id,omitempty"`
	// Moderation is the moderator's action, for FederateModerate, and the
	// site ban, for FederateSiteBan: kept whole, since the Undo of a ban,
	// say, leaves nothing stored to build the activity from.
	Moderation *Moderation `json:"moderation,omitempty"`
	// ReportID is the report that FederateReport sends to the remote
	// community of what it reports.
	ReportID int64 `json:"report_id,omitempty"`
	// PrivateMessageID is the message the FederatePrivateMessage actions
	// send to its recipient, and to nobody else.
	PrivateMessageID int64 `json:"private_message_id,omitempty"`
}

// Actions of FederateArgs.
const (
	FederateCreatePost    = "create_post"
	FederateCreateComment = "create_comment"
	FederateUpdatePost    = "update_post"
	FederateUpdateComment = "update_comment"
	FederateDeletePost    = "delete_post"
	FederateDeleteComment = "delete_comment"
	FederateVote          = "vote"
	FederateFollow        = "follow"
	FederateUnfollow      = "unfollow"
	// FederateModerate sends Moderation, by PersonID.
	FederateModerate = "moderate"
	// FederateUpdateCommunity sends CommunityID's new title, sidebar,
	// images and rules, as edited by PersonID.
	FederateUpdateCommunity = "update_community"
	// FederateReport sends ReportID's Flag to the remote community.
	FederateReport = "report"
	// FederateSiteBan sends the ban from the whole site of Moderation's
	// PersonID (or with Undo its end), by the admin PersonID (zero for the
	// operator at the command line).
	FederateSiteBan = "site_ban"
	// FederateCreatePrivateMessage, FederateUpdatePrivateMessage and
	// FederateDeletePrivateMessage (with Deleted false, its Undo) send
	// PrivateMessageID's activity to its recipient only.
	FederateCreatePrivateMessage = "create_private_message"
	FederateUpdatePrivateMessage = "update_private_message"
	FederateDeletePrivateMessage = "delete_private_message"
)

// Kind names the job in the queue.
func (FederateArgs) Kind() string { return "federate_local" }

// enqueue queues jobs when this service has a queue (tools that only
// read, and some tests, run without).
func (s *Service) enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error {
	if s.jobs == nil {
		return nil
	}
	return s.jobs.Enqueue(ctx, tx, jobs...)
}

// VerifyOriginArgs asks for a post or comment that a community on another
// server relayed to be fetched from its author's server and compared with
// what we stored (see VerifyAtOrigin in federation).
type VerifyOriginArgs struct {
	// Object is the post's or comment's ActivityPub id, on its author's
	// server.
	Object string `json:"object"`
	// Version is when the relayed version says it was last edited (or,
	// never edited, written): a newer one at the origin is an edit we
	// missed, not a forgery.
	Version time.Time `json:"version,omitzero"`
	// Gone: what was relayed is its author's deletion of it, so the
	// origin is expected not to have it any more.
	Gone bool `json:"gone,omitempty"`
}

// Kind names the job in the queue.
func (VerifyOriginArgs) Kind() string { return "verify_origin" }

// VerifyOriginMaxAttempts: an origin that stays unreachable this long
// leaves the content as it is; unverifiable is not forged.
const VerifyOriginMaxAttempts = 5

// InsertOpts: a few tries, with backoff (see the worker's NextRetry).
func (VerifyOriginArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: VerifyOriginMaxAttempts}
}
