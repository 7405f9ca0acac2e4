package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// Routes is the whole table of HTML routes, in one place, with Lemmy's URLs.
func (h *Handler) Routes(r chi.Router) {
	r.Get("/static/*", h.static.serve)
	r.Head("/static/*", h.static.serve)

	// Uploaded images: no session, and headers of their own (imageShow).
	r.Get("/pictrs/image/{name}", h.imageShow)
	r.Head("/pictrs/image/{name}", h.imageShow)
	r.Get("/pictrs/proxy", h.imageProxy)

	r.Group(func(r chi.Router) {
		r.Use(securityHeaders, h.csrf.Handler, h.withSession)

		r.Get("/", h.frontPage)
		r.Get("/communities", h.communityList)
		r.Get("/c/{name}", h.communityShow)
		r.Get("/post/{id}", h.postShow)
		r.Get("/comment/{id}", h.commentShow)
		r.Get("/u/{name}", h.userShow)
		r.Get("/search", h.search)
		r.Get("/legal", h.legal)
		r.Get("/instances", h.instanceList)
		r.Get("/modlog", h.modlogShow)
		r.Get("/feeds/all.xml", h.feedAll)
		r.Get("/feeds/local.xml", h.feedLocal)
		// {file} rather than {name}.xml: remote names contain dots.
		r.Get("/feeds/c/{file}", h.feedCommunity)
		r.Get("/feeds/u/{file}", h.feedUser)

		r.Get("/login", h.loginForm)
		r.Post("/login", h.login)
		r.Get("/signup", h.signupForm)
		r.Post("/signup", h.signup)
		r.Get("/password_reset", h.passwordResetForm)
		r.Post("/password_reset", h.passwordResetRequest)
		r.Get("/password_reset/{token}", h.passwordResetLink)
		r.Post("/password_reset/{token}", h.passwordResetSet)
		r.Get("/verify_email/{token}", h.verifyEmailLink)
		r.Post("/verify_email/resend", h.verifyEmailResend)
		r.Post("/verify_email/{token}", h.verifyEmail)

		r.Group(func(r chi.Router) {
			r.Use(h.requireUser)
			r.Post("/logout", h.logout)
			r.Get("/settings", h.settingsForm)
			r.Post("/settings", h.settingsSave)
			r.Post("/settings/notifications", h.settingsNotificationsSave)
			r.Post("/settings/password", h.passwordChange)
			r.Post("/settings/email", h.emailChange)
			r.Post("/settings/email_notifications", h.emailNotificationsSave)
			r.Get("/settings/export", h.accountExport)
			r.Get("/settings/pictures", h.settingsPictures)
			r.Post("/settings/pictures", h.settingsPictureUpload)
			r.Post("/settings/pictures/{id}/delete", h.imageDelete)
			r.Get("/settings/delete", h.accountDeleteForm)
			r.Post("/settings/delete", h.accountDelete)
			r.Get("/create_community", h.communityNew)
			r.Post("/create_community", h.communityCreate)
			r.Post("/c/{name}/subscribe", h.communitySubscribe)
			r.Post("/c/{name}/unsubscribe", h.communityUnsubscribe)
			r.Get("/c/{name}/moderation", h.communityModeration)
			r.Post("/c/{name}/edit", h.communityUpdate)
			r.Post("/c/{name}/pictures", h.communityPictureUpload)
			r.Post("/c/{name}/ban", h.communityBan)
			r.Post("/c/{name}/unban", h.communityUnban)
			r.Post("/c/{name}/moderators", h.communityModerators)
			r.Post("/c/{name}/transfer", h.communityTransfer)
			r.Get("/create_post", h.postNew)
			r.Post("/create_post", h.postCreate)
			r.Get("/post/{id}/edit", h.postEdit)
			r.Post("/post/{id}/edit", h.postUpdate)
			r.Post("/post/{id}/delete", h.postDelete)
			r.Post("/post/{id}/vote", h.postVote)
			r.Post("/post/{id}/remove", h.postRemove)
			r.Post("/post/{id}/lock", h.postLock)
			r.Post("/post/{id}/feature", h.postFeature)
			r.Post("/post/{id}/nsfw", h.postNSFW)
			r.Post("/post/{id}/comment", h.commentCreate)
			r.Get("/comment/{id}/edit", h.commentEdit)
			r.Post("/comment/{id}/edit", h.commentUpdate)
			r.Post("/comment/{id}/delete", h.commentDelete)
			r.Post("/comment/{id}/vote", h.commentVote)
			r.Post("/comment/{id}/remove", h.commentRemove)
			r.Get("/post/{id}/report", h.reportPostForm)
			r.Post("/post/{id}/report", h.reportPostCreate)
			r.Get("/comment/{id}/report", h.reportCommentForm)
			r.Post("/comment/{id}/report", h.reportCommentCreate)
			r.Get("/reports", h.reportList)
			r.Post("/post/{id}/save", h.postBookmark)
			r.Post("/comment/{id}/save", h.commentBookmark)
			r.Get("/saved", h.savedList)
			r.Post("/u/{name}/block", h.userBlock)
			r.Post("/c/{name}/block", h.communityBlock)
			r.Get("/settings/blocks", h.settingsBlocks)
			r.Post("/settings/blocks/instance", h.settingsBlockInstance)
			r.Get("/settings/reading", h.settingsReading)
			r.Post("/settings/reading", h.settingsReadingSave)
			r.Post("/reports/{id}/resolve", h.reportResolve)
			r.Get("/inbox", h.inboxShow)
			r.Post("/inbox/read_all", h.inboxMarkAllRead)
			r.Post("/inbox/{id}/read", h.inboxMarkRead)
			// Private messages: only their two people see them.
			r.Get("/create_private_message", h.privateMessageNew)
			r.Post("/create_private_message", h.privateMessageCreate)
			r.Get("/private_message/{id}/edit", h.privateMessageEdit)
			r.Post("/private_message/{id}/edit", h.privateMessageUpdate)
			r.Post("/private_message/{id}/delete", h.privateMessageDelete)
			r.Get("/inbox/messages", h.conversationList)
			r.Get("/inbox/messages/{person}", h.conversationShow)
			r.Post("/inbox/messages/{person}/read", h.conversationRead)
		})

		// The admin area: one route group, one line per page (and its
		// entry in adminSections); the forum checks the right again with
		// every change.
		r.Route("/admin", func(r chi.Router) {
			r.Use(h.requireUser, h.requireAdmin)
			r.Get("/", h.adminIndex)
			r.Get("/applications", h.applicationList)
			r.Post("/applications/approve", h.applicationApprove)
			r.Post("/applications/deny", h.applicationDeny)
			r.Get("/site", h.siteEdit)
			r.Post("/site", h.siteSave)
			r.Get("/instances", h.instanceAdmin)
			r.Post("/instances/{action}", h.instanceSet) // block, unblock, allow, disallow
			r.Get("/bans", h.siteBanList)
			r.Post("/bans", h.siteBanCreate)
			r.Post("/bans/lift", h.siteBanLift)
			r.Get("/purge", h.purgeConfirm)
			r.Post("/purge", h.purgeRun)
			r.Post("/purge/image", h.imagePurge)
		})
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(h.withSession(http.HandlerFunc(h.notFound))).ServeHTTP(w, r)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(h.withSession(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.message(w, r, http.StatusMethodNotAllowed, "Not like that",
				"This address takes a form from a page, not a visit. Go back and use the button.")
		}))).ServeHTTP(w, r)
	})
}
