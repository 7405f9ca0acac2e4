package forum

import (
	"context"
	"sync"
	"time"

	"github.com/tidings/tidings/internal/store"
)

const (
	// maxVoteBatch bounds the votes written in one statement, so that one
	// batch stays well inside a sender's patience.
	maxVoteBatch = 500
	// voteBatchTimeout bounds the writing of one batch, whose callers are
	// many: it does not end with the request of the one that writes it.
	voteBatchTimeout = 5 * time.Second
	// voteWriters is how many batches are written at once: while one
	// waits for its commit to reach the disk, the next are written (they
	// wait for one another only on the posts they share).
	voteWriters = 4
)

// pendingVote is one ApplyRemoteVote waiting for its batch.
type pendingVote struct {
	vote store.RemoteVote
	ann  *Announce
	err  error // what became of it, once done
	done bool  // set by the batch that wrote it
	// turn is told, once, whether the vote is done (false) or its caller
	// is to write the next batch (true).
	turn chan bool
}

// voteBatches is group commit for remote votes, with no goroutine of its
// own: the first caller to find no batch being written writes one with
// every vote waiting (its own among them); the votes that arrive meanwhile
// wait, and when it is done the oldest of them writes the next batch. So
// a vote alone is written at once, and under load each commit carries as
// many votes as arrived during the one before.
type voteBatches struct {
	mu      sync.Mutex
	waiting []*pendingVote
	writing int // batches being written
}

// apply has v written by write, in a batch, and answers what became of it.
func (b *voteBatches) apply(ctx context.Context, v *pendingVote, write func(context.Context, []*pendingVote)) error {
	v.turn = make(chan bool, 1)
	b.mu.Lock()
	b.waiting = append(b.waiting, v)
	if b.writing >= voteWriters {
		b.mu.Unlock()
		if lead := <-v.turn; !lead {
			return v.err
		}
	} else {
		b.writing++
		b.mu.Unlock()
	}
	// The batch outlives the request of the caller writing it: the other
	// callers wait for it.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), voteBatchTimeout)
	defer cancel()
	for !v.done {
		b.mu.Lock()
		n := min(len(b.waiting), maxVoteBatch)
		batch := append([]*pendingVote(nil), b.waiting[:n]...)
		b.waiting = b.waiting[n:]
		b.mu.Unlock()
		write(wctx, batch)
		for _, w := range batch {
			w.done = true
			if w != v {
				w.turn <- false
			}
		}
	}
	b.mu.Lock()
	if len(b.waiting) > 0 {
		b.waiting[0].turn <- true
	} else {
		b.writing--
	}
	b.mu.Unlock()
	return v.err
}
