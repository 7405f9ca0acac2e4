package apiutil

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Error is one of Lemmy's LemmyErrorType codes with the HTTP status Lemmy
// 0.19 answers it with. Apps branch on the code (not_logged_in sends the
// user to the log-in screen, rate_limit_error waits), so the codes are
// Lemmy's own, spelled as lemmy-js-client lists them.
type Error struct {
	Code   string
	Status int
	cause  error // what went wrong underneath, for the log only
}

func (e *Error) Error() string {
	if e.cause != nil {
		return e.Code + ": " + e.cause.Error()
	}
	return e.Code
}

func (e *Error) Unwrap() error { return e.cause }

// Because wraps err under the code, so the log says why while the client
// sees only the code.
func (e *Error) Because(err error) *Error {
	return &Error{Code: e.Code, Status: e.Status, cause: err}
}

// Lemmy answers 401 to a missing or bad log-in and 429 to a rate limit;
// everything else a client did wrong is a 400, as in Lemmy 0.19, where
// only those two (and 404 for a missing route) differ.
var (
	ErrNotLoggedIn       = &Error{Code: "not_logged_in", Status: http.StatusUnauthorized}
	ErrIncorrectLogin    = &Error{Code: "incorrect_login", Status: http.StatusUnauthorized}
	ErrSiteBan           = &Error{Code: "site_ban", Status: http.StatusBadRequest}
	ErrInvalidQuery      = &Error{Code: "invalid_query", Status: http.StatusBadRequest}
	ErrRateLimit         = &Error{Code: "rate_limit_error", Status: http.StatusTooManyRequests}
	ErrNotFound          = &Error{Code: "couldnt_find_object", Status: http.StatusNotFound}
	ErrPostNotFound      = &Error{Code: "couldnt_find_post", Status: http.StatusBadRequest}
	ErrCommentNotFound   = &Error{Code: "couldnt_find_comment", Status: http.StatusBadRequest}
	ErrCommunityNotFound = &Error{Code: "couldnt_find_community", Status: http.StatusBadRequest}
	ErrGetPosts          = &Error{Code: "couldnt_get_posts", Status: http.StatusBadRequest}
	ErrGetComments       = &Error{Code: "couldnt_get_comments", Status: http.StatusBadRequest}
	ErrTooManyItems      = &Error{Code: "too_many_items", Status: http.StatusBadRequest}
	ErrInvalidVote       = &Error{Code: "invalid_vote_value", Status: http.StatusBadRequest}
	ErrRegistrationShut  = &Error{Code: "registration_closed", Status: http.StatusBadRequest}
	ErrAnswerRequired    = &Error{Code: "registration_application_answer_required", Status: http.StatusBadRequest}
	ErrPasswordsDiffer   = &Error{Code: "passwords_do_not_match", Status: http.StatusBadRequest}
	ErrUserExists        = &Error{Code: "user_already_exists", Status: http.StatusBadRequest}
	ErrEmailRequired     = &Error{Code: "email_required", Status: http.StatusBadRequest}
	ErrEmailNotVerified  = &Error{Code: "email_not_verified", Status: http.StatusBadRequest}
	ErrApplicationWaits  = &Error{Code: "registration_application_is_pending", Status: http.StatusBadRequest}
	ErrApplicationDenied = &Error{Code: "registration_denied", Status: http.StatusBadRequest}
	ErrLocked            = &Error{Code: "locked", Status: http.StatusBadRequest}
	ErrBannedFromComm    = &Error{Code: "banned_from_community", Status: http.StatusBadRequest}
	ErrNoPostEdit        = &Error{Code: "no_post_edit_allowed", Status: http.StatusBadRequest}
	ErrNoCommentEdit     = &Error{Code: "no_comment_edit_allowed", Status: http.StatusBadRequest}
	ErrOnlyMods          = &Error{Code: "only_mods_can_post_in_community", Status: http.StatusBadRequest}
	ErrNotAllowed        = &Error{Code: "not_a_mod_or_admin", Status: http.StatusBadRequest}
	ErrUnknown           = &Error{Code: "unknown", Status: http.StatusBadRequest}
)

// body is Lemmy's error shape.
type body struct {
	Error string `json:"error"`
}

// WriteError answers err in Lemmy's shape. An *Error answers as itself; a
// forum refusal answers as fallback (the code of the action that failed,
// as Lemmy names it: couldnt_create_post ...) with 400, a missing object
// as notFound; anything else is ours, logged and answered 500.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error, notFound, fallback *Error) {
	if notFound == nil {
		notFound = ErrNotFound
	}
	if fallback == nil {
		fallback = ErrUnknown
	}
	var e *Error
	switch {
	case errors.As(err, &e):
	case errors.Is(err, forum.ErrNotFound), errors.Is(err, store.ErrNotFound):
		e = notFound.Because(err)
	case forum.IsInputError(err):
		e = fallback.Because(err)
	default:
		log.ErrorContext(r.Context(), "api", "method", r.Method, "path", r.URL.Path, "err", err)
		WriteJSON(w, http.StatusInternalServerError, body{Error: "unknown"})
		return
	}
	if e.Status < 500 && e.cause != nil {
		log.DebugContext(r.Context(), "api refusal", "path", r.URL.Path, "code", e.Code, "err", e.cause)
	}
	WriteJSON(w, e.Status, body{Error: e.Code})
}

// NewError is a code with a status of Lemmy's, for the few refusals a
// single endpoint has.
func NewError(code string, status int) *Error { return &Error{Code: code, Status: status} }
