package apiutil

import (
	"errors"
	"strings"

	"github.com/tidings/tidings/internal/forum"
)

// Refusal names a forum refusal with Lemmy's code where an app branches
// on it (a ban, a lock, someone else's post), else fallback: the code of
// the action, as Lemmy names it (couldnt_create_post ...). Anything not a
// refusal passes through as it is, to be logged as ours.
//
// TODO(forum): the forum's refusals carry a message for people and no
// kind; this reads the kind from the message until forum exports
// sentinels (ErrLocked, ErrBanned ...) to match with errors.Is.
func Refusal(err error, fallback *Error) error {
	var e *Error
	if err == nil || errors.As(err, &e) || !forum.IsInputError(err) || errors.Is(err, forum.ErrNotFound) {
		return err
	}
	msg := err.Error()
	has := func(s string) bool { return strings.Contains(msg, s) }
	switch {
	case has("only the author may change this post"):
		return ErrNoPostEdit.Because(err)
	case has("only the author may change this comment"):
		return ErrNoCommentEdit.Because(err)
	case has("banned from this site"):
		return ErrSiteBan.Because(err)
	case has("you are banned from"):
		return ErrBannedFromComm.Because(err)
	case has("is locked"):
		return ErrLocked.Because(err)
	case has("only moderators may post"):
		return ErrOnlyMods.Because(err)
	case has("too deep"):
		return NewError("max_comment_depth_reached", 400).Because(err)
	}
	return fallback.Because(err)
}
