package model

import "github.com/tidings/tidings/internal/store"

// NewLocalUser shapes an account's settings; those Tidings does not keep
// answer as Lemmy's defaults.
func NewLocalUser(u store.LocalUser) LocalUser {
	return LocalUser{
		ID: u.ID, PersonID: u.ID, Email: Opt(u.Email), ShowNSFW: u.ShowNSFW, Theme: "browser",
		DefaultSortType: LemmySort(u.DefaultSort), DefaultListingType: LemmyListingType(u.DefaultListing),
		InterfaceLanguage: "browser", ShowAvatars: true, SendNotificationsToEmail: u.EmailNotifications,
		ShowScores: u.ShowScores, ShowBotAccounts: u.ShowBotAccounts, ShowReadPosts: u.ShowReadPosts,
		EmailVerified: u.EmailVerified, AcceptedApplication: u.Accepted, BlurNSFW: u.BlurNSFW,
		InfiniteScrollEnabled: true, Admin: u.Admin,
		PostListingMode: "List", EnableAnimatedImages: true,
	}
}
