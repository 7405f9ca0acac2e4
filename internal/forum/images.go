package forum

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/store"
)

// imageRoute is where Tidings serves stored images: the path Lemmy's
// pict-rs uses, which Lemmy's apps expect.
const imageRoute = "/pictrs/image/"

// mediaDeps are the picture pipeline and the file store.
type mediaDeps struct {
	proc    *media.Processor
	storage media.Storage
}

// WithMedia lets people upload images, kept in st; without it uploads
// are refused as unavailable.
func WithMedia(st media.Storage) Option {
	return func(s *Service) { s.media = &mediaDeps{proc: media.NewProcessor(), storage: st} }
}

// ErrNoMedia: this server has no media storage configured.
var ErrNoMedia = errors.New("image uploads are not available on this server")

// Uploaded is a stored image with the addresses it is seen at.
type Uploaded struct {
	store.Image
	URL, ThumbnailURL string
}

// ImageURL is the absolute address of a stored file: the public base
// (a CDN) when one is configured, else this server's own route.
func (s *Service) ImageURL(key string) string {
	if s.media != nil {
		if u := s.media.storage.URL(key); u != "" {
			return u
		}
	}
	return s.iri.Base() + imageRoute + key
}

func (s *Service) uploaded(im store.Image) Uploaded {
	return Uploaded{Image: im, URL: s.ImageURL(im.Key), ThumbnailURL: s.ImageURL(im.ThumbnailKey)}
}

// ImageLimits are the site's bounds on uploads.
func (s *Service) ImageLimits(ctx context.Context) (media.Limits, error) {
	l, err := s.store.GetImageLimits(ctx)
	if err != nil {
		return media.Limits{}, err
	}
	return media.Limits{MaxBytes: l.MaxBytes, MaxPixels: l.MaxPixels}, nil
}

// SetImageLimits changes them, for an admin.
func (s *Service) SetImageLimits(ctx context.Context, by Acting, l media.Limits) error {
	switch {
	case l.MaxBytes < 1<<10 || l.MaxBytes > 100<<20:
		return inputErr("max_bytes", "the size limit must be between 1 kB and 100 MB")
	case l.MaxPixels < 10_000 || l.MaxPixels > 100_000_000:
		return inputErr("max_pixels", "the pixel limit must be between 10,000 and 100 million")
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		return tx.SetImageLimits(ctx, store.ImageLimits{MaxBytes: l.MaxBytes, MaxPixels: l.MaxPixels})
	})
}

// UploadImage checks, re-encodes and stores an image a local user sent,
// and records it as theirs. A refusal is an InputError that says why.
func (s *Service) UploadImage(ctx context.Context, actor store.LocalUser, purpose string, r io.Reader) (Uploaded, error) {
	if actor.Banned {
		return Uploaded{}, errYouAreSiteBanned()
	}
	id := actor.ID
	im, err := s.storeImage(ctx, &id, purpose, func(p *media.Processor, lim media.Limits) (*media.Result, error) {
		return p.Process(ctx, r, lim)
	})
	if err != nil {
		return Uploaded{}, err
	}
	return s.uploaded(im), nil
}

// StoreFetchedImage puts an image fetched from elsewhere (a link's
// preview, a remote avatar) through the same checks and re-encoding as an
// upload, with no uploader: the seam for link thumbnails and proxying.
func (s *Service) StoreFetchedImage(ctx context.Context, purpose string, data []byte) (Uploaded, error) {
	im, err := s.storeImage(ctx, nil, purpose, func(p *media.Processor, lim media.Limits) (*media.Result, error) {
		return p.ProcessBytes(ctx, data, lim)
	})
	if err != nil {
		return Uploaded{}, err
	}
	return s.uploaded(im), nil
}

func (s *Service) storeImage(ctx context.Context, uploader *int64, purpose string,
	process func(*media.Processor, media.Limits) (*media.Result, error)) (store.Image, error) {
	if s.media == nil {
		return store.Image{}, ErrNoMedia
	}
	lim, err := s.ImageLimits(ctx)
	if err != nil {
		return store.Image{}, err
	}
	res, err := process(s.media.proc, lim)
	var rej *media.RejectError
	if errors.As(err, &rej) {
		// The media's kind of refusal stays, for errors.Is(err, media.ErrTooLarge).
		return store.Image{}, withKind(rej.Kind, inputErr("image", "%s", rej.Msg))
	}
	if err != nil {
		return store.Image{}, fmt.Errorf("process image: %w", err)
	}
	// The files first: a row must never name a file that is not there.
	// A failure after this leaves a file no row names, which is harmless
	// (its key is its content) and which a later upload of it reuses.
	for _, f := range []*media.Encoded{&res.Image, &res.Thumb} {
		key := f.Key()
		if err := s.media.storage.Put(ctx, key, bytes.NewReader(f.Data), int64(len(f.Data)), f.Format.ContentType()); err != nil {
			return store.Image{}, fmt.Errorf("store image: %w", err)
		}
	}
	im, err := s.store.InsertImage(ctx, store.Image{
		Key: res.Image.Key(), ThumbnailKey: res.Thumb.Key(), UploaderID: uploader, Purpose: purpose,
		ContentType: res.Image.Format.ContentType(), Width: res.Image.Width, Height: res.Image.Height,
		Bytes: int64(len(res.Image.Data)), ThumbnailWidth: res.Thumb.Width, ThumbnailHeight: res.Thumb.Height,
	})
	if err != nil {
		return store.Image{}, fmt.Errorf("record image: %w", err)
	}
	return im, nil
}

// OpenImage opens a stored file for serving; media.ErrNotExist when there
// is none.
func (s *Service) OpenImage(ctx context.Context, key string) (*media.Object, error) {
	if s.media == nil || !media.ValidKey(key) {
		return nil, media.ErrNotExist
	}
	return s.media.storage.Get(ctx, key)
}

// SetPersonImage uploads a local user's avatar or banner and sends the
// changed profile to the servers that know them.
func (s *Service) SetPersonImage(ctx context.Context, actor store.LocalUser, purpose string, r io.Reader) (Uploaded, error) {
	if purpose != store.ImageAvatar && purpose != store.ImageBanner {
		return Uploaded{}, fmt.Errorf("set person image: purpose %q", purpose)
	}
	up, err := s.UploadImage(ctx, actor, purpose, r)
	if err != nil {
		return Uploaded{}, err
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetPersonImage(ctx, actor.ID, purpose, up.URL); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdatePerson, PersonID: actor.ID})
	})
	if err != nil {
		return Uploaded{}, fmt.Errorf("set %s: %w", purpose, err)
	}
	return up, nil
}

// SetCommunityImage uploads a community's icon or banner, for one of its
// moderators or an admin, and changes it as EditCommunity does (logged,
// federated as the moderator's Update).
func (s *Service) SetCommunityImage(ctx context.Context, actor store.LocalUser, communityID int64, purpose string, r io.Reader) (Uploaded, error) {
	if purpose != store.ImageCommunityIcon && purpose != store.ImageCommunityBanner {
		return Uploaded{}, inputErr("purpose", "choose the icon or the banner")
	}
	// Checked before the upload too, so a stranger stores nothing.
	a, err := mayModerate(ctx, s.store, actor.ID, communityID)
	if err != nil {
		return Uploaded{}, err
	}
	up, err := s.UploadImage(ctx, actor, purpose, r)
	if err != nil {
		return Uploaded{}, err
	}
	c := a.community
	edit := CommunityEdit{Title: c.Title, Description: c.Description, IconURL: c.IconURL, BannerURL: c.BannerURL,
		NSFW: c.NSFW, Restricted: c.PostingRestrictedToMods}
	if purpose == store.ImageCommunityIcon {
		edit.IconURL = up.URL
	} else {
		edit.BannerURL = up.URL
	}
	if err := s.EditCommunity(ctx, actor, communityID, edit); err != nil {
		return Uploaded{}, err
	}
	return up, nil
}

// DeleteImage deletes an upload, for its uploader or an admin: its record,
// every avatar, banner, icon and thumbnail that showed it, and its files
// once nothing else names them.
func (s *Service) DeleteImage(ctx context.Context, actor store.LocalUser, imageID int64) error {
	im, err := s.store.ImageByID(ctx, imageID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("that image does not exist")
	}
	if err != nil {
		return err
	}
	if !actor.Admin && (im.UploaderID == nil || *im.UploaderID != actor.ID) {
		return forbidden("only its uploader or an admin may delete an image")
	}
	return s.deleteImages(ctx, actor.ID, []store.Image{im})
}

// PurgeImage deletes every upload of a file, named by its key or its
// address, for an admin; it answers how many records went.
func (s *Service) PurgeImage(ctx context.Context, by Acting, keyOrURL string) (int, error) {
	key := keyOrURL[strings.LastIndexByte(keyOrURL, '/')+1:]
	if !media.ValidKey(key) {
		return 0, inputErr("image", "%q is not the key or address of a stored image", keyOrURL)
	}
	if err := requireAdmin(ctx, s.store, by); err != nil {
		return 0, err
	}
	ims, err := s.store.ImagesByKey(ctx, key)
	if err != nil {
		return 0, err
	}
	if len(ims) == 0 {
		return 0, notFound("no image is stored under %s", key)
	}
	return len(ims), s.deleteImages(ctx, by.personID(), ims)
}

func (s *Service) deleteImages(ctx context.Context, actorID int64, ims []store.Image) error {
	var orphans []string
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		orphans = orphans[:0]
		for _, im := range ims {
			o, err := tx.DeleteImage(ctx, im.ID)
			if err != nil {
				return err
			}
			orphans = append(orphans, o...)
			// Only a file no other upload keeps: the same picture uploaded
			// by someone else still shows wherever they put it.
			for _, key := range o {
				people, communities, err := tx.ClearImageURL(ctx, s.ImageURL(key))
				if err != nil {
					return err
				}
				for _, id := range people {
					if err := s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdatePerson, PersonID: id}); err != nil {
						return err
					}
				}
				for _, id := range communities {
					c, err := tx.CommunityByID(ctx, id)
					if err != nil {
						return err
					}
					if !c.Local || actorID == 0 {
						continue // a remote community's picture is its server's
					}
					if err := s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdateCommunity, CommunityID: id, PersonID: actorID}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete image: %w", err)
	}
	// After the commit: a file must outlive every row that names it.
	for _, key := range orphans {
		if err := s.media.storage.Delete(ctx, key); err != nil {
			return fmt.Errorf("delete image file: %w", err)
		}
	}
	return nil
}

// Uploads lists a local user's images, newest first.
func (s *Service) Uploads(ctx context.Context, actor store.LocalUser) ([]Uploaded, error) {
	ims, err := s.store.ImagesOfUploader(ctx, actor.ID, 100)
	if err != nil {
		return nil, err
	}
	out := make([]Uploaded, len(ims))
	for i, im := range ims {
		out[i] = s.uploaded(im)
	}
	return out, nil
}

// ImageSize answers the width and height of one of our stored images, by
// its address; ok is false for anything else.
func (s *Service) ImageSize(ctx context.Context, url string) (w, h int, ok bool) {
	key := url[strings.LastIndexByte(url, '/')+1:]
	if !media.ValidKey(key) || s.ImageURL(key) != url {
		return 0, 0, false
	}
	ims, err := s.store.ImagesByKey(ctx, key)
	if err != nil || len(ims) == 0 {
		return 0, 0, false
	}
	if ims[0].Key == key {
		return ims[0].Width, ims[0].Height, true
	}
	return ims[0].ThumbnailWidth, ims[0].ThumbnailHeight, true
}

// ListedImage is a stored image as an admin's list shows it.
type ListedImage struct {
	Uploaded
	Uploader string // name@host, "" for a picture fetched from elsewhere
	Source   string // where a fetched picture came from
}

// RecentImages lists the newest images, uploaded or fetched, for an admin
// to purge.
func (s *Service) RecentImages(ctx context.Context, by Acting, limit int) ([]ListedImage, error) {
	if err := requireAdmin(ctx, s.store, by); err != nil {
		return nil, err
	}
	ims, err := s.store.RecentImages(ctx, limit)
	if err != nil {
		return nil, err
	}
	out := make([]ListedImage, len(ims))
	for i, im := range ims {
		out[i] = ListedImage{Uploaded: s.uploaded(im.Image), Source: im.Source}
		if im.UploaderName != "" {
			out[i].Uploader = im.UploaderName + "@" + im.UploaderDomain
		}
	}
	return out, nil
}
