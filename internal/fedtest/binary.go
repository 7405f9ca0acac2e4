// Package fedtest runs real `tidings serve` processes on loopback
// addresses, each over its own fresh database, so that tests can federate
// them with each other or with another ActivityPub implementation over
// real HTTP. An instance can be stopped and restarted on the same address
// and database, or given a second process over the same database; a
// Remote stands in for another server that follows and counts what it is
// sent. Test packages that use it call Main from their TestMain.
package fedtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	binaryOnce sync.Once
	binaryDir  string
	binaryPath string
	binaryErr  error
	mainCalled bool
)

// Main runs the package's tests and then removes the binary they built.
// Call it from TestMain: the binary outlives any one test, so no test's
// cleanup can own it.
func Main(m *testing.M) {
	mainCalled = true
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// Binary builds the tidings binary from this module once per test process
// and returns its path.
func Binary(t testing.TB) string {
	t.Helper()
	if !mainCalled {
		t.Fatal("fedtest: call fedtest.Main(m) from TestMain, so the built binary is removed afterwards")
	}
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "fedtest-")
		if binaryErr != nil {
			binaryErr = fmt.Errorf("make a directory for the binary: %w", binaryErr)
			return
		}
		binaryPath = filepath.Join(binaryDir, "tidings")
		// go test puts its own GOROOT/bin first on PATH, so this is the
		// toolchain that built the test.
		cmd := exec.Command("go", "build", "-o", binaryPath, "github.com/tidings/tidings/cmd/tidings")
		if out, err := cmd.CombinedOutput(); err != nil {
			binaryErr = fmt.Errorf("go build ./cmd/tidings: %w\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatalf("fedtest: %v", binaryErr)
	}
	return binaryPath
}
