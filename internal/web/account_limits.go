package web

import (
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/ratelimit"
)

// accountLimiters keep the forms that send mail from being used to flood
// someone's mailbox or our SMTP server.
type accountLimiters struct {
	resetIP    *ratelimit.Keyed // password reset requests from one address
	resetEmail *ratelimit.Keyed // and for one email address, whoever asks
	resend     *ratelimit.Keyed // verification links mailed again to one account
	email      *ratelimit.Keyed // address changes of one account
}

func newAccountLimiters() *accountLimiters {
	return &accountLimiters{
		resetIP:    ratelimit.New(rate.Every(time.Minute), 5),
		resetEmail: ratelimit.New(rate.Every(10*time.Minute), 3),
		resend:     ratelimit.New(rate.Every(10*time.Minute), 3),
		email:      ratelimit.New(rate.Every(10*time.Minute), 5),
	}
}
