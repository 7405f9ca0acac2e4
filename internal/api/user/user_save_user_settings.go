package user

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// saveSettings changes what the web's settings and reading pages change;
// a field left out stays as it is. A sort Tidings does not keep is saved
// as the nearest it does (see post/list); a language id Tidings does not
// have refuses the whole call before anything is saved.
func (m *Module) saveSettings(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in SaveUserSettings
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	s := forum.Settings{DisplayName: u.DisplayName, Bio: u.Bio, DefaultSort: u.DefaultSort,
		DefaultListing: u.DefaultListing, ShowNSFW: u.ShowNSFW}
	if in.DisplayName != nil {
		s.DisplayName = *in.DisplayName
	}
	if in.Bio != nil {
		s.Bio = *in.Bio
	}
	if in.ShowNSFW != nil {
		s.ShowNSFW = *in.ShowNSFW
	}
	if in.DefaultSortType != nil {
		sort, ok := model.PostSort(*in.DefaultSortType)
		if !ok {
			m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("unknown sort "+*in.DefaultSortType)), nil, nil)
			return
		}
		s.DefaultSort = sort
	}
	if in.DefaultListingType != nil {
		l, ok := model.ListingType(*in.DefaultListingType)
		if !ok {
			m.d.Fail(w, r, apiutil.NewError("invalid_default_post_listing_type", http.StatusBadRequest), nil, nil)
			return
		}
		s.DefaultListing = l
	}
	reading, err := readingSettings(u, in)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.UpdateSettings(r.Context(), u, s); err != nil {
		var ie *forum.InputError
		if errors.As(err, &ie) {
			switch ie.Field {
			case "display_name":
				err = apiutil.NewError("invalid_display_name", http.StatusBadRequest).Because(err)
			case "bio":
				err = apiutil.NewError("bio_length_overflow", http.StatusBadRequest).Because(err)
			}
		}
		m.d.Fail(w, r, err, nil, apiutil.NewError("couldnt_update_user", http.StatusBadRequest))
		return
	}
	if err := m.d.Forum.UpdateReading(r.Context(), u, reading); err != nil {
		m.d.Fail(w, r, err, nil, apiutil.NewError("couldnt_update_user", http.StatusBadRequest))
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, SuccessResponse{Success: true})
}

// readingSettings are u's reading settings with the call's changes; an
// unknown language id is refused.
func readingSettings(u store.LocalUser, in SaveUserSettings) (forum.ReadingSettings, error) {
	rs := forum.ReadingSettings{ShowReadPosts: u.ShowReadPosts, ShowScores: u.ShowScores,
		ShowBotAccounts: u.ShowBotAccounts, BlurNSFW: u.BlurNSFW, Languages: u.Languages(), BotAccount: u.Bot}
	for _, f := range []struct {
		in  *bool
		out *bool
	}{{in.ShowReadPosts, &rs.ShowReadPosts}, {in.ShowScores, &rs.ShowScores}, {in.ShowBotAccounts, &rs.ShowBotAccounts},
		{in.BlurNSFW, &rs.BlurNSFW}, {in.BotAccount, &rs.BotAccount}} {
		if f.in != nil {
			*f.out = *f.in
		}
	}
	if in.DiscussionLanguages != nil {
		rs.Languages = nil
		for _, id := range *in.DiscussionLanguages {
			code := model.LanguageCode(id)
			if code == "" {
				return rs, apiutil.ErrInvalidQuery.Because(fmt.Errorf("no language %d", id))
			}
			rs.Languages = append(rs.Languages, code)
		}
		if len(rs.Languages) == len(forum.Languages) {
			rs.Languages = nil // every language, as Tidings keeps it: none chosen
		}
	}
	return rs, nil
}
