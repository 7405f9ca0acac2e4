package mediatest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/media"
)

// WeedVersion is the SeaweedFS release .ci/run builds; StartS3 runs any
// weed it finds, but this is the one the tests are known to pass with.
const WeedVersion = "v0.0.0-20261109003541-7506e5f91cd6"

// Credentials of the test server's one identity.
const (
	s3AccessKey = "tidings-test"
	s3SecretKey = "tidings-test-secret"
	s3Bucket    = "tidings-media"
)

// weedBinary finds SeaweedFS: $TIDINGS_WEED, weed on PATH, or the one
// scripts/install-weed.sh put in $(go env GOPATH)/bin.
func weedBinary() string {
	if p := os.Getenv("TIDINGS_WEED"); p != "" {
		return p
	}
	if p, err := exec.LookPath("weed"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	p := filepath.Join(gopath, "bin", "weed")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// StartS3 runs a real S3-compatible server (SeaweedFS's master, volume,
// filer and S3 gateway in one process) on loopback ports over a
// temporary folder, until the test ends, and answers how to reach its
// bucket. Without the weed binary the test is skipped, saying how to get
// it, unless TIDINGS_REQUIRE_INTEROP=1 (as in CI, which installs it).
func StartS3(t testing.TB) media.S3Config {
	t.Helper()
	bin := weedBinary()
	if bin == "" {
		msg := "SeaweedFS (weed) not found: the S3 storage test needs a real S3 server; run scripts/install-weed.sh or set TIDINGS_WEED"
		if os.Getenv("TIDINGS_REQUIRE_INTEROP") == "1" {
			t.Fatal(msg + " (TIDINGS_REQUIRE_INTEROP=1 forbids skipping)")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "s3.json")
	identity := fmt.Sprintf(`{"identities":[{"name":"tidings","credentials":[{"accessKey":%q,"secretKey":%q}],`+
		`"actions":["Admin","Read","Write","List","Tagging"]}]}`, s3AccessKey, s3SecretKey)
	if err := os.WriteFile(conf, []byte(identity), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	p := freePorts(t, 8)
	args := []string{"server", "-dir=" + data, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-master.port=" + p[0], "-master.port.grpc=" + p[1],
		"-volume.port=" + p[2], "-volume.port.grpc=" + p[3], "-volume.max=4",
		"-master.volumeSizeLimitMB=64",
		"-filer", "-filer.port=" + p[4], "-filer.port.grpc=" + p[5],
		"-s3", "-s3.port=" + p[6], "-s3.port.grpc=" + p[7], "-s3.port.iceberg=0", "-s3.port.lance=0",
		"-s3.config=" + conf}
	cmd := exec.Command(bin, args...)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	// The server must not outlive a test binary killed by a timeout.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	// Killed, not stopped: a graceful stop waits 10 s for clients that a
	// test does not have, and its folder is thrown away.
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	cfg := media.S3Config{Endpoint: "http://127.0.0.1:" + p[6], Bucket: s3Bucket, Region: "us-east-1",
		AccessKey: s3AccessKey, SecretKey: s3SecretKey}
	// Ready once a file can be written: the gateway answers before the
	// volume server has room, so probe with a real Put.
	started := time.Now()
	deadline := started.Add(90 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("weed exited at start:\n%s", tail(logs.String()))
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		lastErr = probe(ctx, cfg)
		cancel()
		if testing.Verbose() && lastErr != nil {
			t.Logf("%s: %v", time.Since(started).Round(time.Millisecond), lastErr)
		}
		if lastErr == nil {
			t.Logf("SeaweedFS S3 on %s ready after %s", cfg.Endpoint, time.Since(started).Round(time.Millisecond))
			return cfg
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("weed's S3 gateway not ready within 90 s: %v\n%s", lastErr, tail(logs.String()))
	return cfg
}

func probe(ctx context.Context, cfg media.S3Config) error {
	s, err := media.NewS3(ctx, cfg)
	if err != nil {
		return err
	}
	if err := s.Put(ctx, "probe.txt", strings.NewReader("ok"), 2, "text/plain"); err != nil {
		return err
	}
	return s.Delete(ctx, "probe.txt")
}

// freePorts asks the kernel for n unused loopback ports. Another process
// could take one before weed binds it; that is rare enough on a test
// machine, and the start-up error then says so.
func freePorts(t testing.TB, n int) []string {
	t.Helper()
	var ls []net.Listener
	var ports []string
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

func tail(s string) string {
	if len(s) > 4000 {
		return "..." + s[len(s)-4000:]
	}
	return s
}
