package federation_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/db"
	"github.com/tidings/tidings/internal/db/dbtest"
)

// logRecorder is a slog handler that keeps what is logged.
type logRecorder struct {
	mu      sync.Mutex
	records []map[string]string // each record's attributes, with its level and message
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	m := map[string]string{"level": r.Level.String(), "msg": r.Message}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.String()
		return true
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, m)
	return nil
}

func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logRecorder) WithGroup(string) slog.Handler      { return l }

// refusals are the inbox's refusals logged so far.
func (l *logRecorder) refusals() []map[string]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]string
	for _, r := range l.records {
		if r["msg"] == "inbox: refused" {
			out = append(out, r)
		}
	}
	return out
}

// Every refusal is logged, once, with its status and reason, and with what
// is known of the activity and who sent it: the sender's mistakes at
// info, a failure of ours at warn, and a signature's refusal names the
// key and what failed. A database that refuses connections is ours: 503,
// so that the sender tries again, and the retry is applied.
func TestInboxLogsEveryRefusalWithItsReason(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	proxy := dbtest.NewProxy(t, "127.0.0.1", dbtest.NewURL(t))
	pool, err := db.Open(ctx, proxy.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	logs := &logRecorder{}
	rm, l := newSender(t), newLocalOn(t, pool, slog.New(logs))
	senderHost := strings.TrimPrefix(rm.url, "http://")
	key := rm.bob + "#main-key"
	n := 0
	follow := func(object string) []byte {
		n++
		return activity(map[string]any{"id": fmt.Sprintf("%s/activities/follow/%d", rm.url, n), "type": "Follow",
			"actor": rm.bob, "object": object})
	}
	send := func(body []byte, edit func(*http.Request)) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, l.url+"/inbox", bytes.NewReader(body))
		if edit != nil {
			edit(req)
		}
		if err := rm.signer.SignPost(req, body); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	for _, tc := range []struct {
		name   string
		send   func(body []byte) (int, string)
		status int
		level  string
		reason string // in the logged reason
		key    bool   // the key is logged
	}{
		{"unsigned", func(body []byte) (int, string) { return l.post(t, "/inbox", body, nil) },
			401, "INFO", "no Signature header", false},
		{"stale date", func(body []byte) (int, string) {
			return send(body, func(r *http.Request) {
				r.Header.Set("Date", time.Now().Add(-2*time.Hour).UTC().Format(http.TimeFormat))
			})
		}, 401, "INFO", "more than the 1h0m0s allowed", true},
		{"body changed after signing", func(body []byte) (int, string) {
			req, _ := http.NewRequest(http.MethodPost, l.url+"/inbox", bytes.NewReader(body))
			if err := rm.signer.SignPost(req, body); err != nil {
				t.Fatal(err)
			}
			evil := append(bytes.TrimSuffix(body, []byte("}")), []byte(`,"x":1}`)...)
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(evil)), int64(len(evil))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}, 400, "INFO", "is not that of the", true},
		{"no such community", func([]byte) (int, string) { return send(follow(l.url+"/c/nothere"), nil) },
			404, "INFO", "no community " + l.url + "/c/nothere here", true},
	} {
		before := len(logs.refusals())
		body := follow(l.community.APID)
		code, answer := tc.send(body)
		got := logs.refusals()[before:]
		if code != tc.status || len(got) != 1 {
			t.Errorf("%s: %d %q, logged %d refusals; want %d, logged once", tc.name, code, answer, len(got), tc.status)
			continue
		}
		r := got[0]
		if r["level"] != tc.level || r["status"] != fmt.Sprint(tc.status) || !strings.Contains(r["reason"], tc.reason) ||
			r["sender"] != senderHost || r["type"] != "Follow" || r["actor"] != rm.bob || !strings.HasPrefix(r["activity"], rm.url+"/activities/follow/") {
			t.Errorf("%s: logged %v; want level %s, status %d, a reason with %q, the sender %s and the activity", tc.name, r, tc.level, tc.status, tc.reason, senderHost)
		}
		if tc.key && r["key"] != key {
			t.Errorf("%s: logged %v; want the key %s named", tc.name, r, key)
		}
	}

	// bob's key is known here now, and remembered: the signature checks
	// out without the database, which goes away, and the actor's lookup
	// after it fails.
	proxy.Down()
	good := follow(l.community.APID)
	code, answer := send(good, nil)
	got := logs.refusals()
	r := got[len(got)-1]
	if code != http.StatusServiceUnavailable || !strings.Contains(answer, "try again later") || strings.Contains(answer, "127.0.0.1:") {
		t.Errorf("database down: %d %q; want 503, try again, and no word of our database's address", code, answer)
	}
	if r["level"] != "WARN" || r["status"] != "503" || r["key"] != key || !strings.Contains(r["reason"], "resolve actor") {
		t.Errorf("database down: logged %v; want a warning naming the key and the failed lookup", r)
	}
	proxy.Up(t)
	if code, answer := send(good, nil); code != http.StatusAccepted {
		t.Fatalf("the same Follow once the database is back: %d %q", code, answer)
	}
	if n := l.followers(t); n != 1 {
		t.Errorf("followers after the retried Follow: %d, want 1", n)
	}
	if len(logs.refusals()) != len(got) {
		t.Errorf("the accepted retry logged a refusal: %v", logs.refusals()[len(got):])
	}
}
