// Package forum holds the rules of Tidings: who may post, comment, vote and
// moderate, and what names and texts are acceptable. Every change, whether it
// comes from a browser, the admin CLI or another instance, goes through here,
// and is written together with the work it causes in one transaction.
package forum

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidings/tidings/internal/activitypub/iri"
	"github.com/tidings/tidings/internal/markdown"
	"github.com/tidings/tidings/internal/store"
)

// Service applies the rules over the store.
type Service struct {
	store           *store.Store
	iri             iri.Builder
	md              *markdown.Renderer
	jobs            Jobs
	localInstanceID int64
	mail            bool       // the site can send mail (see WithMail)
	media           *mediaDeps // nil: no uploads (see WithMedia)
	votes           voteBatches
}

// Option configures a Service.
type Option func(*Service)

// WithJobs lets the service queue background work; without it, work that
// would be queued (fetching a link's preview) is skipped.
func WithJobs(j Jobs) Option { return func(s *Service) { s.jobs = j } }

// Open prepares the service for the instance at scheme://host, setting the
// site up on first start (see EnsureSite).
func Open(ctx context.Context, st *store.Store, scheme, host string, opts ...Option) (*Service, error) {
	s := &Service{store: st, iri: iri.New(scheme, host), md: markdown.New()}
	for _, o := range opts {
		o(s)
	}
	id, err := s.ensureSite(ctx, host)
	if err != nil {
		return nil, err
	}
	s.localInstanceID = id
	return s, nil
}

// IRI returns the builder of local ids.
func (s *Service) IRI() iri.Builder { return s.iri }

// InputError is a mistake in what a person asked for; its message is meant
// for them, as it stands.
type InputError struct {
	Field string
	Msg   string
}

func (e *InputError) Error() string { return e.Msg }

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// ErrNotFound: the named user, community or object does not exist here.
var ErrNotFound = errors.New("not found")

func notFound(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrNotFound)
}

// ErrForbidden: the actor may not do this here (not a moderator of the
// community, say).
var ErrForbidden = errors.New("not permitted")

// forbidden refuses an action for want of a right; its message, without
// the suffix ErrForbidden adds, says which, for the person who tried.
func forbidden(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrForbidden)
}

// IsInputError reports whether err is a person's mistake (or a refusal
// for want of a right) rather than ours.
func IsInputError(err error) bool {
	var ie *InputError
	var ae *ApplicationError
	return errors.As(err, &ie) || errors.As(err, &ae) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrForbidden)
}

// PlainText is markdown as unformatted text of at most max characters, for
// page descriptions and feeds.
func (s *Service) PlainText(src string, max int) string {
	return s.md.PlainText(src, max)
}

// RenderMarkdown turns markdown into sanitized HTML.
func (s *Service) RenderMarkdown(src string) (string, error) {
	return s.md.Render(src)
}
