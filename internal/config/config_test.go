package config_test

import (
	"errors"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/config"
)

func envOf(m map[string]string) config.Env {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func files(m map[string]string) config.ReadFile {
	return func(name string) ([]byte, error) {
		if v, ok := m[name]; ok {
			return []byte(v), nil
		}
		return nil, fs.ErrNotExist
	}
}

const goodURL = "postgres://tidings:s3cret@db.internal:5432/tidings"

func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := config.Load(envOf(map[string]string{"DATABASE_URL": goodURL, "TIDINGS_HOST": "news.example.org"}), files(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != ":8080" || c.Scheme != "https" || c.AutoMigrate || c.LogLevel != slog.LevelInfo ||
		c.LogFormat != "text" || c.AllowPrivateAddresses || c.DeliveryRetryBase != time.Minute || c.MetricsListen != "" {
		t.Errorf("unexpected defaults: %+v", c)
	}
	if got := c.BaseURL(); got != "https://news.example.org" {
		t.Errorf("BaseURL = %q", got)
	}
}

func TestEveryProblemNamesItsVariable(t *testing.T) {
	t.Parallel()
	_, err := config.Load(envOf(map[string]string{
		"TIDINGS_HOST":                "https://news.example.org/",
		"TIDINGS_LISTEN":              "8080",
		"TIDINGS_METRICS_LISTEN":      "9090",
		"TIDINGS_SCHEME":              "gopher",
		"TIDINGS_AUTO_MIGRATE":        "maybe",
		"TIDINGS_LOG_LEVEL":           "loud",
		"TIDINGS_LOG_FORMAT":          "xml",
		"TIDINGS_DELIVERY_RETRY_BASE": "soon",
	}), files(nil))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, v := range []string{"DATABASE_URL", "TIDINGS_HOST", "TIDINGS_LISTEN", "TIDINGS_METRICS_LISTEN", "TIDINGS_SCHEME",
		"TIDINGS_AUTO_MIGRATE", "TIDINGS_LOG_LEVEL", "TIDINGS_LOG_FORMAT", "TIDINGS_DELIVERY_RETRY_BASE"} {
		if !strings.Contains(err.Error(), v) {
			t.Errorf("error does not name %s:\n%v", v, err)
		}
	}
}

func TestHostValidation(t *testing.T) {
	t.Parallel()
	for host, ok := range map[string]bool{
		"news.example.org":      true,
		"127.0.0.2:8080":        true,
		"localhost:8080":        true,
		"News.Example.org":      false,
		"news.example.org/path": false,
		"http://news.example":   false,
		"news.example.org:0":    false,
		"news.example.org:x":    false,
		"user@news.example.org": false,
	} {
		_, err := config.Load(envOf(map[string]string{"DATABASE_URL": goodURL, "TIDINGS_HOST": host}), files(nil))
		if (err == nil) != ok {
			t.Errorf("host %q: err = %v, want ok=%v", host, err, ok)
		}
	}
}

// Tests shorten the delivery retry base so that a server that was down
// gets its deliveries within seconds; nonsense is refused.
func TestDeliveryRetryBase(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]time.Duration{
		"100ms": 100 * time.Millisecond,
		"1m":    time.Minute,
		"6h":    6 * time.Hour,
		"0":     0,
		"-1s":   0,
		"500us": 0,
		"7h":    0,
		"10":    0,
	} {
		c, err := config.Load(envOf(map[string]string{"DATABASE_URL": goodURL, "TIDINGS_DELIVERY_RETRY_BASE": value}), files(nil))
		switch {
		case want == 0 && (err == nil || !strings.Contains(err.Error(), "TIDINGS_DELIVERY_RETRY_BASE")):
			t.Errorf("%q: err = %v, want an error naming the variable", value, err)
		case want != 0 && err != nil:
			t.Errorf("%q: %v", value, err)
		case want != 0 && c.DeliveryRetryBase != want:
			t.Errorf("%q: DeliveryRetryBase = %s, want %s", value, c.DeliveryRetryBase, want)
		}
	}
}

func TestRequireHost(t *testing.T) {
	t.Parallel()
	c, err := config.Load(envOf(map[string]string{"DATABASE_URL": goodURL}), files(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RequireHost(); err == nil || !strings.Contains(err.Error(), "TIDINGS_HOST") {
		t.Errorf("RequireHost = %v", err)
	}
}

func TestSecretFromFile(t *testing.T) {
	t.Parallel()
	env := envOf(map[string]string{"DATABASE_URL_FILE": "/run/secrets/db"})
	c, err := config.Load(env, files(map[string]string{"/run/secrets/db": goodURL + "\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != goodURL {
		t.Errorf("DatabaseURL = %q", c.DatabaseURL)
	}
	for _, s := range config.Describe(env, c) {
		if s.Name == "DATABASE_URL" {
			if strings.Contains(s.Value, "s3cret") || s.Source != "DATABASE_URL_FILE" {
				t.Errorf("describe shows %+v", s)
			}
		}
	}

	_, err = config.Load(env, files(nil))
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL_FILE") {
		t.Errorf("unreadable file: err = %v", err)
	}
	_, err = config.Load(envOf(map[string]string{"DATABASE_URL_FILE": "/x", "DATABASE_URL": goodURL}),
		files(map[string]string{"/x": goodURL}))
	if err == nil || !strings.Contains(err.Error(), "both set") {
		t.Errorf("both set: err = %v", err)
	}
}

func TestBadURLDoesNotLeakPassword(t *testing.T) {
	t.Parallel()
	_, err := config.Load(envOf(map[string]string{"DATABASE_URL": "postgres://u:hunter2@host:notaport/db"}), files(nil))
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error leaks the password: %v", err)
	}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		t.Errorf("errors are not joined: %T", err)
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		goodURL: "postgres://tidings:REDACTED@db.internal:5432/tidings",
		"postgres://u@h/db?password=pw&sslmode=require": "postgres://u@h/db?password=REDACTED&sslmode=require",
		"postgres://u@h/db":                             "postgres://u@h/db",
		"host=h password=pw":                            "(set, not shown)",
		"":                                              "",
	} {
		if got := config.RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
