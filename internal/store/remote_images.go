package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Image modes of the site: how other servers' pictures reach readers.
const (
	ImageModeStore = "store" // fetched once in the background, kept and served here
	ImageModeProxy = "proxy" // fetched when first shown, kept and served here
	ImageModeLink  = "link"  // shown from the origin's address
)

// RemoteImage is a picture on another server and, once fetched, the
// stored copy that stands in for it.
type RemoteImage struct {
	URL       string     `db:"url"`
	Purpose   string     `db:"purpose"`
	ImageID   *int64     `db:"image_id"`
	FetchedAt *time.Time `db:"fetched_at"`
	Refused   string     `db:"refused"`
	// The stored copy's files; empty without one.
	Key             string `db:"key"`
	ThumbnailKey    string `db:"thumbnail_key"`
	Width           int    `db:"width"`
	Height          int    `db:"height"`
	ThumbnailWidth  int    `db:"thumbnail_width"`
	ThumbnailHeight int    `db:"thumbnail_height"`
}

// Pending: not yet tried for good, so a fetch may still keep it.
func (r RemoteImage) Pending() bool { return r.FetchedAt == nil }

const remoteImageSelect = `SELECT ri.url, ri.purpose, ri.image_id, ri.fetched_at, coalesce(ri.refused, '') AS refused,
	coalesce(im.key, '') AS key, coalesce(im.thumbnail_key, '') AS thumbnail_key,
	coalesce(im.width, 0) AS width, coalesce(im.height, 0) AS height,
	coalesce(im.thumbnail_width, 0) AS thumbnail_width, coalesce(im.thumbnail_height, 0) AS thumbnail_height
	FROM remote_images ri LEFT JOIN images im ON im.id = ri.image_id `

// NoteRemoteImages records addresses of pictures elsewhere, each with
// what it is for, and answers those not seen before.
func (s *Store) NoteRemoteImages(ctx context.Context, urls, purposes []string) ([]string, error) {
	rows, _ := s.db.Query(ctx, `
		INSERT INTO remote_images (url, purpose)
		SELECT * FROM unnest($1::text[], $2::text[])
		ON CONFLICT (url) DO NOTHING RETURNING url`, urls, purposes)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return out, wrap("note remote images", err)
}

// RemoteImageByURL reads one address's record.
func (s *Store) RemoteImageByURL(ctx context.Context, url string) (RemoteImage, error) {
	rows, _ := s.db.Query(ctx, remoteImageSelect+`WHERE ri.url = $1`, url)
	out, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[RemoteImage])
	return out, wrap("get remote image", err)
}

// RemoteImagesByURL reads the records of those of urls that have one.
func (s *Store) RemoteImagesByURL(ctx context.Context, urls []string) (map[string]RemoteImage, error) {
	rows, _ := s.db.Query(ctx, remoteImageSelect+`WHERE ri.url = ANY($1)`, urls)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[RemoteImage])
	if err != nil {
		return nil, wrap("list remote images", err)
	}
	out := make(map[string]RemoteImage, len(list))
	for _, r := range list {
		out[r.URL] = r
	}
	return out, nil
}

// KeepRemoteImage records the stored copy of url.
func (s *Store) KeepRemoteImage(ctx context.Context, url string, imageID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE remote_images SET image_id = $2, fetched_at = now(), refused = NULL
		WHERE url = $1`, url, imageID)
	return wrap("keep remote image", err)
}

// RefuseRemoteImage records that url will not be stored, and why.
func (s *Store) RefuseRemoteImage(ctx context.Context, url, reason string) error {
	_, err := s.db.Exec(ctx, `UPDATE remote_images SET image_id = NULL, fetched_at = now(), refused = $2
		WHERE url = $1`, url, reason)
	return wrap("refuse remote image", err)
}

// ImagesByKeys reads the records of the files named, as image or thumbnail.
func (s *Store) ImagesByKeys(ctx context.Context, keys []string) ([]Image, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+imageColumns+` FROM images WHERE key = ANY($1) OR thumbnail_key = ANY($1) ORDER BY id`, keys)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Image])
	return out, wrap("get images by keys", err)
}

// GetImageMode reads how other servers' pictures reach readers.
func (s *Store) GetImageMode(ctx context.Context) (string, error) {
	var mode string
	err := s.db.QueryRow(ctx, `SELECT image_mode FROM site WHERE id = 1`).Scan(&mode)
	return mode, wrap("get image mode", err)
}
