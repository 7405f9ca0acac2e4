package config

import "github.com/tidings/tidings/internal/mail"

// smtp reads the mail server's settings: none at all leaves mail off, and
// a half-given one is a mistake reported at start, not at the first mail.
func (l *loader) smtp() *mail.Config {
	raw := l.secret(VarSMTPURL)
	password := l.secret(VarSMTPPassword)
	from := l.str(VarSMTPFrom)
	if raw == "" {
		if password != "" || from != "" {
			l.fail(VarSMTPURL, "is not set, but "+VarSMTPPassword+" or "+VarSMTPFrom+" is; set the URL of the SMTP server too, or neither")
		}
		return nil
	}
	c, err := mail.ParseURL(raw, password, from)
	if err != nil {
		l.fail(VarSMTPURL, err.Error())
		return nil
	}
	return &c
}
