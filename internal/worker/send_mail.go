package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/mail"
)

// Postman writes the mail a job asks for; forum implements it.
type Postman interface {
	ComposeMail(ctx context.Context, args forum.SendMailArgs) (mail.Message, bool, error)
}

// SendMail sends one mail to a local person through the SMTP server,
// retried with River's backoff while the server is down or says "later".
type SendMail struct {
	river.WorkerDefaults[forum.SendMailArgs]
	Deps
}

// Timeout leaves room for the SMTP client's own limit and ends before
// River would rescue the job.
func (w *SendMail) Timeout(*river.Job[forum.SendMailArgs]) time.Duration { return MaxTimeout }

// Work writes the mail when it runs (so a link's token is made then, and
// only its hash kept) and sends it. An address the server refuses for
// good cancels the job; anything else is tried again.
func (w *SendMail) Work(ctx context.Context, job *river.Job[forum.SendMailArgs]) error {
	if w.Mail == nil || w.Postman == nil {
		return river.JobCancel(fmt.Errorf("send mail: this process has no SMTP server configured"))
	}
	m, ok, err := w.Postman.ComposeMail(ctx, job.Args)
	if err != nil {
		return fmt.Errorf("send %s mail to person %d: %w", job.Args.Purpose, job.Args.PersonID, err)
	}
	if !ok {
		return nil
	}
	if err := w.Mail.Send(ctx, m); err != nil {
		if mail.Permanent(err) {
			w.log().WarnContext(ctx, "mail refused for good", "purpose", job.Args.Purpose, "person", job.Args.PersonID, "err", err)
			return river.JobCancel(err)
		}
		return fmt.Errorf("send %s mail to person %d: %w", job.Args.Purpose, job.Args.PersonID, err)
	}
	return nil
}
