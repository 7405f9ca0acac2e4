package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Image purposes: what an upload was for.
const (
	ImageAvatar          = "avatar"
	ImageBanner          = "banner"
	ImageCommunityIcon   = "community_icon"
	ImageCommunityBanner = "community_banner"
	ImagePost            = "post"
	ImageMarkdown        = "markdown"
)

// Image is the record of one uploaded image.
type Image struct {
	ID              int64     `db:"id"`
	Key             string    `db:"key"`
	ThumbnailKey    string    `db:"thumbnail_key"`
	UploaderID      *int64    `db:"uploader_id"`
	Purpose         string    `db:"purpose"`
	ContentType     string    `db:"content_type"`
	Width           int       `db:"width"`
	Height          int       `db:"height"`
	Bytes           int64     `db:"bytes"`
	ThumbnailWidth  int       `db:"thumbnail_width"`
	ThumbnailHeight int       `db:"thumbnail_height"`
	CreatedAt       time.Time `db:"created_at"`
}

const imageColumns = `id, key, thumbnail_key, uploader_id, purpose, content_type, width, height, bytes,
	thumbnail_width, thumbnail_height, created_at`

// InsertImage records an upload whose files are already stored.
func (s *Store) InsertImage(ctx context.Context, im Image) (Image, error) {
	rows, _ := s.db.Query(ctx, `
		INSERT INTO images (key, thumbnail_key, uploader_id, purpose, content_type, width, height, bytes,
			thumbnail_width, thumbnail_height)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		RETURNING `+imageColumns,
		im.Key, im.ThumbnailKey, im.UploaderID, im.Purpose, im.ContentType, im.Width, im.Height, im.Bytes,
		im.ThumbnailWidth, im.ThumbnailHeight)
	out, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Image])
	return out, wrap("insert image", err)
}

// ImageByID reads one image's record.
func (s *Store) ImageByID(ctx context.Context, id int64) (Image, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+imageColumns+` FROM images WHERE id = $1`, id)
	out, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Image])
	return out, wrap("get image", err)
}

// ImagesByKey reads every record of a file, as image or thumbnail.
func (s *Store) ImagesByKey(ctx context.Context, key string) ([]Image, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+imageColumns+` FROM images WHERE key = $1 OR thumbnail_key = $1 ORDER BY id`, key)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Image])
	return out, wrap("get images by key", err)
}

// ImagesOfUploader lists a person's uploads, newest first.
func (s *Store) ImagesOfUploader(ctx context.Context, personID int64, limit int) ([]Image, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+imageColumns+` FROM images WHERE uploader_id = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, personID, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Image])
	return out, wrap("list images of uploader", err)
}

// DeleteImage removes a record and answers which of its files no other
// record still uses, for the caller to delete from the storage once the
// transaction commits.
func (s *Store) DeleteImage(ctx context.Context, id int64) (orphans []string, err error) {
	var key, thumb string
	err = s.db.QueryRow(ctx, `DELETE FROM images WHERE id = $1 RETURNING key, thumbnail_key`, id).Scan(&key, &thumb)
	if err != nil {
		return nil, wrap("delete image", err)
	}
	keys := []string{key}
	if thumb != key {
		keys = append(keys, thumb)
	}
	for _, k := range keys {
		var used bool
		if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM images WHERE key = $1 OR thumbnail_key = $1)`, k).
			Scan(&used); err != nil {
			return nil, wrap("delete image", err)
		}
		if !used {
			orphans = append(orphans, k)
		}
	}
	return orphans, nil
}

// ClearImageURL blanks every avatar, banner, icon and post link or
// thumbnail that points at url, so a purged picture leaves no broken
// image behind; it answers the people and communities changed, whose
// actors other servers should fetch again.
func (s *Store) ClearImageURL(ctx context.Context, url string) (people, communities []int64, err error) {
	rows, _ := s.db.Query(ctx, `
		UPDATE people SET avatar_url = CASE WHEN avatar_url = $1 THEN NULL ELSE avatar_url END,
			banner_url = CASE WHEN banner_url = $1 THEN NULL ELSE banner_url END
		WHERE avatar_url = $1 OR banner_url = $1 RETURNING id`, url)
	people, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, nil, wrap("clear image from people", err)
	}
	rows, _ = s.db.Query(ctx, `
		UPDATE communities SET icon_url = CASE WHEN icon_url = $1 THEN NULL ELSE icon_url END,
			banner_url = CASE WHEN banner_url = $1 THEN NULL ELSE banner_url END
		WHERE icon_url = $1 OR banner_url = $1 RETURNING id`, url)
	communities, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, nil, wrap("clear image from communities", err)
	}
	_, err = s.db.Exec(ctx, `UPDATE posts SET thumbnail_url = NULL WHERE thumbnail_url = $1`, url)
	if err != nil {
		return nil, nil, wrap("clear image from posts", err)
	}
	return people, communities, nil
}

// ImageLimits are the admin's bounds on an upload.
type ImageLimits struct {
	MaxBytes  int64 `db:"image_max_bytes"`
	MaxPixels int64 `db:"image_max_pixels"`
}

// GetImageLimits reads the site's limits on uploads.
func (s *Store) GetImageLimits(ctx context.Context) (ImageLimits, error) {
	var l ImageLimits
	err := s.db.QueryRow(ctx, `SELECT image_max_bytes, image_max_pixels FROM site WHERE id = 1`).Scan(&l.MaxBytes, &l.MaxPixels)
	return l, wrap("get image limits", err)
}

// SetImageLimits changes them.
func (s *Store) SetImageLimits(ctx context.Context, l ImageLimits) error {
	_, err := s.db.Exec(ctx, `UPDATE site SET image_max_bytes = $1, image_max_pixels = $2, updated_at = now() WHERE id = 1`,
		l.MaxBytes, l.MaxPixels)
	return wrap("set image limits", err)
}

// SetPersonImage sets a person's avatar or banner (purpose ImageAvatar or
// ImageBanner) to url; "" removes it.
func (s *Store) SetPersonImage(ctx context.Context, personID int64, purpose, url string) error {
	col := "avatar_url"
	if purpose == ImageBanner {
		col = "banner_url"
	}
	_, err := s.db.Exec(ctx, `UPDATE people SET `+col+` = NULLIF($2, ''), updated = now() WHERE id = $1`, personID, url)
	return wrap("set "+col, err)
}

// IsImage reports a post whose link is a picture, shown whole on its page.
func (p Post) IsImage() bool { return strings.HasPrefix(p.URLContentType, "image/") }

// ListedImage is an image's record with who uploaded it, or where it was
// fetched from, for an admin's list.
type ListedImage struct {
	Image
	UploaderName   string `db:"uploader_name"`
	UploaderDomain string `db:"uploader_domain"`
	Source         string `db:"source"` // the other server's address it was fetched from
}

// RecentImages lists the newest images, uploaded or fetched.
func (s *Store) RecentImages(ctx context.Context, limit int) ([]ListedImage, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT im.id, im.key, im.thumbnail_key, im.uploader_id, im.purpose, im.content_type, im.width, im.height,
			im.bytes, im.thumbnail_width, im.thumbnail_height, im.created_at,
			coalesce(pe.name, '') AS uploader_name, coalesce(pi.domain, '') AS uploader_domain,
			coalesce((SELECT ri.url FROM remote_images ri WHERE ri.image_id = im.id LIMIT 1), '') AS source
		FROM images im LEFT JOIN people pe ON pe.id = im.uploader_id LEFT JOIN instances pi ON pi.id = pe.instance_id
		ORDER BY im.created_at DESC, im.id DESC LIMIT $1`, limit)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[ListedImage])
	return out, wrap("list recent images", err)
}
