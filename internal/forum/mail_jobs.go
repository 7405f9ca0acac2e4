package forum

import "github.com/riverqueue/river"

// Purposes of a SendMailArgs.
const (
	MailVerifyEmail   = "verify_email"   // a link that confirms To
	MailResetPassword = "reset_password" // a link that sets a new password
	MailNotification  = "notification"   // Subject and Text, as given
)

// SendMailArgs asks for one mail to a local person. A mail with a link
// carries no token: the job makes the token when it runs and keeps only
// its hash, so no live link ever sits in the job table.
type SendMailArgs struct {
	PersonID int64  `json:"person_id"`
	Purpose  string `json:"purpose"`
	// To is the address to verify, for MailVerifyEmail (the account's
	// own address stays until it is verified); otherwise the account's.
	To      string `json:"to,omitempty"`
	Subject string `json:"subject,omitempty"`
	Text    string `json:"text,omitempty"`
}

// Kind names the job in the queue.
func (SendMailArgs) Kind() string { return "send_mail" }

// SendMailMaxAttempts: River's backoff (attempt⁴ seconds) spreads these
// over about a day, long enough for a mail server's outage.
const SendMailMaxAttempts = 10

// InsertOpts: see SendMailMaxAttempts.
func (SendMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: SendMailMaxAttempts}
}
