package server

import (
	"fmt"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/zstd"
)

// compressedTypes are the responses worth compressing: pages, styles,
// scripts, feeds and SVG. ActivityPub JSON is left out on purpose: its
// documents are a few kilobytes, other servers fetch them with clients of
// their own making, and a signed exchange is no place to find out which of
// those mishandle an encoding. Request bodies (the inbox's signed POSTs)
// are never decoded here. Images and archives are compressed already.
var compressedTypes = []string{
	"text/html",
	"text/css",
	"text/javascript",
	"application/javascript",
	"text/plain",
	"text/xml",
	"application/xml",
	"application/rss+xml",
	"application/atom+xml",
	"image/svg+xml",
}

// compressMinSize is below what compression pays for: a short redirect or
// error page costs more in frames and CPU than it saves.
const compressMinSize = 1024

// Compress sends text responses as zstd or gzip to a client that asks for
// them (zstd first, for the same bytes in less time), adding
// "Vary: Accept-Encoding" so caches keep the variants apart. A client that
// sends no Accept-Encoding gets the body untouched, at no cost beyond the
// wrapper. Responses that name their own Content-Encoding (the
// precompressed static files) pass through.
func Compress() (func(http.Handler) http.Handler, error) {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.MinSize(compressMinSize),
		gzhttp.ContentTypes(compressedTypes),
		// Level 5 and zstd's default are the usual sweet spot for pages
		// made on each request: most of the saving for little CPU.
		gzhttp.CompressionLevel(5),
		gzhttp.ZstdCompressionLevel(int(zstd.SpeedDefault)),
		// A compressed body is a different representation (RFC 9110
		// 8.8.3), so its ETag must differ from the plain one's ("-gzip"
		// becomes "-zstd" for zstd).
		gzhttp.SuffixETag("-gzip"),
	)
	if err != nil {
		return nil, fmt.Errorf("compression middleware: %w", err)
	}
	return func(next http.Handler) http.Handler { return wrap(next) }, nil
}
