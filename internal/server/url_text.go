package server

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/api"
)

// refuseUnreadableURLs answers 400 to a request whose path or query
// parameters hold a NUL byte or bytes that are not UTF-8, before any
// handler sees them. No name, id or search here can contain them, and
// PostgreSQL refuses them in text, so deeper down they would be a 500.
func refuseUnreadableURLs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if where := unreadablePart(r.URL); where != "" {
			if strings.HasPrefix(r.URL.Path, api.Prefix+"/") {
				// The apps read errors in Lemmy's shape only.
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"error":"invalid_query"}` + "\n"))
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("This address cannot be read: " + where + " holds a NUL byte or bytes that are " +
				"not UTF-8 text. No page here has such an address; check the link.\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// unreadablePart names the part of u that is not readable text, or "".
func unreadablePart(u *url.URL) string {
	if !readable(u.Path) {
		return "its path"
	}
	// Pairs that do not parse are dropped here as they are by handlers.
	q, _ := url.ParseQuery(u.RawQuery)
	for k, vs := range q {
		if !readable(k) {
			return "a query parameter's name"
		}
		for _, v := range vs {
			if !readable(v) {
				return "the query parameter " + k
			}
		}
	}
	return ""
}

func readable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
