package user

import "github.com/tidings/tidings/internal/api/model"

// Login is Lemmy's Login.
type Login struct {
	UsernameOrEmail string `json:"username_or_email"`
	Password        string `json:"password"`
	TOTP2FAToken    string `json:"totp_2fa_token"`
}

// LoginResponse is Lemmy's LoginResponse: the jwt is absent when the
// account waits for an application's approval or an email's verification.
type LoginResponse struct {
	JWT                 *string `json:"jwt,omitempty"`
	RegistrationCreated bool    `json:"registration_created"`
	VerifyEmailSent     bool    `json:"verify_email_sent"`
}

// Register is Lemmy's Register.
type Register struct {
	Username       string `json:"username"`
	Password       string `json:"password"`
	PasswordVerify string `json:"password_verify"`
	ShowNSFW       *bool  `json:"show_nsfw"`
	Email          string `json:"email"`
	CaptchaUUID    string `json:"captcha_uuid"`
	CaptchaAnswer  string `json:"captcha_answer"`
	Honeypot       string `json:"honeypot"`
	Answer         string `json:"answer"`
}

// GetUnreadCountResponse is Lemmy's GetUnreadCountResponse.
type GetUnreadCountResponse struct {
	Replies         int `json:"replies"`
	Mentions        int `json:"mentions"`
	PrivateMessages int `json:"private_messages"`
}

// SuccessResponse is Lemmy's SuccessResponse.
type SuccessResponse = model.SuccessResponse

// GetPersonDetailsResponse is Lemmy's GetPersonDetailsResponse.
type GetPersonDetailsResponse struct {
	PersonView model.PersonView               `json:"person_view"`
	Site       *model.Site                    `json:"site,omitempty"`
	Comments   []model.CommentView            `json:"comments"`
	Posts      []model.PostView               `json:"posts"`
	Moderates  []model.CommunityModeratorView `json:"moderates"`
}

// ChangePassword is Lemmy's ChangePassword.
type ChangePassword struct {
	NewPassword       string `json:"new_password"`
	NewPasswordVerify string `json:"new_password_verify"`
	OldPassword       string `json:"old_password"`
}

// GetRepliesResponse is Lemmy's GetRepliesResponse.
type GetRepliesResponse struct {
	Replies []model.CommentReplyView `json:"replies"`
}

// GetPersonMentionsResponse is Lemmy's GetPersonMentionsResponse.
type GetPersonMentionsResponse struct {
	Mentions []model.PersonMentionView `json:"mentions"`
}

// SaveUserSettings is the part of Lemmy's SaveUserSettings Tidings keeps;
// the rest of its fields (theme, avatars, blur, languages ...) are
// accepted and ignored, as the apps send them all at once.
type SaveUserSettings struct {
	ShowNSFW           *bool   `json:"show_nsfw"`
	DefaultSortType    *string `json:"default_sort_type"`
	DefaultListingType *string `json:"default_listing_type"`
	DisplayName        *string `json:"display_name"`
	Bio                *string `json:"bio"`
	// The reading settings, as the web's reading page has them.
	ShowReadPosts       *bool  `json:"show_read_posts"`
	ShowScores          *bool  `json:"show_scores"`
	ShowBotAccounts     *bool  `json:"show_bot_accounts"`
	BlurNSFW            *bool  `json:"blur_nsfw"`
	BotAccount          *bool  `json:"bot_account"`
	DiscussionLanguages *[]int `json:"discussion_languages"`
}

// BlockPerson is Lemmy's BlockPerson.
type BlockPerson struct {
	PersonID int64 `json:"person_id"`
	Block    bool  `json:"block"`
}

// BlockPersonResponse is Lemmy's BlockPersonResponse.
type BlockPersonResponse struct {
	PersonView model.PersonView `json:"person_view"`
	Blocked    bool             `json:"blocked"`
}

// GetCaptchaResponse is Lemmy's GetCaptchaResponse: ok is absent when the
// site has no captcha.
type GetCaptchaResponse struct {
	OK *struct{} `json:"ok,omitempty"`
}

// VerifyEmail is Lemmy's VerifyEmail.
type VerifyEmail struct {
	Token string `json:"token"`
}

// PasswordReset is Lemmy's PasswordReset.
type PasswordReset struct {
	Email string `json:"email"`
}

// PasswordChangeAfterReset is Lemmy's PasswordChangeAfterReset.
type PasswordChangeAfterReset struct {
	Token          string `json:"token"`
	Password       string `json:"password"`
	PasswordVerify string `json:"password_verify"`
}
