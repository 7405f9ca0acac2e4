package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// sendTimeout bounds one delivery to the SMTP server: connecting, the
// conversation and the message. It is short because the job that sends
// must end before the queue takes it for stuck (worker.MaxTimeout); a
// slow server is tried again later.
const sendTimeout = 10 * time.Second

// SMTP sends through one SMTP server.
type SMTP struct {
	cfg Config
}

var _ Sender = (*SMTP)(nil)

// NewSMTP prepares a sender; it connects only when it sends.
func NewSMTP(cfg Config) *SMTP { return &SMTP{cfg: cfg} }

// Send delivers m on a connection of its own, so that sends from several
// jobs at once do not share one SMTP conversation.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return &permanentError{fmt.Errorf("send mail: the From address: %w", err)}
	}
	if err := msg.To(m.To); err != nil {
		return &permanentError{fmt.Errorf("send mail: the address %q: %w", m.To, err)}
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)

	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(sendTimeout)}
	switch s.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		// go-mail sends no password in the clear unless told to: only an
		// explicit tls=none (a relay on this machine) tells it.
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.TLS == TLSNone {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	client, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("send mail: set up the SMTP client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		err = fmt.Errorf("send mail to %s via %s: %w", m.To, s.cfg.Addr(), err)
		var se *gomail.SendError
		if errors.As(err, &se) && se.Reason == gomail.ErrSMTPRcptTo && !se.IsTemp() {
			// The server refuses this recipient for good (a 5xx to RCPT TO).
			return &permanentError{err}
		}
		return err
	}
	return nil
}
