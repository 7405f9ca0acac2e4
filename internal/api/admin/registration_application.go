package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

var errApplicationNotFound = apiutil.NewError("couldnt_find_registration_application", http.StatusBadRequest)

// listApplications is a page of sign-ups for an admin, as the admin
// applications page lists them: the pending ones (unread_only), oldest
// first, or every one, newest first.
func (m *Module) listApplications(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	qs := apiutil.NewQuery(r.URL.Query())
	unread := qs.Bool("unread_only")
	offset, limit := qs.Page()
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	list, err := m.d.Forum.ApplicationsAt(r.Context(), forum.AsUser(u), !unread, offset, limit)
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, apiutil.ErrUnknown), nil, nil)
		return
	}
	views, err := m.applicationViews(r.Context(), list)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, ListRegistrationApplicationsResponse{RegistrationApplications: views})
}

// countApplications counts the sign-ups waiting for an admin.
func (m *Module) countApplications(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	n, err := m.d.Forum.PendingApplicationsFor(r.Context(), forum.AsUser(u))
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, apiutil.ErrUnknown), nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetUnreadRegistrationApplicationCountResponse{RegistrationApplications: n})
}

// getApplication answers the application of one person (person_id).
func (m *Module) getApplication(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	qs := apiutil.NewQuery(r.URL.Query())
	personID := qs.Int64("person_id")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	a, err := m.d.Forum.ApplicationOf(r.Context(), forum.AsUser(u), personID)
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, apiutil.ErrUnknown), errApplicationNotFound, nil)
		return
	}
	m.respond(w, r, a)
}

// approveApplication approves a sign-up, or denies it with the reason the
// applicant reads at their next log-in, as the admin page's buttons do.
func (m *Module) approveApplication(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in ApproveRegistrationApplication
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	by := forum.AsUser(u)
	a, err := m.d.Forum.Application(r.Context(), by, in.ID)
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, apiutil.ErrUnknown), errApplicationNotFound, nil)
		return
	}
	if in.Approve {
		_, err = m.d.Forum.ApproveApplication(r.Context(), by, a.Name)
	} else {
		_, err = m.d.Forum.DenyApplication(r.Context(), by, a.Name, apiutil.Deref(in.DenyReason))
	}
	if err != nil && !errors.Is(err, forum.ErrUnchanged) {
		m.d.Fail(w, r, apiutil.Refusal(err, errUpdateUser), errApplicationNotFound, errUpdateUser)
		return
	}
	if a, err = m.d.Forum.Application(r.Context(), by, in.ID); err != nil {
		m.d.Fail(w, r, err, errApplicationNotFound, nil)
		return
	}
	m.respond(w, r, a)
}

func (m *Module) respond(w http.ResponseWriter, r *http.Request, a store.Application) {
	views, err := m.applicationViews(r.Context(), []store.Application{a})
	if err == nil && len(views) == 0 {
		err = fmt.Errorf("application %d: its account is gone", a.ID)
	}
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, RegistrationApplicationResponse{RegistrationApplication: views[0]})
}

// applicationViews shapes applications with their applicants' accounts,
// read at once.
func (m *Module) applicationViews(ctx context.Context, list []store.Application) ([]RegistrationApplicationView, error) {
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.PersonID
	}
	users, err := m.d.Store.LocalUsersByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("application views: %w", err)
	}
	out := make([]RegistrationApplicationView, 0, len(list))
	for _, a := range list {
		lu, ok := users[a.PersonID]
		if !ok {
			continue
		}
		out = append(out, RegistrationApplicationView{
			RegistrationApplication: RegistrationApplication{ID: a.ID, LocalUserID: a.PersonID, Answer: a.Answer,
				DenyReason: model.Opt(a.DenyReason), Published: model.Time(a.CreatedAt)},
			CreatorLocalUser: model.NewLocalUser(lu), Creator: model.NewPerson(lu.Person),
		})
	}
	return out, nil
}
