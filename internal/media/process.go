package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"runtime"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/avif"
	"golang.org/x/image/webp"
)

// Limits are the admin's bounds on an upload.
type Limits struct {
	MaxBytes  int64 // size of the uploaded file
	MaxPixels int64 // width × height, read from the header before decoding
}

// DefaultLimits: 10 MiB and 25 megapixels, above any phone's photo.
var DefaultLimits = Limits{MaxBytes: 10 << 20, MaxPixels: 25_000_000}

// An animation may hold this many times MaxPixels across its frames, and
// no more than maxFrames frames: each frame is decoded whole.
const (
	animationPixelFactor = 4
	maxFrames            = 1000
)

// ThumbnailSize bounds a thumbnail's longer side: as wide as a listing's
// picture on a high-density screen.
const ThumbnailSize = 320

// jpegQuality keeps photos close to the original at half its bytes or less.
const jpegQuality = 85

// Encoded is one file this package made.
type Encoded struct {
	Data          []byte
	Format        Format
	Width, Height int
}

// Key is the file's content-hashed name: the same bytes always get the
// same key, so a file under a key never changes and may be cached forever.
func (e *Encoded) Key() string {
	sum := sha256.Sum256(e.Data)
	return hex.EncodeToString(sum[:16]) + "." + e.Format.ext()
}

// Result is an accepted upload: the re-encoded image and its thumbnail,
// which is the image itself when that is already small enough.
type Result struct {
	Image    Encoded
	Thumb    Encoded
	Animated bool
}

// Processor checks and re-encodes images, a few at a time: a decoded
// 25-megapixel photo takes 100 MB, so an unbounded number of them at
// once could exhaust the memory of the process.
type Processor struct {
	slots chan struct{}
}

// NewProcessor decodes at most one image per CPU at once; share one per
// process.
func NewProcessor() *Processor {
	return &Processor{slots: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))}
}

// Process reads an upload and returns it re-encoded, or a *RejectError
// that tells the uploader what is wrong with it.
func (p *Processor) Process(ctx context.Context, r io.Reader, lim Limits) (*Result, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("media: read upload: %w", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, reject(ErrTooLarge, fmt.Sprintf("This file is larger than the limit of %s.", humanBytes(lim.MaxBytes)))
	}
	return p.ProcessBytes(ctx, data, lim)
}

// ProcessBytes is Process over a file already in memory: the seam for
// images fetched from elsewhere (a link's preview), which go through the
// same checks as uploads.
func (p *Processor) ProcessBytes(ctx context.Context, data []byte, lim Limits) (*Result, error) {
	if int64(len(data)) > lim.MaxBytes {
		return nil, reject(ErrTooLarge, fmt.Sprintf("This file is larger than the limit of %s.", humanBytes(lim.MaxBytes)))
	}
	f, err := sniff(data)
	if err != nil {
		return nil, err
	}
	if polyglot(data) {
		return nil, reject(ErrPolyglot, "This image also carries another kind of document, so it is not accepted. Save it again from an image editor.")
	}
	if err := checkHeader(f, data, lim); err != nil {
		return nil, err
	}
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		return nil, fmt.Errorf("media: wait to decode: %w", ctx.Err())
	}
	if f == GIF {
		return reencodeGIF(data)
	}
	return reencodeStill(f, data)
}

// checkHeader reads the dimensions from the header alone, so an image
// bomb (a small file declaring a huge canvas) is refused before a single
// pixel is allocated.
func checkHeader(f Format, data []byte, lim Limits) error {
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case WebP:
		if webpAnimated(data) {
			return reject(ErrFormat, "Animated WebP images are not accepted; upload the animation as a GIF.")
		}
		cfg, err = webp.DecodeConfig(r)
	case AVIF:
		cfg, err = avif.DecodeConfig(r)
	}
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return reject(ErrCorrupt, "This image is damaged or incomplete and cannot be read.")
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > lim.MaxPixels {
		return reject(ErrTooMany, fmt.Sprintf("This image is %d×%d pixels; the limit is %s pixels.",
			cfg.Width, cfg.Height, humanPixels(lim.MaxPixels)))
	}
	if f == GIF {
		frames, px, ok := gifFrames(data)
		switch {
		case !ok:
			return reject(ErrCorrupt, "This GIF is damaged or incomplete and cannot be read.")
		case frames > maxFrames:
			return reject(ErrTooMany, fmt.Sprintf("This animation has %d frames; the limit is %d.", frames, maxFrames))
		case px > animationPixelFactor*lim.MaxPixels:
			return reject(ErrTooMany, fmt.Sprintf("This animation has %s pixels in all its frames; the limit is %s.",
				humanPixels(px), humanPixels(animationPixelFactor*lim.MaxPixels)))
		}
	}
	return nil
}

// webpAnimated reads the animation flag of an extended (VP8X) WebP,
// which the pure-Go decoder cannot decode.
func webpAnimated(b []byte) bool {
	return len(b) >= 21 && string(b[12:16]) == "VP8X" && b[20]&0x02 != 0
}

func reencodeStill(f Format, data []byte) (*Result, error) {
	var img image.Image
	var err error
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case WebP:
		img, err = webp.Decode(r)
	case AVIF:
		img, err = avif.Decode(r)
	}
	if err != nil {
		return nil, reject(ErrCorrupt, "This image is damaged or incomplete and cannot be read.")
	}
	if f == JPEG {
		img = orient(img, jpegOrientation(data))
	}
	// A PNG stays lossless (screenshots, drawings); anything with
	// transparency needs PNG; other photos become JPEG.
	out := JPEG
	if f == PNG || !opaque(img) {
		out = PNG
	}
	full, err := encode(img, out)
	if err != nil {
		return nil, err
	}
	res := &Result{Image: *full, Thumb: *full}
	if small := thumbnail(img); small != nil {
		t, err := encode(small, thumbFormat(small))
		if err != nil {
			return nil, err
		}
		res.Thumb = *t
	}
	return res, nil
}

// reencodeGIF keeps an animation moving: the frames are decoded and
// written again, with their delays, disposal and loop count, and nothing
// else of the original (comments and application blocks) survives.
func reencodeGIF(data []byte) (*Result, error) {
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil || len(g.Image) == 0 {
		return nil, reject(ErrCorrupt, "This GIF is damaged or incomplete and cannot be read.")
	}
	if len(g.Image) == 1 {
		return reencodeStill(PNG, mustPNG(g.Image[0]))
	}
	var buf bytes.Buffer
	clean := &gif.GIF{Image: g.Image, Delay: g.Delay, Disposal: g.Disposal, LoopCount: g.LoopCount,
		Config: g.Config, BackgroundIndex: g.BackgroundIndex}
	if err := gif.EncodeAll(&buf, clean); err != nil {
		return nil, fmt.Errorf("media: encode GIF: %w", err)
	}
	w, h := g.Config.Width, g.Config.Height
	full := Encoded{Data: buf.Bytes(), Format: GIF, Width: w, Height: h}
	// The thumbnail is the first frame, still: listings should not move.
	first := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(first, g.Image[0].Bounds(), g.Image[0], g.Image[0].Bounds().Min, draw.Over)
	var still image.Image = first
	if small := thumbnail(first); small != nil {
		still = small
	}
	t, err := encode(still, thumbFormat(still))
	if err != nil {
		return nil, err
	}
	return &Result{Image: full, Thumb: *t, Animated: true}, nil
}

// mustPNG turns one decoded GIF frame into PNG bytes for the still path;
// encoding an in-memory paletted image does not fail.
func mustPNG(img image.Image) []byte {
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// thumbnail shrinks img to fit ThumbnailSize, or answers nil when it
// already fits.
func thumbnail(img image.Image) image.Image {
	b := img.Bounds()
	if b.Dx() <= ThumbnailSize && b.Dy() <= ThumbnailSize {
		return nil
	}
	return imaging.Fit(img, ThumbnailSize, ThumbnailSize, imaging.CatmullRom)
}

func thumbFormat(img image.Image) Format {
	if opaque(img) {
		return JPEG
	}
	return PNG
}

func encode(img image.Image, f Format) (*Encoded, error) {
	var buf bytes.Buffer
	var err error
	switch f {
	case JPEG:
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality})
	default:
		f = PNG
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img)
	}
	if err != nil {
		return nil, fmt.Errorf("media: encode %s: %w", f, err)
	}
	b := img.Bounds()
	return &Encoded{Data: buf.Bytes(), Format: f, Width: b.Dx(), Height: b.Dy()}, nil
}

func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func humanPixels(n int64) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%.1f million", float64(n)/1e6)
	}
	return fmt.Sprintf("%d", n)
}
