package forum

// WithMail tells the service that the site can send mail (an SMTP server
// is configured): only then are addresses verified, forgotten passwords
// reset by mail and notifications mailed. Without it those features are
// off and nothing is queued for them.
func WithMail() Option { return func(s *Service) { s.mail = true } }

// MailEnabled tells whether the site can send mail.
func (s *Service) MailEnabled() bool { return s.mail }
