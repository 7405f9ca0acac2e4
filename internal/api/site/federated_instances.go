package site

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
)

// federatedInstances lists the servers this one knows, as the web's
// instances page does: linked are those it federates with, allowed those
// an admin allowed, blocked those an admin blocked. Ours is not listed.
func (m *Module) federatedInstances(w http.ResponseWriter, r *http.Request) {
	all, err := m.d.Store.ListInstances(r.Context())
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	out := FederatedInstances{Linked: []InstanceWithFederationState{}, Allowed: []InstanceWithFederationState{},
		Blocked: []InstanceWithFederationState{}}
	for _, in := range all {
		if in.Domain == m.d.Host {
			continue
		}
		v := InstanceWithFederationState{ID: in.ID, Domain: in.Domain, Published: model.Time(in.FirstSeenAt),
			Updated: model.OptTime(&in.LastSeenAt), Software: model.Opt(in.Software), Version: model.Opt(in.Version)}
		if !in.Refused {
			out.Linked = append(out.Linked, v)
		}
		if in.Allowed {
			out.Allowed = append(out.Allowed, v)
		}
		if in.Blocked {
			out.Blocked = append(out.Blocked, v)
		}
	}
	apiutil.WriteJSON(w, http.StatusOK, GetFederatedInstancesResponse{FederatedInstances: &out})
}
