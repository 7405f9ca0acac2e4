// Package apiutil is what every resource of the client API shares: Lemmy's
// error shape and codes, strict JSON bodies and typed query strings, the
// JWT that stands for one of our sessions, and CORS. It holds no rule of
// the forum: handlers parse with it, call forum and store, and encode.
package apiutil
