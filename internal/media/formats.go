package media

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
)

// Format is an image encoding this package reads or writes.
type Format string

// The formats accepted. Output is only JPEG, PNG or GIF: the Go encoders
// for those are in the standard library.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
	AVIF Format = "avif"
)

// ContentType is what the format is served as.
func (f Format) ContentType() string { return "image/" + string(f) }

// ext is the key's extension for files of this format.
func (f Format) ext() string {
	if f == JPEG {
		return "jpg"
	}
	return string(f)
}

// ContentTypeOfKey is the content type of a stored file, from the
// extension this package gave its key; our own encoding, never the
// uploader's claim.
func ContentTypeOfKey(key string) string {
	switch key[strings.LastIndexByte(key, '.')+1:] {
	case "jpg":
		return JPEG.ContentType()
	case "png":
		return PNG.ContentType()
	case "gif":
		return GIF.ContentType()
	}
	return "application/octet-stream"
}

// sniff names the format from the file's first bytes, ignoring any name
// or content type the uploader sent.
func sniff(b []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return GIF, nil
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return WebP, nil
	}
	switch major, compatible := heifBrands(b); {
	case major == "avis":
		return "", reject(ErrFormat, "Animated AVIF images are not accepted; upload the animation as a GIF.")
	case major == "avif", (major == "mif1" || major == "miaf") && slices.Contains(compatible, "avif"):
		return AVIF, nil
	}
	if looksLikeSVG(b) {
		return "", reject(ErrFormat, "SVG images are not accepted, as they can carry scripts; upload a JPEG, PNG, WebP, AVIF or GIF.")
	}
	return "", reject(ErrFormat, "This file is not an image that can be used here; upload a JPEG, PNG, WebP, AVIF or GIF.")
}

// heifBrands reads the brands of an ISO media file's leading ftyp box:
// an AVIF says "avif" (a still picture) or "avis" (an animation) as its
// major brand, or lists "avif" beside the generic HEIF brand.
func heifBrands(b []byte) (major string, compatible []string) {
	if len(b) < 16 || string(b[4:8]) != "ftyp" {
		return "", nil
	}
	size := int(binary.BigEndian.Uint32(b[:4]))
	if size < 16 || size > len(b) {
		return "", nil
	}
	for i := 16; i+4 <= size; i += 4 {
		compatible = append(compatible, string(b[i:i+4]))
	}
	return string(b[8:12]), compatible
}

func looksLikeSVG(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 1024)])
	head = bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	return (bytes.HasPrefix(head, []byte("<?xml")) || bytes.HasPrefix(head, []byte("<svg")) ||
		bytes.HasPrefix(head, []byte("<!doctype svg"))) && bytes.Contains(head, []byte("<svg"))
}

// markup is what a polyglot hides in an image for a browser or a server
// to find; a picture has no reason to carry it.
var markup = [][]byte{
	[]byte("<script"), []byte("<html"), []byte("<body"), []byte("<iframe"),
	[]byte("<svg"), []byte("<?php"), []byte("<%@"), []byte("javascript:"),
}

// polyglot reports markup anywhere in the file, or an archive or a PDF
// inside it (a GIFAR, a JPEG+ZIP): the re-encoding would drop them, but
// a file made to be two things at once has no honest use here. The
// signatures are long enough not to occur by chance in compressed pixels;
// a ZIP counts only with its end record near the end, as unzip finds it.
func polyglot(b []byte) bool {
	lower := bytes.ToLower(b)
	for _, m := range markup {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	tail := b[max(0, len(b)-(1<<16+22)):]
	if bytes.Contains(tail, []byte("PK\x05\x06")) && bytes.Contains(b, []byte("PK\x03\x04")) {
		return true
	}
	return bytes.Contains(b, []byte("%PDF-")) || bytes.Contains(b, []byte("Rar!\x1a\x07"))
}
