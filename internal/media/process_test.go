package media_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
)

func TestProcessAcceptsEachFormat(t *testing.T) {
	t.Parallel()
	p := media.NewProcessor()
	cases := []struct {
		name       string
		in         []byte
		out        media.Format
		w, h       int
		thumbW     int
		animated   bool
		thumbAlpha bool
	}{
		{"jpeg", mediatest.JPEG(640, 480), media.JPEG, 640, 480, 320, false, false},
		{"png", mediatest.PNG(100, 50, false), media.PNG, 100, 50, 100, false, false},
		{"png with transparency", mediatest.PNG(800, 400, true), media.PNG, 800, 400, 320, false, true},
		{"webp", mediatest.WebP(), media.JPEG, 150, 103, 150, false, false},
		{"webp with transparency", mediatest.WebPAlpha(), media.PNG, 0, 0, 0, false, true},
		{"avif", mediatest.AVIF(), media.JPEG, 480, 360, 320, false, false},
		{"avif with transparency", mediatest.AVIFAlpha(), media.PNG, 200, 100, 200, false, true},
		{"animated gif", mediatest.AnimatedGIF(400, 200, 3), media.GIF, 400, 200, 320, true, false},
		{"still gif", mediatest.AnimatedGIF(40, 20, 1), media.PNG, 40, 20, 40, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := p.Process(context.Background(), bytes.NewReader(c.in), media.DefaultLimits)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if res.Image.Format != c.out || res.Animated != c.animated {
				t.Fatalf("stored as %s (animated %v), want %s (animated %v)", res.Image.Format, res.Animated, c.out, c.animated)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(res.Image.Data))
			if err != nil || format != string(c.out) {
				t.Fatalf("stored file does not decode as %s: %v (%s)", c.out, err, format)
			}
			if c.w != 0 && (cfg.Width != c.w || cfg.Height != c.h || res.Image.Width != c.w || res.Image.Height != c.h) {
				t.Fatalf("stored %d×%d (recorded %d×%d), want %d×%d", cfg.Width, cfg.Height, res.Image.Width, res.Image.Height, c.w, c.h)
			}
			if bytes.Equal(res.Image.Data, c.in) {
				t.Fatal("the upload was stored as sent, not re-encoded")
			}
			if bytes.Contains(res.Image.Data, []byte(mediatest.SecretNote)) {
				t.Fatal("the file's metadata survived re-encoding")
			}
			th, _, err := image.DecodeConfig(bytes.NewReader(res.Thumb.Data))
			if err != nil {
				t.Fatalf("thumbnail does not decode: %v", err)
			}
			if th.Width > media.ThumbnailSize || th.Height > media.ThumbnailSize || (c.thumbW != 0 && th.Width != c.thumbW) {
				t.Fatalf("thumbnail is %d×%d, want width %d within %d", th.Width, th.Height, c.thumbW, media.ThumbnailSize)
			}
			if res.Thumb.Format == media.GIF {
				t.Fatal("the thumbnail of an animation must be still")
			}
			if c.animated {
				g, err := gif.DecodeAll(bytes.NewReader(res.Image.Data))
				if err != nil || len(g.Image) != 3 {
					t.Fatalf("animation lost its frames: %v", err)
				}
			}
			if c.thumbAlpha && res.Thumb.Format != media.PNG {
				t.Fatalf("a transparent image's thumbnail is %s, which has no transparency", res.Thumb.Format)
			}
		})
	}
}

func TestProcessStripsEXIFAndAppliesOrientation(t *testing.T) {
	t.Parallel()
	in := mediatest.JPEGWithGPS(64, 32)
	if !bytes.Contains(in, []byte(mediatest.CameraMake)) {
		t.Fatal("the test image lacks its EXIF")
	}
	res, err := media.NewProcessor().Process(context.Background(), bytes.NewReader(in), media.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []media.Encoded{res.Image, res.Thumb} {
		if bytes.Contains(f.Data, []byte("Exif")) || bytes.Contains(f.Data, []byte(mediatest.CameraMake)) {
			t.Fatalf("%s still carries EXIF", f.Key())
		}
	}
	img, err := jpeg.Decode(bytes.NewReader(res.Image.Data))
	if err != nil {
		t.Fatal(err)
	}
	// Orientation 6: the 64×32 sensor image is shown 32 wide, 64 tall,
	// its top-left corner (dark) turned to the top right.
	if b := img.Bounds(); b.Dx() != 32 || b.Dy() != 64 {
		t.Fatalf("stored %v, want it turned upright to 32×64", b)
	}
	r, g, _, _ := img.At(31, 0).RGBA()
	if r > 0x3000 || g > 0x3000 {
		t.Fatalf("the dark corner is not at the top right after turning: %x %x", r, g)
	}
}

func TestProcessRefuses(t *testing.T) {
	t.Parallel()
	small := media.NewProcessor()
	lim := media.Limits{MaxBytes: 4 << 20, MaxPixels: 150_000}
	jpegData := mediatest.JPEG(200, 200)
	cases := []struct {
		name string
		in   []byte
		kind error
		says string
	}{
		{"not an image", mediatest.NotImage(), media.ErrFormat, "not an image"},
		{"svg", mediatest.SVG(), media.ErrFormat, "SVG"},
		{"animated avif", mediatest.AnimatedAVIF(), media.ErrFormat, "Animated AVIF"},
		{"avif over the pixel limit", mediatest.AVIF(), media.ErrTooMany, "480×360"},
		{"truncated avif", mediatest.AVIF()[:300], media.ErrCorrupt, "damaged"},
		{"polyglot", mediatest.Polyglot(), media.ErrPolyglot, "another kind of document"},
		{"png bomb", mediatest.PNGBomb(60000, 60000), media.ErrTooMany, "60000×60000"},
		{"too many pixels", mediatest.PNG(1001, 1000, false), media.ErrTooMany, "limit"},
		{"animation bomb", mediatest.AnimatedGIF(200, 200, 101), media.ErrTooMany, "frames"},
		{"over the size limit", bytes.Repeat([]byte{0xff}, 4<<20+1), media.ErrTooLarge, "4 MB"},
		{"truncated", jpegData[:40], media.ErrCorrupt, "damaged"},
		{"empty", nil, media.ErrFormat, "not an image"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := small.Process(context.Background(), bytes.NewReader(c.in), lim)
			var rej *media.RejectError
			if !errors.As(err, &rej) || !errors.Is(err, c.kind) {
				t.Fatalf("got %v, want a refusal of kind %v", err, c.kind)
			}
			if !strings.Contains(rej.Msg, c.says) {
				t.Fatalf("refusal %q does not say %q", rej.Msg, c.says)
			}
		})
	}
}

// Not parallel: it measures the allocations of the whole process.
func TestProcessBombAllocatesNothingBig(t *testing.T) {
	p := media.NewProcessor()
	bomb := mediatest.PNGBomb(50000, 50000) // 10 GB of pixels if decoded
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := p.Process(context.Background(), bytes.NewReader(bomb), media.DefaultLimits)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, media.ErrTooMany) {
		t.Fatalf("bomb not refused for its size: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("refusing the bomb allocated %d bytes", grew)
	}
}

func TestKeyNamesContent(t *testing.T) {
	t.Parallel()
	p := media.NewProcessor()
	in := mediatest.PNG(30, 30, false)
	a, err := p.Process(context.Background(), bytes.NewReader(in), media.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := p.Process(context.Background(), bytes.NewReader(in), media.DefaultLimits)
	c, _ := p.Process(context.Background(), bytes.NewReader(mediatest.PNG(31, 30, false)), media.DefaultLimits)
	if a.Image.Key() != b.Image.Key() || a.Image.Key() == c.Image.Key() {
		t.Fatalf("keys %s %s %s: same content must give the same key, other content another", a.Image.Key(), b.Image.Key(), c.Image.Key())
	}
	if !media.ValidKey(a.Image.Key()) || !strings.HasSuffix(a.Image.Key(), ".png") || len(a.Image.Key()) != 36 {
		t.Fatalf("key %q", a.Image.Key())
	}
	if _, err := png.Decode(bytes.NewReader(a.Image.Data)); err != nil {
		t.Fatal(err)
	}
}
