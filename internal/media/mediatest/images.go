// Package mediatest makes the files the upload tests send: images of each
// accepted format made on the spot, a JPEG carrying GPS and camera EXIF,
// and the bad inputs (bomb, SVG, polyglot, not an image); and it starts a
// real S3-compatible server for the S3 tests.
package mediatest

import (
	"bytes"
	"embed"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
)

//go:embed testdata/*.webp testdata/*.avif
var webpFiles embed.FS

// gradient is a picture with content in every pixel, so encoders have
// something to keep and a wrong rotation shows.
func gradient(w, h int, alpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(255)
			if alpha {
				a = uint8(x * 255 / max(1, w-1))
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / max(1, w-1)), uint8(y * 255 / max(1, h-1)), 128, a})
		}
	}
	return img
}

// JPEG is a w×h photo-like JPEG with no metadata.
func JPEG(w, h int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gradient(w, h, false), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// PNG is a w×h PNG, with transparency when alpha is set, and a text
// chunk (Comment: secret-note) that must not survive re-encoding.
func PNG(w, h int, alpha bool) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, gradient(w, h, alpha)); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	const afterIHDR = 8 + 8 + 13 + 4
	out := append([]byte{}, b[:afterIHDR]...)
	out = chunk(out, "tEXt", []byte("Comment\x00"+SecretNote))
	return append(out, b[afterIHDR:]...)
}

// SecretNote is the text of the metadata PNG and GIF test files carry.
const SecretNote = "secret-note"

// AnimatedGIF has frames frames of w×h, 10 ms apart, looping forever,
// and a comment extension that must not survive re-encoding.
func AnimatedGIF(w, h, frames int) []byte {
	g := &gif.GIF{LoopCount: 0}
	for i := range frames {
		f := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
		for y := range h {
			for x := range w {
				f.SetColorIndex(x, y, uint8((x+y+i*16)%256))
			}
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 1)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	// A comment extension before the trailer: 0x21 0xFE, sub-blocks, 0.
	comment := append([]byte{0x21, 0xfe, byte(len(SecretNote))}, SecretNote...)
	comment = append(comment, 0)
	return append(append(b[:len(b)-1:len(b)-1], comment...), 0x3b)
}

// WebP is a lossy WebP photo (150×103).
func WebP() []byte { return mustRead("testdata/video-001.lossy.webp") }

// WebPAlpha is a lossless WebP with transparency.
func WebPAlpha() []byte { return mustRead("testdata/gopher-doc.with-alpha.lossless.webp") }

// AVIF is an opaque AVIF still (480×360).
func AVIF() []byte { return mustRead("testdata/gradient.avif") }

// AVIFAlpha is an AVIF still with transparency (200×100).
func AVIFAlpha() []byte { return mustRead("testdata/gradient-alpha.avif") }

// AnimatedAVIF is an AVIF whose brand says it is an image sequence.
func AnimatedAVIF() []byte {
	b := AVIF()
	copy(b[8:12], "avis")
	return b
}

func mustRead(name string) []byte {
	b, err := webpFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

// The EXIF the GPS JPEG carries, for tests to look for in what is stored.
const (
	CameraMake = "SpyCam Industries"
	GPSLatRef  = "N"
)

// JPEGWithGPS is a w×h JPEG whose EXIF names a camera, a GPS position
// and orientation 6 (the camera was turned a quarter clockwise), so a
// correct re-encoding is h×w and carries none of it.
func JPEGWithGPS(w, h int) []byte {
	plain := JPEG(w, h)
	exif := exifSegment()
	out := append([]byte{}, plain[:2]...) // SOI
	out = append(out, 0xff, 0xe1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(exif)+2))
	out = append(out, exif...)
	return append(out, plain[2:]...)
}

// exifSegment builds a big-endian TIFF: IFD0 with Make, Orientation and a
// GPS IFD pointer; the GPS IFD with latitude N 52° 22' 12".
func exifSegment() []byte {
	be := binary.BigEndian
	var t []byte
	t = append(t, "MM\x00\x2a"...)
	t = be.AppendUint32(t, 8)
	// IFD0: 3 entries at 8; 2+3*12+4 = 42 bytes, so data starts at 50.
	makeOff := uint32(50)
	makeVal := CameraMake + "\x00"
	gpsOff := makeOff + uint32(len(makeVal))
	entry := func(tag, typ uint16, count, value uint32) {
		t = be.AppendUint16(t, tag)
		t = be.AppendUint16(t, typ)
		t = be.AppendUint32(t, count)
		t = be.AppendUint32(t, value)
	}
	t = be.AppendUint16(t, 3)
	entry(0x010f, 2, uint32(len(makeVal)), makeOff) // Make
	entry(0x0112, 3, 1, 6<<16)                      // Orientation 6, left-justified SHORT
	entry(0x8825, 4, 1, gpsOff)                     // GPSInfo
	t = be.AppendUint32(t, 0)
	t = append(t, makeVal...)
	// GPS IFD: 2 entries; rationals after it.
	ratOff := gpsOff + 2 + 2*12 + 4
	t = be.AppendUint16(t, 2)
	entry(0x0001, 2, 2, uint32(GPSLatRef[0])<<24) // GPSLatitudeRef "N\0"
	entry(0x0002, 5, 3, ratOff)                   // GPSLatitude
	t = be.AppendUint32(t, 0)
	for _, r := range [][2]uint32{{52, 1}, {22, 1}, {12, 1}} {
		t = be.AppendUint32(t, r[0])
		t = be.AppendUint32(t, r[1])
	}
	return append([]byte("Exif\x00\x00"), t...)
}

// PNGBomb is a few dozen bytes declaring a w×h canvas: decoding it
// would allocate w×h×4 bytes.
func PNGBomb(w, h uint32) []byte {
	out := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	out = chunk(out, "IHDR", ihdr)
	out = chunk(out, "IDAT", []byte{0x78, 0x9c, 0x63, 0x60, 0x00, 0x00})
	return chunk(out, "IEND", nil)
}

func chunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// SVG is a vector image with a script in it.
func SVG() []byte {
	return []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">` +
		`<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>`)
}

// Polyglot is a valid GIF that is also an HTML page with a script, the
// classic way to smuggle script past a check of the first bytes.
func Polyglot() []byte {
	g := AnimatedGIF(8, 8, 1)
	return append(g, "<html><body><script>alert(document.cookie)</script></body></html>"...)
}

// NotImage is a text file.
func NotImage() []byte { return []byte("just some text, not a picture at all\n") }

// Photo is a w×h JPEG with fine detail everywhere (noise over a
// gradient), which decodes about as slowly as a camera's photo; a smooth
// gradient would flatter the decoder.
func Photo(w, h int) []byte {
	img := gradient(w, h, false)
	seed := uint32(2463534242)
	for i := 0; i < len(img.Pix); i += 4 {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		for c := range 3 {
			v := int(img.Pix[i+c]) + int(seed>>(8*c)&31) - 16
			img.Pix[i+c] = uint8(min(255, max(0, v)))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
