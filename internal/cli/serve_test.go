package cli_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/cli"
	"github.com/tidings/tidings/internal/db/dbtest"
)

var listening = regexp.MustCompile(`msg=listening addr=(\S+)`)

// serve starts `tidings serve` in process and returns its base URL, its log
// and a function that sends the shutdown signal and returns the exit code.
func serve(t *testing.T, c *tidings) (string, *syncBuffer, func() int) {
	t.Helper()
	c.env["TIDINGS_LISTEN"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	var out, logs syncBuffer
	done := make(chan int, 1)
	go func() { done <- cli.Main(ctx, []string{"tidings", "serve"}, c.io("", &out, &logs)) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			stop := func() int {
				cancel()
				select {
				case code := <-done:
					return code
				case <-time.After(30 * time.Second):
					t.Fatal("serve did not stop after the signal")
					return -1
				}
			}
			t.Cleanup(func() { cancel() })
			return "http://" + m[1], &logs, stop
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before listening:\n%s", code, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start listening:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeHealthAndShutdown(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "community", "create", "worldnews", "--title", "World <News>")
	base, logs, stop := serve(t, c)

	if code, body := get(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, base+"/readyz"); code != 200 || body != "ready\n" {
		t.Errorf("/readyz = %d %q", code, body)
	}
	code, body := get(t, base+"/communities")
	if code != 200 || !strings.Contains(body, "World &lt;News&gt;") || !strings.Contains(body, "!worldnews@news.example.org") {
		t.Errorf("/communities = %d\n%s", code, body)
	}
	if code, body := get(t, base+"/no/such/page"); code != 404 || !strings.Contains(body, "Nothing here") {
		t.Errorf("unknown page = %d\n%s", code, body)
	}

	if code := stop(); code != 0 {
		t.Errorf("serve exited %d after the signal:\n%s", code, logs.String())
	}
	log := logs.String()
	if !regexp.MustCompile(`msg=request id=[0-9a-f]{16} method=GET path=/readyz status=200 bytes=6 duration=\S+`).MatchString(log) {
		t.Errorf("no access log line for /readyz:\n%s", log)
	}
	if !strings.Contains(log, "msg=stopped") {
		t.Errorf("no clean stop logged:\n%s", log)
	}
}

func TestServeAutoMigrates(t *testing.T) {
	t.Parallel()
	c := newTidings(t, dbtest.NewEmptyURL(t))
	c.fails(1, "run `tidings migrate up` or set TIDINGS_AUTO_MIGRATE=true", "serve")
	c.env["TIDINGS_AUTO_MIGRATE"] = "true"
	base, _, stop := serve(t, c)
	if code, body := get(t, base+"/readyz"); code != 200 {
		t.Errorf("/readyz after auto-migrate = %d %q", code, body)
	}
	stop()
}

func TestServeReportsListenErrors(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	c.env["TIDINGS_LISTEN"] = addr
	c.fails(1, "listen on "+addr+" (TIDINGS_LISTEN)", "serve")
}
