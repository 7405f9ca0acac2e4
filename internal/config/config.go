// Package config reads Tidings' settings from the environment once, at start,
// and validates them so that a mistake is reported with the variable's name
// instead of surfacing later as a confusing failure.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/mail"
)

// Config is the whole effective configuration. It is passed by value to
// whatever needs it; there is no global copy.
type Config struct {
	DatabaseURL string
	Host        string
	Listen      string
	// MetricsListen is where /metrics is served, apart from the site;
	// empty: nowhere.
	MetricsListen         string
	Scheme                string
	AutoMigrate           bool
	LogLevel              slog.Level
	LogFormat             string
	AllowPrivateAddresses bool
	// DeliveryRetryBase is the wait before the first retry of a failed
	// delivery; each further retry waits twice as long, up to 6 hours.
	DeliveryRetryBase time.Duration
	// SMTP is the mail server, nil when none is configured: then nothing
	// is mailed and the features that need mail are off.
	SMTP *mail.Config
	// Media is where uploaded images are kept.
	Media Media
}

// Env looks a variable up; os.LookupEnv in production, a map in tests.
type Env func(name string) (string, bool)

// ReadFile reads a *_FILE secret; os.ReadFile in production.
type ReadFile func(name string) ([]byte, error)

// The variables, in the order `tidings config` prints them.
const (
	VarDatabaseURL           = "DATABASE_URL"
	VarHost                  = "TIDINGS_HOST"
	VarListen                = "TIDINGS_LISTEN"
	VarMetricsListen         = "TIDINGS_METRICS_LISTEN"
	VarScheme                = "TIDINGS_SCHEME"
	VarAutoMigrate           = "TIDINGS_AUTO_MIGRATE"
	VarLogLevel              = "TIDINGS_LOG_LEVEL"
	VarLogFormat             = "TIDINGS_LOG_FORMAT"
	VarAllowPrivateAddresses = "TIDINGS_ALLOW_PRIVATE_ADDRESSES"
	VarDeliveryRetryBase     = "TIDINGS_DELIVERY_RETRY_BASE"
	VarSMTPURL               = "TIDINGS_SMTP_URL"
	VarSMTPPassword          = "TIDINGS_SMTP_PASSWORD"
	VarSMTPFrom              = "TIDINGS_SMTP_FROM"
)

// Bounds of TIDINGS_DELIVERY_RETRY_BASE. Below a millisecond a retry would
// only spin; above 6 hours (the longest wait between two retries) every
// wait would be the same.
const (
	minDeliveryRetryBase = time.Millisecond
	maxDeliveryRetryBase = 6 * time.Hour
)

// Variable describes one setting for `tidings config` and the README.
type Variable struct {
	Name    string
	Default string
	Secret  bool
	Help    string
}

// Variables lists every setting Tidings reads.
var Variables = []Variable{
	{VarDatabaseURL, "", true, "PostgreSQL connection URL (or DATABASE_URL_FILE)"},
	{VarHost, "", false, "public host[:port] in every ActivityPub id; never change it once federating"},
	{VarListen, ":8080", false, "address the HTTP server listens on"},
	{VarMetricsListen, "", false, "address to serve Prometheus metrics at /metrics on, e.g. 127.0.0.1:9090; unset: not served"},
	{VarScheme, "https", false, "scheme of public URLs; http only for local testing"},
	{VarAutoMigrate, "false", false, "apply pending migrations when `serve` starts"},
	{VarLogLevel, "info", false, "debug, info, warn or error"},
	{VarLogFormat, "text", false, "text or json"},
	{VarAllowPrivateAddresses, "false", false, "let outbound requests reach loopback and private addresses (tests only)"},
	{VarDeliveryRetryBase, "1m", false, "wait before retrying a failed delivery, doubled each retry (shorter only in tests)"},
	{VarSMTPURL, "", true, "SMTP server for the site's mail, smtp://user:pass@host:587 (STARTTLS) or smtps://...:465; unset: no mail"},
	{VarSMTPPassword, "", true, "the SMTP password, instead of the one in the URL (or TIDINGS_SMTP_PASSWORD_FILE)"},
	{VarSMTPFrom, "", false, "From address of the site's mail, e.g. Tidings <noreply@news.example.org>"},
}

// Load reads and validates every variable. All problems are reported
// together, each naming its variable. TIDINGS_HOST may be empty here; the
// commands that build ids call RequireHost.
func Load(env Env, readFile ReadFile) (Config, error) {
	l := loader{env: env, readFile: readFile}
	c := Config{
		DatabaseURL:           l.secret(VarDatabaseURL),
		Host:                  l.str(VarHost),
		Listen:                l.str(VarListen),
		MetricsListen:         l.str(VarMetricsListen),
		Scheme:                l.str(VarScheme),
		AutoMigrate:           l.boolean(VarAutoMigrate),
		LogFormat:             l.str(VarLogFormat),
		AllowPrivateAddresses: l.boolean(VarAllowPrivateAddresses),
		DeliveryRetryBase:     l.duration(VarDeliveryRetryBase, minDeliveryRetryBase, maxDeliveryRetryBase),
	}
	c.LogLevel = l.level(VarLogLevel)
	c.SMTP = l.smtp()
	c.Media = l.media()

	if c.DatabaseURL == "" {
		l.fail(VarDatabaseURL, "is not set; give a PostgreSQL URL such as postgres://tidings@localhost:5432/tidings")
	} else if _, err := pgxpool.ParseConfig(c.DatabaseURL); err != nil {
		// pgx's message can quote the URL and so the password: keep only its kind.
		l.fail(VarDatabaseURL, "is not a valid PostgreSQL connection string")
	}
	if c.Host != "" {
		if err := validateHost(c.Host); err != nil {
			l.fail(VarHost, err.Error())
		}
	}
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		l.fail(VarListen, fmt.Sprintf("%q is not host:port (for example :8080 or 127.0.0.1:8080)", c.Listen))
	}
	if _, _, err := net.SplitHostPort(c.MetricsListen); c.MetricsListen != "" && err != nil {
		l.fail(VarMetricsListen, fmt.Sprintf("%q is not host:port (for example 127.0.0.1:9090)", c.MetricsListen))
	}
	if c.Scheme != "https" && c.Scheme != "http" {
		l.fail(VarScheme, fmt.Sprintf("%q must be https or http", c.Scheme))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		l.fail(VarLogFormat, fmt.Sprintf("%q must be text or json", c.LogFormat))
	}
	if len(l.errs) > 0 {
		return Config{}, errors.Join(l.errs...)
	}
	return c, nil
}

// RequireHost reports a missing TIDINGS_HOST for the commands that need it.
func (c Config) RequireHost() error {
	if c.Host == "" {
		return fmt.Errorf("%s is not set; give the public host[:port] of this instance, for example news.example.org", VarHost)
	}
	return nil
}

// BaseURL is the scheme and host every local id starts with.
func (c Config) BaseURL() string {
	return c.Scheme + "://" + c.Host
}

// Setting is one line of `tidings config`.
type Setting struct {
	Name, Value, Source string
}

// Describe lists the effective settings with secrets redacted.
func Describe(env Env, c Config) []Setting {
	values := map[string]string{
		VarDatabaseURL:           RedactURL(c.DatabaseURL),
		VarHost:                  c.Host,
		VarListen:                c.Listen,
		VarMetricsListen:         c.MetricsListen,
		VarScheme:                c.Scheme,
		VarAutoMigrate:           strconv.FormatBool(c.AutoMigrate),
		VarLogLevel:              strings.ToLower(c.LogLevel.String()),
		VarLogFormat:             c.LogFormat,
		VarAllowPrivateAddresses: strconv.FormatBool(c.AllowPrivateAddresses),
		VarDeliveryRetryBase:     c.DeliveryRetryBase.String(),
	}
	describeMedia(values, c.Media)
	if c.SMTP != nil {
		values[VarSMTPURL] = "(set, not shown)"
		values[VarSMTPFrom] = c.SMTP.From
		if c.SMTP.Password != "" {
			values[VarSMTPPassword] = "(set, not shown)"
		}
	}
	out := make([]Setting, 0, len(Variables))
	for _, v := range Variables {
		source := "default"
		if _, ok := env(v.Name + "_FILE"); ok && v.Secret {
			source = v.Name + "_FILE"
		} else if s, ok := env(v.Name); ok && s != "" {
			source = "environment"
		}
		out = append(out, Setting{Name: v.Name, Value: values[v.Name], Source: source})
	}
	return out
}

// RedactURL hides the password of a connection URL, keeping what helps to
// see which server and database are meant.
func RedactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		if s == "" {
			return ""
		}
		return "(set, not shown)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "REDACTED")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "REDACTED")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func validateHost(h string) error {
	u, err := url.Parse("//" + h)
	if err != nil || u.Host != h || u.Hostname() == "" {
		return fmt.Errorf("%q must be a bare host[:port] such as news.example.org, with no scheme or path", h)
	}
	if h != strings.ToLower(h) {
		return fmt.Errorf("%q must be lower case, as it appears in ActivityPub ids", h)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("%q has an invalid port", h)
		}
	}
	return nil
}
