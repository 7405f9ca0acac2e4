package media_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"sync"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/media/mediatest"
)

var photo = sync.OnceValue(func() []byte { return mediatest.Photo(4000, 3000) })

// BenchmarkJPEG4000x3000 times, on one 12-megapixel photo, decoding
// alone, decoding and thumbnailing, and the whole upload pipeline
// (checks, decode, re-encode at full size, thumbnail), and reports each as
// a multiple of decoding alone: the figures in the README.
func BenchmarkJPEG4000x3000(b *testing.B) {
	data := photo()
	b.SetBytes(int64(len(data)))
	p := media.NewProcessor()
	lim := media.Limits{MaxBytes: 64 << 20, MaxPixels: 50_000_000}
	var decode, thumb, process time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		_ = imaging.Fit(img, media.ThumbnailSize, media.ThumbnailSize, imaging.CatmullRom)
		t2 := time.Now()
		if _, err := p.ProcessBytes(context.Background(), data, lim); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		decode += t1.Sub(t0)
		thumb += t2.Sub(t1)
		process += t3.Sub(t2)
	}
	n := float64(b.N)
	b.ReportMetric(float64(decode.Milliseconds())/n, "decode-ms")
	b.ReportMetric(float64(thumb.Milliseconds())/n, "thumbnail-ms")
	b.ReportMetric(float64(process.Milliseconds())/n, "upload-ms")
	b.ReportMetric(float64(thumb)/float64(decode), "thumbnail/decode")
	b.ReportMetric(float64(process)/float64(decode), "upload/decode")
}
