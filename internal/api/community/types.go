package community

import "github.com/tidings/tidings/internal/api/model"

// GetCommunityResponse is Lemmy's GetCommunityResponse.
type GetCommunityResponse struct {
	CommunityView       model.CommunityView            `json:"community_view"`
	Site                *model.Site                    `json:"site,omitempty"`
	Moderators          []model.CommunityModeratorView `json:"moderators"`
	DiscussionLanguages []int                          `json:"discussion_languages"`
}

// ListCommunitiesResponse is Lemmy's ListCommunitiesResponse.
type ListCommunitiesResponse struct {
	Communities []model.CommunityView `json:"communities"`
}

// FollowCommunity is Lemmy's FollowCommunity.
type FollowCommunity struct {
	CommunityID int64 `json:"community_id"`
	Follow      bool  `json:"follow"`
}

// CommunityResponse is Lemmy's CommunityResponse.
type CommunityResponse struct {
	CommunityView       model.CommunityView `json:"community_view"`
	DiscussionLanguages []int               `json:"discussion_languages"`
}

// BlockCommunity is Lemmy's BlockCommunity.
type BlockCommunity struct {
	CommunityID int64 `json:"community_id"`
	Block       bool  `json:"block"`
}

// BlockCommunityResponse is Lemmy's BlockCommunityResponse.
type BlockCommunityResponse struct {
	CommunityView model.CommunityView `json:"community_view"`
	Blocked       bool                `json:"blocked"`
}
