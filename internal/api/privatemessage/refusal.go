package privatemessage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// refusal names the forum's refusals of a message as Lemmy does: someone
// else's message, a recipient who blocks the sender, an empty or
// overlong text; see apiutil.Refusal for why it reads the message.
func refusal(err error, fallback *apiutil.Error) error {
	if !forum.IsInputError(err) || errors.Is(err, forum.ErrNotFound) {
		return err
	}
	switch msg := err.Error(); {
	case strings.Contains(msg, "only who wrote a message"), strings.Contains(msg, "only the recipient"):
		return errNotYours.Because(err)
	case strings.Contains(msg, "does not take messages from you"):
		return apiutil.NewError("person_is_blocked", http.StatusBadRequest).Because(err)
	case strings.Contains(msg, "too long"), strings.Contains(msg, "message is empty"):
		return apiutil.NewError("invalid_body_field", http.StatusBadRequest).Because(err)
	}
	return apiutil.Refusal(err, fallback)
}
