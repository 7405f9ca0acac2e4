package activitypub

import "time"

// Activity types.
const (
	KindCreate   Kind = "Create"
	KindUpdate   Kind = "Update"
	KindDelete   Kind = "Delete"
	KindLike     Kind = "Like"
	KindDislike  Kind = "Dislike"
	KindUndo     Kind = "Undo"
	KindFollow   Kind = "Follow"
	KindAccept   Kind = "Accept"
	KindReject   Kind = "Reject"
	KindAnnounce Kind = "Announce"
	KindAdd      Kind = "Add"
	KindRemove   Kind = "Remove"
	KindLock     Kind = "Lock"
	KindBlock    Kind = "Block"
	KindFlag     Kind = "Flag"
	KindResolve  Kind = "Resolve" // Lemmy: a report was resolved
	KindWarn     Kind = "Warn"    // Lemmy 1.0: a moderator's warning
)

var activityKinds = map[Kind]bool{
	KindCreate: true, KindUpdate: true, KindDelete: true, KindLike: true, KindDislike: true,
	KindUndo: true, KindFollow: true, KindAccept: true, KindReject: true, KindAnnounce: true,
	KindAdd: true, KindRemove: true, KindLock: true, KindBlock: true, KindFlag: true,
	KindResolve: true, KindWarn: true,
}

// IsActivity reports whether k is an activity type this package reads.
func IsActivity(k Kind) bool { return activityKinds[k] }

// Activity is every activity Lemmy sends: one struct, the fields each type
// uses filled in.
type Activity struct {
	LDContext RawJSON     `json:"@context,omitempty"`
	ID        string      `json:"id"`
	Type      Kind        `json:"type"`
	Actor     IRIOrObject `json:"actor,omitzero"`
	Object    IRIOrObject `json:"object,omitzero"`
	// Target is the collection of an Add or Remove (moderators, featured),
	// or the community or site of a Block.
	Target   IRIOrObject `json:"target,omitzero"`
	To       Strings     `json:"to,omitempty"`
	Cc       Strings     `json:"cc,omitempty"`
	Audience IRIOrObject `json:"audience,omitzero"`
	// Summary is the reason of a moderator's action. On a Delete its
	// presence, even empty, makes the deletion a moderator's removal.
	Summary *string `json:"summary,omitempty"`
	// Content is the comment of a Mastodon Flag.
	Content string `json:"content,omitempty"`
	// RemoveData asks, on a Delete of a person or a Block, that their
	// content be removed too.
	RemoveData bool `json:"removeData,omitempty"`
	// Expires (Lemmy 0.19) and EndTime (Lemmy 1.0) end a Block.
	Expires   Time `json:"expires,omitzero"`
	EndTime   Time `json:"endTime,omitzero"`
	Tag       Tags `json:"tag,omitempty"`
	Published Time `json:"published,omitzero"`
}

// Kind is the type.
func (a Activity) Kind() Kind { return a.Type }

// IRI is the id.
func (a Activity) IRI() string { return a.ID }

// Addressing is where the activity is addressed.
func (a Activity) Addressing() Addressing {
	return Addressing{Audience: a.Audience.ID, To: a.To, Cc: a.Cc}
}

// IsVote reports a Like or Dislike.
func (a Activity) IsVote() bool { return a.Type == KindLike || a.Type == KindDislike }

// VoteScore is +1 for a Like, -1 for a Dislike, 0 otherwise.
func (a Activity) VoteScore() int {
	switch a.Type {
	case KindLike:
		return 1
	case KindDislike:
		return -1
	}
	return 0
}

// WrapsActivity reports whether the object is an embedded activity, as in
// the Announce a community sends of what it received. Lemmy also announces
// a bare Page for Mastodon's sake: that Announce does not wrap an activity
// and must not create a second post.
func (a Activity) WrapsActivity() bool { return a.Object.Raw != nil && IsActivity(a.Object.Type) }

// IsModRemoval reports a Delete that carries a summary: a moderator's
// removal rather than the author's deletion.
func (a Activity) IsModRemoval() bool { return a.Type == KindDelete && a.Summary != nil }

// IsAccountDeletion reports a Delete whose object is its actor.
func (a Activity) IsAccountDeletion() bool {
	return a.Type == KindDelete && a.Object.ID != "" && a.Object.ID == a.Actor.ID
}

// Reason is the summary, or "".
func (a Activity) Reason() string {
	if a.Summary == nil {
		return ""
	}
	return *a.Summary
}

// ReportReason is why a Flag reports what it does: Lemmy's summary, or
// Mastodon's content.
func (a Activity) ReportReason() string {
	if r := a.Reason(); r != "" {
		return r
	}
	return a.Content
}

// ExpiresAt is when a Block ends, from expires or endTime; zero for never.
func (a Activity) ExpiresAt() time.Time {
	if !a.Expires.IsZero() {
		return a.Expires.Time
	}
	return a.EndTime.Time
}
