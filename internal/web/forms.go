package web

import (
	"errors"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/forum"
)

// maxFormBytes bounds a form body: a post of 50,000 characters in UTF-8
// plus its other fields fits comfortably.
const maxFormBytes = 512 << 10

func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &forum.InputError{Msg: "what you sent is too large"}
		}
		return &forum.InputError{Msg: "the form could not be read"}
	}
	for _, vs := range r.Form {
		for _, v := range vs {
			if !storable(v) {
				return &forum.InputError{Msg: "the form contains characters that cannot be stored (a NUL byte or broken UTF-8)"}
			}
		}
	}
	return nil
}

// storable is text PostgreSQL accepts: valid UTF-8 without NUL bytes.
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// safeReturn accepts only a path on this site, so a crafted link cannot
// send someone elsewhere after a form.
func safeReturn(s, fallback string) string {
	if s == "" {
		return fallback
	}
	u, err := url.Parse(s)
	if err != nil {
		return fallback
	}
	if u.IsAbs() || u.Host != "" {
		// A Referer is absolute; keep its path if it is ours in all but host,
		// which the caller cannot check here, so only the path is kept.
		s = u.RequestURI()
		u, _ = url.Parse(s)
	}
	if u == nil || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || u.Host != "" ||
		strings.ContainsAny(s, "\\\x00\r\n") ||
		strings.Contains(strings.ToLower(s), "%5c") {
		return fallback
	}
	// http.Redirect cleans the path, so the cleaned form must be safe too.
	if p := path.Clean(u.Path); strings.HasPrefix(p, "//") || strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	return s
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// idParam reads a positive id from the URL or a form.
func idParam(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// statusFor is the status of a refused form: 404 for what does not exist,
// 403 for what the person has no right to, 422 for what they must correct.
func statusFor(err error) int {
	switch {
	case errors.Is(err, forum.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, forum.ErrForbidden):
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}

// errorText is what a refused form tells the person: the rule's own
// words, as a sentence; never our internal error.
func errorText(err error) string {
	var ie *forum.InputError
	var ae *forum.ApplicationError
	switch {
	case errors.As(err, &ie):
		return sentence(ie.Msg)
	case errors.As(err, &ae):
		return sentence(ae.Error())
	case errors.Is(err, forum.ErrNotFound):
		return sentence(strings.TrimSuffix(err.Error(), ": "+forum.ErrNotFound.Error()))
	case errors.Is(err, forum.ErrForbidden):
		return sentence(strings.TrimSuffix(err.Error(), ": "+forum.ErrForbidden.Error()))
	}
	return "Something went wrong."
}

// sentence makes a rule's message read as a sentence beside a form: a
// capital first letter and a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}

// isInput tells a person's mistake (or a right they lack), answered with a
// message, from our own failure, answered with a 500.
func isInput(err error) bool { return forum.IsInputError(err) || errors.Is(err, forum.ErrForbidden) }
