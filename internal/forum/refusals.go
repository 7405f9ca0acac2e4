package forum

import "errors"

// Kinds of refusal, for callers that answer with a code rather than a
// sentence (the client API): errors.Is(err, ErrLocked). A refusal's
// message stays the sentence written for people, so rewording it can
// change what a page says but never which code an app is sent.
var (
	ErrSiteBanned      = errors.New("banned from the site")
	ErrCommunityBanned = errors.New("banned from the community")
	ErrLocked          = errors.New("locked")
	ErrNotAuthor       = errors.New("not the author")
	ErrModsOnly        = errors.New("only moderators may post")
	ErrTooDeep         = errors.New("thread too deep")
	ErrNotModerator    = errors.New("not a moderator or admin")
	ErrNotAdmin        = errors.New("not an admin")
	// ErrNotFirstModerator: only a community's first moderator, who
	// created it or was handed it, (or an admin) may do this.
	ErrNotFirstModerator = errors.New("not the first moderator")
	// ErrOutranked: a moderator acting against an admin or an earlier
	// moderator.
	ErrOutranked = errors.New("outranked")
	// ErrTooLong: a text (a reason, say) longer than its limit.
	ErrTooLong = errors.New("too long")
	// ErrUnchanged: the action asks for the state things are in already.
	ErrUnchanged = errors.New("unchanged")
)

// kindedError is a refusal with its kind: it reads as the refusal and is
// both the refusal and its kind to errors.Is and errors.As.
type kindedError struct {
	err  error
	kind error
}

func (e *kindedError) Error() string   { return e.err.Error() }
func (e *kindedError) Unwrap() []error { return []error{e.err, e.kind} }

// withKind marks a refusal with one of the kinds above.
func withKind(kind, err error) error { return &kindedError{err: err, kind: kind} }

// errYouAreSiteBanned is the refusal of anything a person banned from the
// site tries.
func errYouAreSiteBanned() error {
	return withKind(ErrSiteBanned, forbidden("you are banned from this site"))
}
