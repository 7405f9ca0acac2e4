// Package mail sends the site's mail (address verification, password
// reset, notifications) over SMTP, through github.com/wneessen/go-mail.
// It sits beside store: forum and the handlers use it, it uses nothing of
// Tidings. Mail is sent only from a River job (see worker.SendMail), never
// from a request.
package mail

import (
	"context"
	"errors"
)

// Message is one plain-text mail to one person.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Sender sends a message, or says why not. Permanent(err) tells a refusal
// that trying again cannot mend (an address the server will not take)
// from trouble that may pass.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// permanentError is a refusal that retrying cannot change.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Permanent reports whether err is a refusal that sending again would
// meet again.
func Permanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}
