package forum

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/store"
)

// Jobs enqueues background work inside the transaction of the change that
// causes it, so that the work exists if and only if the change committed.
type Jobs interface {
	Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error
}

// FetchLinkMetadataArgs asks for a link post's page title, description and
// image to be fetched and stored.
type FetchLinkMetadataArgs struct {
	PostID int64 `json:"post_id"`
}

// Kind names the job in the queue.
func (FetchLinkMetadataArgs) Kind() string { return "fetch_link_metadata" }

// InsertOpts gives up after three tries: the post shows without a card.
func (FetchLinkMetadataArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }
