package forum

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/store"
)

// proxyRoute serves, in the proxy image mode, a picture on another server
// the first time it is shown; Lemmy's is /api/v3/image_proxy.
const proxyRoute = "/pictrs/proxy"

// RemoteImage is the address of a picture on another server and what it
// is for (a store.Image* purpose).
type RemoteImage struct{ URL, Purpose string }

// Picture is how a page shows a picture: the whole and its thumbnail,
// with their sizes when known (from our stored copy).
type Picture struct {
	URL           string
	Width, Height int
	Thumb         string
	ThumbWidth    int
	ThumbHeight   int
	// Stored: the files are ours, not the origin's or proxied.
	Stored bool
}

// ImageFetcher fetches a picture from another server, no more than
// maxBytes of it; a *media.RejectError when trying again cannot help.
type ImageFetcher interface {
	Fetch(ctx context.Context, url string, maxBytes int64) ([]byte, error)
}

// StoreRemoteImageArgs asks for a picture on another server to be fetched,
// re-encoded and kept here (the store image mode).
type StoreRemoteImageArgs struct {
	URL string `json:"url"`
}

// Kind names the job in the queue.
func (StoreRemoteImageArgs) Kind() string { return "store_remote_image" }

// InsertOpts: one job per address, tried a few times; a picture that
// will not come shows as none.
func (StoreRemoteImageArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 24 * time.Hour}}
}

// ImageMode is how other servers' pictures reach readers; link when this
// server has no storage to keep them in.
func (s *Service) ImageMode(ctx context.Context) (string, error) {
	if s.media == nil {
		return store.ImageModeLink, nil
	}
	return s.store.GetImageMode(ctx)
}

// NoteRemoteImages records pictures seen on other servers (an actor's
// icon, a post's thumbnail) and, in the store mode, queues their fetch.
func (s *Service) NoteRemoteImages(ctx context.Context, imgs ...RemoteImage) error {
	urls, _ := s.remoteImages(imgs)
	if len(urls) == 0 {
		// No transaction for nothing: callers may hold one of their own.
		return nil
	}
	return s.store.InTx(ctx, func(tx *store.Store) error { return s.noteRemoteImages(ctx, tx, imgs...) })
}

// remoteImages are the addresses and purposes of those of imgs that are
// on other servers, or none when there is no storage to keep them in.
func (s *Service) remoteImages(imgs []RemoteImage) (urls, purposes []string) {
	if s.media == nil {
		return nil, nil
	}
	for _, im := range imgs {
		if s.isRemoteImage(im.URL) {
			urls, purposes = append(urls, im.URL), append(purposes, im.Purpose)
		}
	}
	return urls, purposes
}

func (s *Service) noteRemoteImages(ctx context.Context, tx *store.Store, imgs ...RemoteImage) error {
	urls, purposes := s.remoteImages(imgs)
	if len(urls) == 0 {
		return nil
	}
	mode, err := tx.GetImageMode(ctx)
	if err != nil || mode == store.ImageModeLink {
		return err
	}
	fresh, err := tx.NoteRemoteImages(ctx, urls, purposes)
	if err != nil || mode != store.ImageModeStore {
		return err
	}
	for _, u := range fresh {
		if err := s.enqueue(ctx, tx, StoreRemoteImageArgs{URL: u}); err != nil {
			return err
		}
	}
	return nil
}

// isRemoteImage: an http(s) address, short enough to keep, not ours.
func (s *Service) isRemoteImage(raw string) bool {
	if raw == "" || len(raw) > 2000 || s.ownImageKey(raw) != "" {
		return false
	}
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// ownImageKey is the key of one of our stored files at raw, or "".
func (s *Service) ownImageKey(raw string) string {
	key := raw[strings.LastIndexByte(raw, '/')+1:]
	if !media.ValidKey(key) || s.ImageURL(key) != raw {
		return ""
	}
	return key
}

// FetchRemoteImage fetches a noted picture through f, checks and
// re-encodes it as an upload, and keeps it; a refusal (a private
// address, not a picture, an image bomb, too large) is recorded, so that
// it is not fetched again, and returned as an InputError. One fetched
// before is answered as it is.
func (s *Service) FetchRemoteImage(ctx context.Context, f ImageFetcher, rawURL string) (Picture, error) {
	r, err := s.store.RemoteImageByURL(ctx, rawURL)
	if errors.Is(err, store.ErrNotFound) {
		return Picture{}, notFound("no picture is known at that address")
	}
	if err != nil {
		return Picture{}, err
	}
	if !r.Pending() {
		if r.Key == "" {
			return Picture{}, inputErr("image", "%s", cmp.Or(r.Refused, "This picture was removed."))
		}
		return s.storedPicture(r.Key, r.Width, r.Height, r.ThumbnailKey, r.ThumbnailWidth, r.ThumbnailHeight), nil
	}
	lim, err := s.ImageLimits(ctx)
	if err != nil {
		return Picture{}, err
	}
	data, err := f.Fetch(ctx, rawURL, lim.MaxBytes)
	var rej *media.RejectError
	if errors.As(err, &rej) {
		if err := s.store.RefuseRemoteImage(ctx, rawURL, rej.Msg); err != nil {
			return Picture{}, err
		}
		return Picture{}, inputErr("image", "%s", rej.Msg)
	}
	if err != nil {
		return Picture{}, err
	}
	up, err := s.StoreFetchedImage(ctx, r.Purpose, data)
	var ie *InputError
	if errors.As(err, &ie) {
		if err := s.store.RefuseRemoteImage(ctx, rawURL, ie.Msg); err != nil {
			return Picture{}, err
		}
		return Picture{}, err
	}
	if err != nil {
		return Picture{}, err
	}
	if err := s.store.KeepRemoteImage(ctx, rawURL, up.ID); err != nil {
		return Picture{}, fmt.Errorf("keep remote image: %w", err)
	}
	return s.storedPicture(up.Key, up.Width, up.Height, up.ThumbnailKey, up.ThumbnailWidth, up.ThumbnailHeight), nil
}

func (s *Service) storedPicture(key string, w, h int, thumb string, tw, th int) Picture {
	return Picture{URL: s.ImageURL(key), Width: w, Height: h, Thumb: s.ImageURL(thumb), ThumbWidth: tw, ThumbHeight: th,
		Stored: true}
}

// Pictures answers how to show each of imgs, by address: our own files
// with their sizes; another server's as the image mode says, from our
// stored copy (store and proxy), through our proxy route (proxy, until
// stored) or from the origin (link). A picture not yet stored in the
// store mode, or refused, is left out: a page shows none rather than send
// its reader to another server. Pictures not seen before are noted, so
// that what was there before this mode is fetched too.
func (s *Service) Pictures(ctx context.Context, imgs ...RemoteImage) (map[string]Picture, error) {
	out := map[string]Picture{}
	var keys, remote []string
	var unseen []RemoteImage
	for _, im := range imgs {
		if k := s.ownImageKey(im.URL); k != "" {
			keys = append(keys, k)
		} else if s.isRemoteImage(im.URL) {
			remote = append(remote, im.URL)
		}
	}
	if len(keys) > 0 {
		ims, err := s.store.ImagesByKeys(ctx, keys)
		if err != nil {
			return nil, err
		}
		for _, im := range ims {
			p := s.storedPicture(im.Key, im.Width, im.Height, im.ThumbnailKey, im.ThumbnailWidth, im.ThumbnailHeight)
			out[p.URL] = p
			if _, seen := out[p.Thumb]; !seen {
				out[p.Thumb] = Picture{URL: p.Thumb, Width: p.ThumbWidth, Height: p.ThumbHeight,
					Thumb: p.Thumb, ThumbWidth: p.ThumbWidth, ThumbHeight: p.ThumbHeight, Stored: true}
			}
		}
	}
	if len(remote) == 0 {
		return out, nil
	}
	mode, err := s.ImageMode(ctx)
	if err != nil {
		return nil, err
	}
	if mode == store.ImageModeLink {
		for _, u := range remote {
			out[u] = Picture{URL: u, Thumb: u}
		}
		return out, nil
	}
	rows, err := s.store.RemoteImagesByURL(ctx, remote)
	if err != nil {
		return nil, err
	}
	for _, im := range imgs {
		if !s.isRemoteImage(im.URL) {
			continue
		}
		r, ok := rows[im.URL]
		switch {
		case ok && r.Key != "":
			out[im.URL] = s.storedPicture(r.Key, r.Width, r.Height, r.ThumbnailKey, r.ThumbnailWidth, r.ThumbnailHeight)
		case ok && !r.Pending():
			// refused or purged: none
		case mode == store.ImageModeProxy:
			proxied := s.iri.Base() + proxyRoute + "?url=" + url.QueryEscape(im.URL)
			out[im.URL] = Picture{URL: proxied, Thumb: proxied + "&size=thumbnail"}
		}
		if !ok {
			unseen = append(unseen, im)
		}
	}
	if len(unseen) > 0 {
		if err := s.NoteRemoteImages(ctx, unseen...); err != nil {
			return nil, err
		}
	}
	return out, nil
}
