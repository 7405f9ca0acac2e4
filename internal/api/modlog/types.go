package modlog

import "github.com/tidings/tidings/internal/api/model"

// GetModlogResponse is Lemmy's GetModlogResponse: one array per kind of
// action, each newest first. Moderator is left out where the site hides
// moderators from the reader.
type GetModlogResponse struct {
	RemovedPosts           []ModRemovePostView        `json:"removed_posts"`
	LockedPosts            []ModLockPostView          `json:"locked_posts"`
	FeaturedPosts          []ModFeaturePostView       `json:"featured_posts"`
	RemovedComments        []ModRemoveCommentView     `json:"removed_comments"`
	RemovedCommunities     []ModRemoveCommunityView   `json:"removed_communities"`
	BannedFromCommunity    []ModBanFromCommunityView  `json:"banned_from_community"`
	Banned                 []ModBanView               `json:"banned"`
	AddedToCommunity       []ModAddCommunityView      `json:"added_to_community"`
	TransferredToCommunity []ModTransferCommunityView `json:"transferred_to_community"`
	Added                  []ModAddView               `json:"added"`
	AdminPurgedPersons     []AdminPurgePersonView     `json:"admin_purged_persons"`
	AdminPurgedCommunities []AdminPurgeCommunityView  `json:"admin_purged_communities"`
	AdminPurgedPosts       []AdminPurgePostView       `json:"admin_purged_posts"`
	AdminPurgedComments    []AdminPurgeCommentView    `json:"admin_purged_comments"`
	HiddenCommunities      []struct{}                 `json:"hidden_communities"`
}

// ModRemovePost is Lemmy's ModRemovePost.
type ModRemovePost struct {
	ID          int64   `json:"id"`
	ModPersonID int64   `json:"mod_person_id"`
	PostID      int64   `json:"post_id"`
	Reason      *string `json:"reason,omitempty"`
	Removed     bool    `json:"removed"`
	When        string  `json:"when_"`
}

// ModRemovePostView is Lemmy's ModRemovePostView.
type ModRemovePostView struct {
	ModRemovePost ModRemovePost   `json:"mod_remove_post"`
	Moderator     *model.Person   `json:"moderator,omitempty"`
	Post          model.Post      `json:"post"`
	Community     model.Community `json:"community"`
}

// ModLockPost is Lemmy's ModLockPost.
type ModLockPost struct {
	ID          int64  `json:"id"`
	ModPersonID int64  `json:"mod_person_id"`
	PostID      int64  `json:"post_id"`
	Locked      bool   `json:"locked"`
	When        string `json:"when_"`
}

// ModLockPostView is Lemmy's ModLockPostView.
type ModLockPostView struct {
	ModLockPost ModLockPost     `json:"mod_lock_post"`
	Moderator   *model.Person   `json:"moderator,omitempty"`
	Post        model.Post      `json:"post"`
	Community   model.Community `json:"community"`
}

// ModFeaturePost is Lemmy's ModFeaturePost.
type ModFeaturePost struct {
	ID                  int64  `json:"id"`
	ModPersonID         int64  `json:"mod_person_id"`
	PostID              int64  `json:"post_id"`
	Featured            bool   `json:"featured"`
	When                string `json:"when_"`
	IsFeaturedCommunity bool   `json:"is_featured_community"`
}

// ModFeaturePostView is Lemmy's ModFeaturePostView.
type ModFeaturePostView struct {
	ModFeaturePost ModFeaturePost  `json:"mod_feature_post"`
	Moderator      *model.Person   `json:"moderator,omitempty"`
	Post           model.Post      `json:"post"`
	Community      model.Community `json:"community"`
}

// ModRemoveComment is Lemmy's ModRemoveComment.
type ModRemoveComment struct {
	ID          int64   `json:"id"`
	ModPersonID int64   `json:"mod_person_id"`
	CommentID   int64   `json:"comment_id"`
	Reason      *string `json:"reason,omitempty"`
	Removed     bool    `json:"removed"`
	When        string  `json:"when_"`
}

// ModRemoveCommentView is Lemmy's ModRemoveCommentView.
type ModRemoveCommentView struct {
	ModRemoveComment ModRemoveComment `json:"mod_remove_comment"`
	Moderator        *model.Person    `json:"moderator,omitempty"`
	Comment          model.Comment    `json:"comment"`
	Commenter        model.Person     `json:"commenter"`
	Post             model.Post       `json:"post"`
	Community        model.Community  `json:"community"`
}

// ModRemoveCommunity is Lemmy's ModRemoveCommunity.
type ModRemoveCommunity struct {
	ID          int64   `json:"id"`
	ModPersonID int64   `json:"mod_person_id"`
	CommunityID int64   `json:"community_id"`
	Reason      *string `json:"reason,omitempty"`
	Removed     bool    `json:"removed"`
	When        string  `json:"when_"`
}

// ModRemoveCommunityView is Lemmy's ModRemoveCommunityView.
type ModRemoveCommunityView struct {
	ModRemoveCommunity ModRemoveCommunity `json:"mod_remove_community"`
	Moderator          *model.Person      `json:"moderator,omitempty"`
	Community          model.Community    `json:"community"`
}

// ModBanFromCommunity is Lemmy's ModBanFromCommunity.
type ModBanFromCommunity struct {
	ID            int64   `json:"id"`
	ModPersonID   int64   `json:"mod_person_id"`
	OtherPersonID int64   `json:"other_person_id"`
	CommunityID   int64   `json:"community_id"`
	Reason        *string `json:"reason,omitempty"`
	Banned        bool    `json:"banned"`
	Expires       *string `json:"expires,omitempty"`
	When          string  `json:"when_"`
}

// ModBanFromCommunityView is Lemmy's ModBanFromCommunityView.
type ModBanFromCommunityView struct {
	ModBanFromCommunity ModBanFromCommunity `json:"mod_ban_from_community"`
	Moderator           *model.Person       `json:"moderator,omitempty"`
	Community           model.Community     `json:"community"`
	BannedPerson        model.Person        `json:"banned_person"`
}

// ModBan is Lemmy's ModBan: a ban from the site.
type ModBan struct {
	ID            int64   `json:"id"`
	ModPersonID   int64   `json:"mod_person_id"`
	OtherPersonID int64   `json:"other_person_id"`
	Reason        *string `json:"reason,omitempty"`
	Banned        bool    `json:"banned"`
	Expires       *string `json:"expires,omitempty"`
	When          string  `json:"when_"`
}

// ModBanView is Lemmy's ModBanView.
type ModBanView struct {
	ModBan       ModBan        `json:"mod_ban"`
	Moderator    *model.Person `json:"moderator,omitempty"`
	BannedPerson model.Person  `json:"banned_person"`
}

// ModAddCommunity is Lemmy's ModAddCommunity.
type ModAddCommunity struct {
	ID            int64  `json:"id"`
	ModPersonID   int64  `json:"mod_person_id"`
	OtherPersonID int64  `json:"other_person_id"`
	CommunityID   int64  `json:"community_id"`
	Removed       bool   `json:"removed"`
	When          string `json:"when_"`
}

// ModAddCommunityView is Lemmy's ModAddCommunityView.
type ModAddCommunityView struct {
	ModAddCommunity ModAddCommunity `json:"mod_add_community"`
	Moderator       *model.Person   `json:"moderator,omitempty"`
	Community       model.Community `json:"community"`
	ModdedPerson    model.Person    `json:"modded_person"`
}

// ModTransferCommunity is Lemmy's ModTransferCommunity.
type ModTransferCommunity struct {
	ID            int64  `json:"id"`
	ModPersonID   int64  `json:"mod_person_id"`
	OtherPersonID int64  `json:"other_person_id"`
	CommunityID   int64  `json:"community_id"`
	When          string `json:"when_"`
}

// ModTransferCommunityView is Lemmy's ModTransferCommunityView.
type ModTransferCommunityView struct {
	ModTransferCommunity ModTransferCommunity `json:"mod_transfer_community"`
	Moderator            *model.Person        `json:"moderator,omitempty"`
	Community            model.Community      `json:"community"`
	ModdedPerson         model.Person         `json:"modded_person"`
}

// ModAdd is Lemmy's ModAdd: an admin appointed or dismissed.
type ModAdd struct {
	ID            int64  `json:"id"`
	ModPersonID   int64  `json:"mod_person_id"`
	OtherPersonID int64  `json:"other_person_id"`
	Removed       bool   `json:"removed"`
	When          string `json:"when_"`
}

// ModAddView is Lemmy's ModAddView.
type ModAddView struct {
	ModAdd       ModAdd        `json:"mod_add"`
	Moderator    *model.Person `json:"moderator,omitempty"`
	ModdedPerson model.Person  `json:"modded_person"`
}

// AdminPurge is what Lemmy's four AdminPurge records share; post_id and
// community_id belong to the comment's and the post's.
type AdminPurge struct {
	ID            int64   `json:"id"`
	AdminPersonID int64   `json:"admin_person_id"`
	PostID        int64   `json:"post_id,omitempty"`
	CommunityID   int64   `json:"community_id,omitempty"`
	Reason        *string `json:"reason,omitempty"`
	When          string  `json:"when_"`
}

// AdminPurgePersonView is Lemmy's AdminPurgePersonView.
type AdminPurgePersonView struct {
	AdminPurgePerson AdminPurge    `json:"admin_purge_person"`
	Admin            *model.Person `json:"admin,omitempty"`
}

// AdminPurgeCommunityView is Lemmy's AdminPurgeCommunityView.
type AdminPurgeCommunityView struct {
	AdminPurgeCommunity AdminPurge    `json:"admin_purge_community"`
	Admin               *model.Person `json:"admin,omitempty"`
}

// AdminPurgePostView is Lemmy's AdminPurgePostView.
type AdminPurgePostView struct {
	AdminPurgePost AdminPurge      `json:"admin_purge_post"`
	Admin          *model.Person   `json:"admin,omitempty"`
	Community      model.Community `json:"community"`
}

// AdminPurgeCommentView is Lemmy's AdminPurgeCommentView.
type AdminPurgeCommentView struct {
	AdminPurgeComment AdminPurge    `json:"admin_purge_comment"`
	Admin             *model.Person `json:"admin,omitempty"`
	Post              model.Post    `json:"post"`
}
