package apiutil

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
)

// maxBody bounds a request body: Lemmy's largest (a post's body, 50 000
// characters in four bytes each) fits well within it.
const maxBody = 1 << 20

// WriteJSON encodes v with the status. The error of a failed write is the
// connection's and nobody is left to tell.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"unknown"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// DecodeJSON reads the body into v: it must say it is JSON, be one JSON
// value of the right types and nothing after it, and fit maxBody. Fields
// we do not know are ignored, as Lemmy's serde does, since every app sends
// a few of its own. Requiring the JSON content type also keeps a plain
// cross-site form from reaching an endpoint with the jwt cookie.
func DecodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return ErrInvalidQuery.Because(fmt.Errorf("content type %q is not application/json", r.Header.Get("Content-Type")))
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	if err := dec.Decode(v); err != nil {
		return ErrInvalidQuery.Because(fmt.Errorf("decode body: %w", err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return ErrInvalidQuery.Because(errors.New("decode body: more after the JSON value"))
	}
	return nil
}
