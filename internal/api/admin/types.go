package admin

import "github.com/tidings/tidings/internal/api/model"

// BanPerson is Lemmy's BanPerson; expires is in Unix seconds.
type BanPerson struct {
	PersonID   int64   `json:"person_id"`
	Ban        bool    `json:"ban"`
	RemoveData *bool   `json:"remove_data"`
	Reason     *string `json:"reason"`
	Expires    *int64  `json:"expires"`
}

// BanPersonResponse is Lemmy's BanPersonResponse.
type BanPersonResponse struct {
	PersonView model.PersonView `json:"person_view"`
	Banned     bool             `json:"banned"`
}

// AddAdmin is Lemmy's AddAdmin.
type AddAdmin struct {
	PersonID int64 `json:"person_id"`
	Added    bool  `json:"added"`
}

// AddAdminResponse is Lemmy's AddAdminResponse.
type AddAdminResponse struct {
	Admins []model.PersonView `json:"admins"`
}

// Purge is Lemmy's PurgePerson, PurgeCommunity, PurgePost and
// PurgeComment at once: each names only its own id.
type Purge struct {
	PersonID    int64   `json:"person_id"`
	CommunityID int64   `json:"community_id"`
	PostID      int64   `json:"post_id"`
	CommentID   int64   `json:"comment_id"`
	Reason      *string `json:"reason"`
}

// SuccessResponse is Lemmy's SuccessResponse.
type SuccessResponse struct {
	Success bool `json:"success"`
}

// RegistrationApplication is Lemmy's RegistrationApplication.
// local_user_id is the person's id, as it is everywhere in this API.
type RegistrationApplication struct {
	ID          int64   `json:"id"`
	LocalUserID int64   `json:"local_user_id"`
	Answer      string  `json:"answer"`
	DenyReason  *string `json:"deny_reason,omitempty"`
	Published   string  `json:"published"`
}

// RegistrationApplicationView is Lemmy's RegistrationApplicationView. The
// deciding admin is left out: the record keeps only their name.
type RegistrationApplicationView struct {
	RegistrationApplication RegistrationApplication `json:"registration_application"`
	CreatorLocalUser        model.LocalUser         `json:"creator_local_user"`
	Creator                 model.Person            `json:"creator"`
}

// ListRegistrationApplicationsResponse is Lemmy's.
type ListRegistrationApplicationsResponse struct {
	RegistrationApplications []RegistrationApplicationView `json:"registration_applications"`
}

// RegistrationApplicationResponse is Lemmy's.
type RegistrationApplicationResponse struct {
	RegistrationApplication RegistrationApplicationView `json:"registration_application"`
}

// GetUnreadRegistrationApplicationCountResponse is Lemmy's.
type GetUnreadRegistrationApplicationCountResponse struct {
	RegistrationApplications int `json:"registration_applications"`
}

// ApproveRegistrationApplication is Lemmy's.
type ApproveRegistrationApplication struct {
	ID         int64   `json:"id"`
	Approve    bool    `json:"approve"`
	DenyReason *string `json:"deny_reason"`
}
