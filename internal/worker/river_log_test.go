package worker_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/worker"
)

type quietArgs struct{}

func (quietArgs) Kind() string { return "quiet_log_test" }

// lockedBuffer is a log River's goroutines write to while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A real River client works a job and, five seconds on, reports its
// producer's job counts: at debug, where the log at the default level
// leaves it out, while its start stays at info.
func TestRiverRoutineLinesAreDebug(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	var log lockedBuffer
	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(func(context.Context, *river.Job[quietArgs]) error { return nil }))
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:   map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 1}},
		Workers:  workers,
		Logger:   slog.New(worker.QuietRiver(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		TestOnly: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	startRiver(t, client)
	if _, err := client.Insert(ctx, quietArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(log.String(), "Producer job counts") {
		if time.Now().After(deadline) {
			t.Fatalf("River logged no job counts in 30 s:\n%s", log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for line := range strings.Lines(log.String()) {
		if strings.Contains(line, "Producer job counts") && !strings.Contains(line, "level=DEBUG") {
			t.Errorf("a routine line not at debug: %s", line)
		}
	}
	if !strings.Contains(log.String(), `level=INFO msg="River client started"`) {
		t.Errorf("River's start is no longer at info:\n%s", log.String())
	}
	t.Logf("River's log:\n%s", log.String())
}

// At the default level the routine lines are gone and the rest stays.
func TestQuietRiverAtInfo(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := slog.New(worker.QuietRiver(slog.NewTextHandler(&buf, nil))).With("client", "c1")
	log.Info("producer: Producer job counts", "num_jobs_running", 3)
	log.Info("maintenance.JobCleaner: Ran successfully", "num_jobs_deleted", 10)
	log.Info("maintenance.JobRescuer: Ran successfully", "num_jobs_retry_scheduled", 2)
	log.Info("River client started")
	log.Warn("producer: Producer job counts") // not routine at warn
	got := buf.String()
	for _, gone := range []string{"num_jobs_running", "num_jobs_deleted"} {
		if strings.Contains(got, gone) {
			t.Errorf("a routine line at info: %s", got)
		}
	}
	for _, kept := range []string{`msg="maintenance.JobRescuer: Ran successfully" client=c1`, `msg="River client started"`,
		`level=WARN msg="producer: Producer job counts"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("missing %s in:\n%s", kept, got)
		}
	}
}
