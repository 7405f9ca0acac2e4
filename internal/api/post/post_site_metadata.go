package post

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/linkpreview"
	"github.com/tidings/tidings/internal/safehttp"
)

// siteMetadata reads what a link says about itself, for the form of a
// post being written, as a link post's card is read: through the one
// outbound client, which refuses private and reserved addresses. Only a
// logged-in person may ask, within the write limit, so that the server
// cannot be made to fetch for strangers.
func (m *Module) siteMetadata(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	link := r.URL.Query().Get("url")
	if err := forum.CheckLink(link); err != nil {
		m.d.Fail(w, r, errInvalidURL.Because(err), nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if m.d.HTTP == nil {
		m.d.Fail(w, r, errNoMetadata, nil, nil)
		return
	}
	p, err := linkpreview.Fetch(r.Context(), m.d.HTTP, link)
	if err != nil {
		m.d.Fail(w, r, metadataRefusal(err), nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetSiteMetadataResponse{Metadata: LinkMetadata{
		Title: model.Opt(p.Title), Description: model.Opt(p.Description), Image: model.Opt(p.ImageURL),
		ContentType: model.Opt(p.ContentType)}})
}

var (
	errInvalidURL = apiutil.NewError("invalid_url", http.StatusBadRequest)
	// errNoMetadata: the link could not be read (down, slow, an error
	// page); the post may be written all the same.
	errNoMetadata = apiutil.NewError("couldnt_find_object", http.StatusBadRequest)
)

// metadataRefusal names why a link was not read: blocked_url for an
// address this server will not reach (private, loopback, reserved), as
// Lemmy names a link it refuses; invalid_url for one that is no web
// address; the page's not being HTML; else that it could not be read.
func metadataRefusal(err error) error {
	switch {
	case errors.Is(err, safehttp.ErrForbiddenAddress):
		return apiutil.NewError("blocked_url", http.StatusBadRequest).Because(err)
	case errors.Is(err, safehttp.ErrInvalidURL), errors.Is(err, safehttp.ErrUnsupportedScheme):
		return errInvalidURL.Because(err)
	case errors.Is(err, linkpreview.ErrUnsupported):
		return apiutil.NewError("site_metadata_page_is_not_doctype_html", http.StatusBadRequest).Because(err)
	}
	return errNoMetadata.Because(err)
}
