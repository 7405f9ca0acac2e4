package mail

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
)

// How the connection to the SMTP server is encrypted.
const (
	// TLSStartTLS: plain connection upgraded with STARTTLS, which the
	// server must offer (smtp://, port 587 by default).
	TLSStartTLS = "starttls"
	// TLSImplicit: TLS from the first byte (smtps://, port 465 by default).
	TLSImplicit = "implicit"
	// TLSNone: no encryption at all (smtp://...?tls=none), for a relay on
	// the same machine or a test server.
	TLSNone = "none"
)

// Config is how to reach the SMTP server and whom mail is from.
type Config struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      string // TLSStartTLS, TLSImplicit or TLSNone
	From     string // the From address, e.g. "Tidings <noreply@news.example.org>"
}

// ParseURL reads smtp://user:pass@host:port or smtps://..., with
// ?tls=none to turn STARTTLS off on smtp://. A non-empty password
// replaces the URL's (it came from a file, say). Its errors never quote
// the URL, which may hold the password.
func ParseURL(raw, password, from string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Config{}, errors.New("is not a URL; write smtp://user:password@host:587 or smtps://user:password@host:465")
	}
	c := Config{Host: u.Hostname(), Password: password, From: from}
	switch u.Scheme {
	case "smtp":
		c.TLS, c.Port = TLSStartTLS, 587
		switch t := u.Query().Get("tls"); t {
		case "", TLSStartTLS:
		case TLSNone:
			c.TLS = TLSNone
		default:
			return Config{}, fmt.Errorf("has tls=%q; only tls=none (no STARTTLS) or tls=starttls are understood", t)
		}
	case "smtps":
		c.TLS, c.Port = TLSImplicit, 465
	default:
		return Config{}, fmt.Errorf("has the scheme %q; use smtp:// (STARTTLS) or smtps:// (TLS)", u.Scheme)
	}
	if c.Host == "" {
		return Config{}, errors.New("names no host; write smtp://user:password@host:587")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Config{}, fmt.Errorf("has the port %q, which is not a number from 1 to 65535", p)
		}
		c.Port = n
	}
	if u.User != nil {
		c.Username = u.User.Username()
		if pw, ok := u.User.Password(); ok && c.Password == "" {
			c.Password = pw
		}
	}
	if from == "" {
		return Config{}, errors.New("is set but TIDINGS_SMTP_FROM is not; give the From address, e.g. noreply@" + c.Host)
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return Config{}, fmt.Errorf("is set, but TIDINGS_SMTP_FROM %q is not an address: %v", from, err)
	}
	return c, nil
}

// Addr is host:port, for logs.
func (c Config) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }
