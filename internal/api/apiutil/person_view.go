package apiutil

import (
	"context"
	"fmt"

	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// PersonViewByID is PersonView of the person with that id, as read now.
func PersonViewByID(ctx context.Context, st *store.Store, personID int64) (model.PersonView, error) {
	p, err := st.PersonByID(ctx, personID)
	if err != nil {
		return model.PersonView{}, fmt.Errorf("person view: %w", err)
	}
	return PersonView(ctx, st, p)
}

// AdminViews are the site's admins with their counts, the first first.
func AdminViews(ctx context.Context, st *store.Store) ([]model.PersonView, error) {
	people, err := st.AdminPeople(ctx)
	if err != nil {
		return nil, fmt.Errorf("admin views: %w", err)
	}
	ids := make([]int64, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	counts, err := st.CountPersonContent(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("admin views: %w", err)
	}
	out := make([]model.PersonView, len(people))
	for i, p := range people {
		out[i] = model.NewPersonView(p, counts[p.ID], true)
	}
	return out, nil
}
