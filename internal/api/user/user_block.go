package user

import (
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

var errBlock = apiutil.NewError("person_block_already_exists", http.StatusBadRequest)

// block blocks a person for the reader, or unblocks them, as a profile's
// Block button does: their posts and comments leave the reader's
// listings, their messages and mentions stop reaching them.
func (m *Module) block(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in BlockPerson
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	p, err := m.d.Store.PersonByID(r.Context(), in.PersonID)
	if err != nil {
		m.d.Fail(w, r, err, errPersonNotFound, nil)
		return
	}
	handle := p.Name
	if !p.Local {
		handle += "@" + p.Domain
	}
	if _, err := m.d.Forum.BlockPerson(r.Context(), u, handle, in.Block); err != nil {
		m.d.Fail(w, r, blockRefusal(err), errPersonNotFound, errBlock)
		return
	}
	pv, err := apiutil.PersonView(r.Context(), m.d.Store, p)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, BlockPersonResponse{PersonView: pv, Blocked: in.Block})
}

// blockRefusal names the forum's two refusals of a block as Lemmy does;
// see apiutil.Refusal for why it reads the message.
func blockRefusal(err error) error {
	if !forum.IsInputError(err) {
		return err
	}
	switch msg := err.Error(); {
	case strings.Contains(msg, "cannot block yourself"):
		return apiutil.NewError("cant_block_yourself", http.StatusBadRequest).Because(err)
	case strings.Contains(msg, "admins cannot be blocked"):
		return apiutil.NewError("cant_block_admin", http.StatusBadRequest).Because(err)
	}
	return apiutil.Refusal(err, errBlock)
}
