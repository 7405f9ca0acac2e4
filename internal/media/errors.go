package media

import "errors"

// The kinds of refusal, for callers that answer differently to each; the
// RejectError's message is for the person who uploaded.
var (
	ErrTooLarge = errors.New("file too large")
	ErrTooMany  = errors.New("too many pixels")
	ErrFormat   = errors.New("not an accepted image")
	ErrCorrupt  = errors.New("image cannot be read")
	ErrPolyglot = errors.New("image carries another document")
)

// RejectError refuses an upload; Msg says why, in words for the uploader.
type RejectError struct {
	Kind error
	Msg  string
}

func (e *RejectError) Error() string { return e.Msg }

// Is lets errors.Is(err, ErrTooLarge) and the like work.
func (e *RejectError) Is(target error) bool { return target == e.Kind }

func reject(kind error, msg string) error { return &RejectError{Kind: kind, Msg: msg} }
