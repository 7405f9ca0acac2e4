package model

import "github.com/tidings/tidings/internal/store"

// Community is Lemmy's Community.
type Community struct {
	ID                      int64   `json:"id"`
	Name                    string  `json:"name"`
	Title                   string  `json:"title"`
	Description             *string `json:"description,omitempty"`
	Removed                 bool    `json:"removed"`
	Published               string  `json:"published"`
	Updated                 *string `json:"updated,omitempty"`
	Deleted                 bool    `json:"deleted"`
	NSFW                    bool    `json:"nsfw"`
	ActorID                 string  `json:"actor_id"`
	Local                   bool    `json:"local"`
	Icon                    *string `json:"icon,omitempty"`
	Banner                  *string `json:"banner,omitempty"`
	Hidden                  bool    `json:"hidden"`
	PostingRestrictedToMods bool    `json:"posting_restricted_to_mods"`
	InstanceID              int64   `json:"instance_id"`
	Visibility              string  `json:"visibility"`
}

// NewCommunity shapes a stored community. Tidings has no hidden or
// local-only communities: every one is Public.
func NewCommunity(c store.Community) Community {
	return Community{
		ID: c.ID, Name: c.Name, Title: c.Title, Description: Opt(c.Description), Removed: c.Removed,
		Published: Time(c.Published), Updated: OptTime(c.Updated), Deleted: c.Deleted, NSFW: c.NSFW,
		ActorID: c.APID, Local: c.Local, Icon: Opt(c.IconURL), Banner: Opt(c.BannerURL),
		PostingRestrictedToMods: c.PostingRestrictedToMods, InstanceID: c.InstanceID, Visibility: "Public",
	}
}

// CommunityAggregates is Lemmy's CommunityAggregates. Tidings counts
// active users by month only; the shorter windows answer that too, the
// half year likewise, rather than a made-up figure.
type CommunityAggregates struct {
	CommunityID         int64  `json:"community_id"`
	Subscribers         int64  `json:"subscribers"`
	Posts               int64  `json:"posts"`
	Comments            int64  `json:"comments"`
	Published           string `json:"published"`
	UsersActiveDay      int    `json:"users_active_day"`
	UsersActiveWeek     int    `json:"users_active_week"`
	UsersActiveMonth    int    `json:"users_active_month"`
	UsersActiveHalfYear int    `json:"users_active_half_year"`
	SubscribersLocal    int64  `json:"subscribers_local"`
}

// Subscribed types, as Lemmy spells them.
const (
	Subscribed    = "Subscribed"
	NotSubscribed = "NotSubscribed"
	Pending       = "Pending"
)

// SubscribedType is Lemmy's name for a follow's state ("" for none).
func SubscribedType(state string) string {
	switch state {
	case "accepted":
		return Subscribed
	case "pending":
		return Pending
	}
	return NotSubscribed
}

// CommunityView is Lemmy's CommunityView.
type CommunityView struct {
	Community           Community           `json:"community"`
	Subscribed          string              `json:"subscribed"`
	Blocked             bool                `json:"blocked"`
	Counts              CommunityAggregates `json:"counts"`
	BannedFromCommunity bool                `json:"banned_from_community"`
}

// NewCommunityView shapes a community read with its counts, for a reader
// whose follow is in state, who may be banned from it and may block it.
func NewCommunityView(c store.Community, comments int64, state string, banned, blocked bool) CommunityView {
	return CommunityView{
		Community: NewCommunity(c), Subscribed: SubscribedType(state), BannedFromCommunity: banned, Blocked: blocked,
		Counts: CommunityAggregates{
			CommunityID: c.ID, Subscribers: c.Subscribers, Posts: c.Posts, Comments: comments,
			Published: Time(c.Published), UsersActiveDay: c.UsersActiveMonth, UsersActiveWeek: c.UsersActiveMonth,
			UsersActiveMonth: c.UsersActiveMonth, UsersActiveHalfYear: c.UsersActiveMonth,
			SubscribersLocal: c.Subscribers,
		},
	}
}

// CommunityModeratorView is Lemmy's CommunityModeratorView.
type CommunityModeratorView struct {
	Community Community `json:"community"`
	Moderator Person    `json:"moderator"`
}

// CommunityFollowerView is Lemmy's CommunityFollowerView.
type CommunityFollowerView struct {
	Community Community `json:"community"`
	Follower  Person    `json:"follower"`
}

// CommunityBlockView is Lemmy's CommunityBlockView.
type CommunityBlockView struct {
	Person    Person    `json:"person"`
	Community Community `json:"community"`
}
