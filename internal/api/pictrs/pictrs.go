// Package pictrs is image upload and deletion at the paths of pict-rs,
// Lemmy's image server, which lemmy-js-client and the apps call beside the
// API (/pictrs/image, not /api/v3), answering in pict-rs's shape: a msg
// of "ok" with the files, or a msg that says what went wrong. The images
// themselves are served by the web's GET /pictrs/image/{name}.
package pictrs

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/ratelimit"
)

// Lemmy's default limit on images, which GET /site tells the apps: 6 an
// hour for each person.
const (
	imageBurst = 6
	imageEvery = 10 * time.Minute
)

// Module is the image resource.
type Module struct {
	d      apiutil.Deps
	images *ratelimit.Keyed
}

// New returns the image resource.
func New(d apiutil.Deps) *Module {
	return &Module{d: d, images: ratelimit.New(rate.Every(imageEvery), imageBurst)}
}

// Route is the resource's route table, at the root of the site.
func (m *Module) Route(r chi.Router) {
	r = r.With(apiutil.CORS)
	r.Post("/pictrs/image", m.upload)
	r.Options("/pictrs/image", func(http.ResponseWriter, *http.Request) {}) // answered by CORS
	r.Get("/pictrs/image/delete/{token}/{file}", m.delete)
}
