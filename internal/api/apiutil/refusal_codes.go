package apiutil

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// ReportError names a refused report with Lemmy's code: a missing
// reason, one too long, else the forum's refusal.
func ReportError(err error) error {
	var ie *forum.InputError
	switch {
	case errors.Is(err, forum.ErrTooLong):
		return NewError("report_too_long", http.StatusBadRequest).Because(err)
	case errors.As(err, &ie) && ie.Field == "reason":
		return NewError("report_reason_required", http.StatusBadRequest).Because(err)
	}
	return Refusal(err, NewError("couldnt_create_report", http.StatusBadRequest))
}

// BanRefusal names a refused ban with Lemmy's code where it ends in the
// past, else as Refusal does.
func BanRefusal(err error, fallback *Error) error {
	var ie *forum.InputError
	if errors.As(err, &ie) && ie.Field == "expires" {
		return NewError("ban_expiration_in_past", http.StatusBadRequest).Because(err)
	}
	return Refusal(err, fallback)
}
