package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// staticFiles serves the embedded stylesheet, script and icons. Each file is
// also served under a name with its content hash (style.3f2a9c1b04de.css),
// which pages link to: a browser may keep such a file for a year without
// asking again, since a change makes a new name. The files are compressed
// once, at start-up, at the best levels, rather than on every request.
type staticFiles struct {
	byName map[string]*staticFile // plain and fingerprinted names
	urls   map[string]string      // plain name -> /static/fingerprinted name
}

type staticFile struct {
	ctype      string
	hash       string // hex, the first 12 digits of the SHA-256
	immutable  bool   // requested by its fingerprinted name
	plain      []byte
	gzip, zstd []byte // nil when compressing does not pay
}

// staticCompressMin is the size below which a file goes out as it is.
const staticCompressMin = 1024

// newStaticFiles reads every file of the static directory once.
func newStaticFiles(files fs.FS) (*staticFiles, error) {
	s := &staticFiles{byName: map[string]*staticFile{}, urls: map[string]string{}}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(files, p)
		if err != nil {
			return fmt.Errorf("read static %s: %w", p, err)
		}
		sum := sha256.Sum256(body)
		f := &staticFile{ctype: mime.TypeByExtension(path.Ext(p)), hash: hex.EncodeToString(sum[:6]), plain: body}
		if f.ctype == "" {
			f.ctype = "application/octet-stream"
		}
		if compressible(f.ctype) && len(body) >= staticCompressMin {
			if f.gzip, f.zstd, err = compressStatic(body); err != nil {
				return fmt.Errorf("compress static %s: %w", p, err)
			}
		}
		ext := path.Ext(p)
		named := strings.TrimSuffix(p, ext) + "." + f.hash + ext
		fp := *f
		fp.immutable = true
		s.byName[p], s.byName[named] = f, &fp
		s.urls[p] = "/static/" + named
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return s, nil
}

// url is the fingerprinted address of a static file, for templates; a
// name that is not there is an error, so a typo fails the page's render
// (and its tests) rather than linking nowhere.
func (s *staticFiles) url(name string) (string, error) {
	u, ok := s.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.HasPrefix(ctype, "image/svg+xml")
}

// compressStatic returns the gzip and zstd forms of body, each nil unless
// it saves at least a tenth.
func compressStatic(body []byte) (gz, zs []byte, err error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	if _, err := w.Write(body); err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	if err != nil {
		return nil, nil, fmt.Errorf("zstd: %w", err)
	}
	zs = enc.EncodeAll(body, nil)
	if err := enc.Close(); err != nil {
		return nil, nil, fmt.Errorf("zstd: %w", err)
	}
	worth := func(c []byte) []byte {
		if len(c) > len(body)*9/10 {
			return nil
		}
		return c
	}
	return worth(b.Bytes()), worth(zs), nil
}

// serve answers GET /static/*: the best encoding the client accepts, an
// ETag per encoding, and 304 when If-None-Match names it.
func (s *staticFiles) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := s.byName[chi.URLParam(r, "*")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	if f.immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		// The plain names stay for anything that links them from outside
		// (an old page in a cache); they must be checked again soon.
		h.Set("Cache-Control", "public, max-age=300")
	}
	body, tag := f.plain, f.hash
	if f.gzip != nil || f.zstd != nil {
		h.Add("Vary", "Accept-Encoding")
		switch enc := acceptedEncoding(r.Header.Get("Accept-Encoding"), f.zstd != nil, f.gzip != nil); enc {
		case "zstd":
			body, tag = f.zstd, f.hash+"-zstd"
			h.Set("Content-Encoding", enc)
		case "gzip":
			body, tag = f.gzip, f.hash+"-gzip"
			h.Set("Content-Encoding", enc)
		}
	}
	if tag != f.hash {
		// A range of the compressed bytes means little to anyone.
		r.Header.Del("Range")
	}
	h.Set("ETag", `"`+tag+`"`)
	// ServeContent answers If-None-Match with 304 and HEAD without a body.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptedEncoding picks zstd, then gzip, from an Accept-Encoding header,
// honouring q=0 ("not this one"); "" means the plain bytes.
func acceptedEncoding(header string, zstdOK, gzipOK bool) string {
	q := map[string]bool{}
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		refused := false
		for p := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") && strings.Trim(v, "0.") == "" {
				refused = true
			}
		}
		q[strings.ToLower(strings.TrimSpace(name))] = !refused
	}
	switch {
	case zstdOK && q["zstd"]:
		return "zstd"
	case gzipOK && q["gzip"]:
		return "gzip"
	}
	return ""
}
