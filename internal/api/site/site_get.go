package site

import (
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// LemmyVersion is the version the apps are told: they pick which API to
// speak from it, and Tidings speaks 0.19's.
const LemmyVersion = "0.19.9"

// siteID is the site's id in Lemmy's shapes: Tidings has one site row.
const siteID = 1

func (m *Module) siteGet(w http.ResponseWriter, r *http.Request) {
	resp, err := m.read(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, resp)
}

func (m *Module) read(r *http.Request) (model.GetSiteResponse, error) {
	ctx := r.Context()
	st, err := m.d.Forum.Site(ctx)
	if err != nil {
		return model.GetSiteResponse{}, fmt.Errorf("get site: %w", err)
	}
	usage, err := m.d.Store.LocalUsage(ctx)
	if err != nil {
		return model.GetSiteResponse{}, fmt.Errorf("get site: %w", err)
	}
	counts, err := m.d.Store.CountSite(ctx, m.d.Host)
	if err != nil {
		return model.GetSiteResponse{}, fmt.Errorf("get site: %w", err)
	}
	admins, err := apiutil.AdminViews(ctx, m.d.Store)
	if err != nil {
		return model.GetSiteResponse{}, err
	}
	resp := model.GetSiteResponse{
		SiteView: model.SiteView{
			Site:               m.siteShape(st, counts.LocalInstanceID),
			LocalSite:          localSite(st),
			LocalSiteRateLimit: rateLimits(st),
			Counts: model.SiteAggregates{SiteID: siteID, Users: usage.Users, Posts: usage.LocalPosts,
				Comments: usage.LocalComments, Communities: counts.Communities, UsersActiveDay: counts.ActiveDay,
				UsersActiveWeek: counts.ActiveWeek, UsersActiveMonth: usage.ActiveMonth,
				UsersActiveHalfYear: usage.ActiveHalfyear},
		},
		Admins: admins, Version: LemmyVersion, AllLanguages: languages(), DiscussionLanguages: allLanguageIDs(),
		Taglines: []model.Tagline{}, CustomEmojis: []struct{}{}, BlockedURLs: []struct{}{},
	}
	if u, ok := apiutil.User(r); ok {
		my, err := m.myUser(ctx, u)
		if err != nil {
			return resp, err
		}
		resp.MyUser = &my
	}
	return resp, nil
}

func (m *Module) siteShape(st store.Site, instanceID int64) model.Site {
	actor := m.d.Forum.IRI().Base() + "/"
	return model.Site{
		ID: siteID, Name: st.Name, Sidebar: model.Opt(st.Description), Published: model.Time(st.CreatedAt),
		Updated: model.OptTime(&st.UpdatedAt), Description: model.Opt(m.d.Forum.PlainText(st.Description, 150)),
		ActorID: actor, LastRefreshedAt: model.Time(st.UpdatedAt), InboxURL: m.d.Forum.IRI().Base() + "/inbox",
		PublicKey: st.PublicKeyPEM, InstanceID: instanceID,
	}
}

// localSite shapes the site's settings. Tidings always allows downvotes
// and NSFW posts (marked and hidden by default), lets any member create a
// community only through an admin's CLI, and has no captcha, slur filter
// or private mode.
func localSite(st store.Site) model.LocalSite {
	mode := map[string]string{store.RegistrationOpen: "Open", store.RegistrationClosed: "Closed",
		store.RegistrationRequireApproval: "RequireApplication"}[st.RegistrationMode]
	if mode == "" {
		mode = "Closed"
	}
	return model.LocalSite{
		ID: siteID, SiteID: siteID, SiteSetup: true, EnableDownvotes: true, EnableNSFW: true,
		CommunityCreationAdminOnly: true, RequireEmailVerification: st.RequireEmailVerification,
		ApplicationQuestion: model.Opt(st.ApplicationQuestion), DefaultTheme: "browser",
		DefaultPostListingType: "All", HideModlogModNames: st.HideModlogModNames, ActorNameMaxLength: 20,
		FederationEnabled: true, CaptchaDifficulty: "medium", Published: model.Time(st.CreatedAt),
		Updated: model.OptTime(&st.UpdatedAt), RegistrationMode: mode, FederationSignedFetch: true,
		DefaultPostListingMode: "List", DefaultSortType: "Active",
	}
}

// rateLimits are Lemmy's defaults, which apps only display.
// TODO(ratelimit): report the limits internal/api enforces (the web's:
// see apiutil.NewWriteLimiter and the user resource's log-in buckets).
func rateLimits(st store.Site) model.LocalSiteRateLimit {
	return model.LocalSiteRateLimit{
		LocalSiteID: siteID, Message: 180, MessagePerSecond: 60, Post: 6, PostPerSecond: 600, Register: 10,
		RegisterPerSecond: 3600, Image: 6, ImagePerSecond: 3600, Comment: 6, CommentPerSecond: 600, Search: 60,
		SearchPerSecond: 600, Published: model.Time(st.CreatedAt), ImportUserSettings: 1,
		ImportUserSettingsPerSecond: 86400,
	}
}

func languages() []model.Language {
	out := make([]model.Language, len(forum.Languages))
	for i, l := range forum.Languages {
		out[i] = model.Language{ID: i, Code: l.Code, Name: l.Name}
	}
	return out
}

// allLanguageIDs: Tidings lets every post be in any language it knows.
func allLanguageIDs() []int {
	out := make([]int, len(forum.Languages))
	for i := range out {
		out[i] = i
	}
	return out
}
