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

// BanFromCommunity is Lemmy's BanFromCommunity; expires is in Unix
// seconds.
type BanFromCommunity struct {
	CommunityID int64   `json:"community_id"`
	PersonID    int64   `json:"person_id"`
	Ban         bool    `json:"ban"`
	RemoveData  *bool   `json:"remove_data"`
	Reason      *string `json:"reason"`
	Expires     *int64  `json:"expires"`
}

// BanFromCommunityResponse is Lemmy's BanFromCommunityResponse.
type BanFromCommunityResponse struct {
	PersonView model.PersonView `json:"person_view"`
	Banned     bool             `json:"banned"`
}

// AddModToCommunity is Lemmy's AddModToCommunity.
type AddModToCommunity struct {
	CommunityID int64 `json:"community_id"`
	PersonID    int64 `json:"person_id"`
	Added       bool  `json:"added"`
}

// AddModToCommunityResponse is Lemmy's AddModToCommunityResponse.
type AddModToCommunityResponse struct {
	Moderators []model.CommunityModeratorView `json:"moderators"`
}

// TransferCommunity is Lemmy's TransferCommunity.
type TransferCommunity struct {
	CommunityID int64 `json:"community_id"`
	PersonID    int64 `json:"person_id"`
}

// CreateCommunity is Lemmy's CreateCommunity. Communities here take every
// language and are all public, so discussion_languages and visibility
// are read and not kept.
type CreateCommunity struct {
	Name                    string  `json:"name"`
	Title                   string  `json:"title"`
	Description             *string `json:"description"`
	Icon                    *string `json:"icon"`
	Banner                  *string `json:"banner"`
	NSFW                    *bool   `json:"nsfw"`
	PostingRestrictedToMods *bool   `json:"posting_restricted_to_mods"`
	DiscussionLanguages     []int   `json:"discussion_languages"`
	Visibility              *string `json:"visibility"`
}

// EditCommunity is Lemmy's EditCommunity: a field left out stays as it is.
type EditCommunity struct {
	CommunityID             int64   `json:"community_id"`
	Title                   *string `json:"title"`
	Description             *string `json:"description"`
	Icon                    *string `json:"icon"`
	Banner                  *string `json:"banner"`
	NSFW                    *bool   `json:"nsfw"`
	PostingRestrictedToMods *bool   `json:"posting_restricted_to_mods"`
	DiscussionLanguages     []int   `json:"discussion_languages"`
	Visibility              *string `json:"visibility"`
}
