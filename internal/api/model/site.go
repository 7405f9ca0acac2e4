package model

import "github.com/tidings/tidings/internal/store"

// Site is Lemmy's Site.
type Site struct {
	ID              int64   `json:"id"`
	Name            string  `json:"name"`
	Sidebar         *string `json:"sidebar,omitempty"`
	Published       string  `json:"published"`
	Updated         *string `json:"updated,omitempty"`
	Icon            *string `json:"icon,omitempty"`
	Banner          *string `json:"banner,omitempty"`
	Description     *string `json:"description,omitempty"`
	ActorID         string  `json:"actor_id"`
	LastRefreshedAt string  `json:"last_refreshed_at"`
	InboxURL        string  `json:"inbox_url"`
	PublicKey       string  `json:"public_key"`
	InstanceID      int64   `json:"instance_id"`
	ContentWarning  *string `json:"content_warning,omitempty"`
}

// LocalSite is Lemmy's LocalSite.
type LocalSite struct {
	ID                         int64   `json:"id"`
	SiteID                     int64   `json:"site_id"`
	SiteSetup                  bool    `json:"site_setup"`
	EnableDownvotes            bool    `json:"enable_downvotes"`
	EnableNSFW                 bool    `json:"enable_nsfw"`
	CommunityCreationAdminOnly bool    `json:"community_creation_admin_only"`
	RequireEmailVerification   bool    `json:"require_email_verification"`
	ApplicationQuestion        *string `json:"application_question,omitempty"`
	PrivateInstance            bool    `json:"private_instance"`
	DefaultTheme               string  `json:"default_theme"`
	DefaultPostListingType     string  `json:"default_post_listing_type"`
	LegalInformation           *string `json:"legal_information,omitempty"`
	HideModlogModNames         bool    `json:"hide_modlog_mod_names"`
	ApplicationEmailAdmins     bool    `json:"application_email_admins"`
	SlurFilterRegex            *string `json:"slur_filter_regex,omitempty"`
	ActorNameMaxLength         int     `json:"actor_name_max_length"`
	FederationEnabled          bool    `json:"federation_enabled"`
	CaptchaEnabled             bool    `json:"captcha_enabled"`
	CaptchaDifficulty          string  `json:"captcha_difficulty"`
	Published                  string  `json:"published"`
	Updated                    *string `json:"updated,omitempty"`
	RegistrationMode           string  `json:"registration_mode"`
	ReportsEmailAdmins         bool    `json:"reports_email_admins"`
	FederationSignedFetch      bool    `json:"federation_signed_fetch"`
	DefaultPostListingMode     string  `json:"default_post_listing_mode"`
	DefaultSortType            string  `json:"default_sort_type"`
}

// LocalSiteRateLimit is Lemmy's LocalSiteRateLimit: for each kind of
// request, how many (the number) per how many seconds.
type LocalSiteRateLimit struct {
	LocalSiteID                 int64   `json:"local_site_id"`
	Message                     int     `json:"message"`
	MessagePerSecond            int     `json:"message_per_second"`
	Post                        int     `json:"post"`
	PostPerSecond               int     `json:"post_per_second"`
	Register                    int     `json:"register"`
	RegisterPerSecond           int     `json:"register_per_second"`
	Image                       int     `json:"image"`
	ImagePerSecond              int     `json:"image_per_second"`
	Comment                     int     `json:"comment"`
	CommentPerSecond            int     `json:"comment_per_second"`
	Search                      int     `json:"search"`
	SearchPerSecond             int     `json:"search_per_second"`
	Published                   string  `json:"published"`
	Updated                     *string `json:"updated,omitempty"`
	ImportUserSettings          int     `json:"import_user_settings"`
	ImportUserSettingsPerSecond int     `json:"import_user_settings_per_second"`
}

// SiteAggregates is Lemmy's SiteAggregates.
type SiteAggregates struct {
	SiteID              int64 `json:"site_id"`
	Users               int64 `json:"users"`
	Posts               int64 `json:"posts"`
	Comments            int64 `json:"comments"`
	Communities         int64 `json:"communities"`
	UsersActiveDay      int64 `json:"users_active_day"`
	UsersActiveWeek     int64 `json:"users_active_week"`
	UsersActiveMonth    int64 `json:"users_active_month"`
	UsersActiveHalfYear int64 `json:"users_active_half_year"`
}

// SiteView is Lemmy's SiteView.
type SiteView struct {
	Site               Site               `json:"site"`
	LocalSite          LocalSite          `json:"local_site"`
	LocalSiteRateLimit LocalSiteRateLimit `json:"local_site_rate_limit"`
	Counts             SiteAggregates     `json:"counts"`
}

// Language is Lemmy's Language.
type Language struct {
	ID   int    `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// LocalUser is Lemmy's LocalUser: the account's own settings.
type LocalUser struct {
	ID                       int64   `json:"id"`
	PersonID                 int64   `json:"person_id"`
	Email                    *string `json:"email,omitempty"`
	ShowNSFW                 bool    `json:"show_nsfw"`
	Theme                    string  `json:"theme"`
	DefaultSortType          string  `json:"default_sort_type"`
	DefaultListingType       string  `json:"default_listing_type"`
	InterfaceLanguage        string  `json:"interface_language"`
	ShowAvatars              bool    `json:"show_avatars"`
	SendNotificationsToEmail bool    `json:"send_notifications_to_email"`
	ShowScores               bool    `json:"show_scores"`
	ShowBotAccounts          bool    `json:"show_bot_accounts"`
	ShowReadPosts            bool    `json:"show_read_posts"`
	EmailVerified            bool    `json:"email_verified"`
	AcceptedApplication      bool    `json:"accepted_application"`
	OpenLinksInNewTab        bool    `json:"open_links_in_new_tab"`
	BlurNSFW                 bool    `json:"blur_nsfw"`
	AutoExpand               bool    `json:"auto_expand"`
	InfiniteScrollEnabled    bool    `json:"infinite_scroll_enabled"`
	Admin                    bool    `json:"admin"`
	PostListingMode          string  `json:"post_listing_mode"`
	TOTP2FAEnabled           bool    `json:"totp_2fa_enabled"`
	EnableKeyboardNavigation bool    `json:"enable_keyboard_navigation"`
	EnableAnimatedImages     bool    `json:"enable_animated_images"`
	CollapseBotComments      bool    `json:"collapse_bot_comments"`
}

// LocalUserVoteDisplayMode is Lemmy's LocalUserVoteDisplayMode.
type LocalUserVoteDisplayMode struct {
	LocalUserID      int64 `json:"local_user_id"`
	Score            bool  `json:"score"`
	Upvotes          bool  `json:"upvotes"`
	Downvotes        bool  `json:"downvotes"`
	UpvotePercentage bool  `json:"upvote_percentage"`
}

// LocalUserView is Lemmy's LocalUserView.
type LocalUserView struct {
	LocalUser                LocalUser                `json:"local_user"`
	LocalUserVoteDisplayMode LocalUserVoteDisplayMode `json:"local_user_vote_display_mode"`
	Person                   Person                   `json:"person"`
	Counts                   PersonAggregates         `json:"counts"`
}

// PersonBlockView is Lemmy's PersonBlockView.
type PersonBlockView struct {
	Person Person `json:"person"`
	Target Person `json:"target"`
}

// Instance is Lemmy's Instance.
type Instance struct {
	ID        int64   `json:"id"`
	Domain    string  `json:"domain"`
	Published string  `json:"published"`
	Updated   *string `json:"updated,omitempty"`
	Software  *string `json:"software,omitempty"`
	Version   *string `json:"version,omitempty"`
}

// NewInstance shapes a known instance: published is when it was first
// seen, updated when last.
func NewInstance(in store.Instance) Instance {
	return Instance{ID: in.ID, Domain: in.Domain, Published: Time(in.FirstSeenAt), Updated: OptTime(&in.LastSeenAt),
		Software: Opt(in.Software), Version: Opt(in.Version)}
}

// InstanceBlockView is Lemmy's InstanceBlockView.
type InstanceBlockView struct {
	Person   Person   `json:"person"`
	Instance Instance `json:"instance"`
	Site     *Site    `json:"site,omitempty"`
}

// MyUserInfo is Lemmy's MyUserInfo.
type MyUserInfo struct {
	LocalUserView       LocalUserView            `json:"local_user_view"`
	Follows             []CommunityFollowerView  `json:"follows"`
	Moderates           []CommunityModeratorView `json:"moderates"`
	CommunityBlocks     []CommunityBlockView     `json:"community_blocks"`
	InstanceBlocks      []InstanceBlockView      `json:"instance_blocks"`
	PersonBlocks        []PersonBlockView        `json:"person_blocks"`
	DiscussionLanguages []int                    `json:"discussion_languages"`
}

// Tagline is Lemmy's Tagline (Tidings has none).
type Tagline struct {
	ID          int64   `json:"id"`
	LocalSiteID int64   `json:"local_site_id"`
	Content     string  `json:"content"`
	Published   string  `json:"published"`
	Updated     *string `json:"updated,omitempty"`
}

// GetSiteResponse is Lemmy's GetSiteResponse. Tidings has no taglines,
// custom emojis or URL blocklist: those lists are always empty.
type GetSiteResponse struct {
	SiteView            SiteView     `json:"site_view"`
	Admins              []PersonView `json:"admins"`
	Version             string       `json:"version"`
	MyUser              *MyUserInfo  `json:"my_user,omitempty"`
	AllLanguages        []Language   `json:"all_languages"`
	DiscussionLanguages []int        `json:"discussion_languages"`
	Taglines            []Tagline    `json:"taglines"`
	CustomEmojis        []struct{}   `json:"custom_emojis"`
	BlockedURLs         []struct{}   `json:"blocked_urls"`
}
