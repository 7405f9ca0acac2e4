package apiutil

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// refusalCodes name the forum's kinds of refusal with Lemmy's codes, in
// the order they are tried: the first kind a refusal is wins.
var refusalCodes = []struct {
	kind error
	code *Error
}{
	{forum.ErrSiteBanned, ErrSiteBan},
	{forum.ErrCommunityBanned, ErrBannedFromComm},
	{forum.ErrLocked, ErrLocked},
	{forum.ErrModsOnly, ErrOnlyMods},
	{forum.ErrTooDeep, NewError("max_comment_depth_reached", http.StatusBadRequest)},
	{forum.ErrNotModerator, ErrNotAllowed},
	{forum.ErrNotAdmin, NewError("not_an_admin", http.StatusBadRequest)},
	{forum.ErrOutranked, NewError("not_higher_mod", http.StatusBadRequest)},
	{forum.ErrNotFirstModerator, NewError("not_top_mod", http.StatusBadRequest)},
}

// Refusal names a forum refusal with Lemmy's code where an app branches
// on it (a ban, a lock, someone else's post), else fallback: the code of
// the action, as Lemmy names it (couldnt_create_post ...). The kind is
// the forum's sentinel, never its sentence, so a reworded message cannot
// change a code. Anything not a refusal passes through as it is, to be
// logged as ours.
func Refusal(err error, fallback *Error) error {
	return refusal(err, fallback, fallback)
}

// PostRefusal is Refusal for an action on a post: someone else's post is
// no_post_edit_allowed.
func PostRefusal(err error, fallback *Error) error { return refusal(err, ErrNoPostEdit, fallback) }

// CommentRefusal is Refusal for an action on a comment: someone else's
// comment is no_comment_edit_allowed.
func CommentRefusal(err error, fallback *Error) error {
	return refusal(err, ErrNoCommentEdit, fallback)
}

func refusal(err error, notAuthor, fallback *Error) error {
	var e *Error
	if err == nil || errors.As(err, &e) || !forum.IsInputError(err) || errors.Is(err, forum.ErrNotFound) {
		return err
	}
	if errors.Is(err, forum.ErrNotAuthor) {
		return notAuthor.Because(err)
	}
	for _, rc := range refusalCodes {
		if errors.Is(err, rc.kind) {
			return rc.code.Because(err)
		}
	}
	return fallback.Because(err)
}
