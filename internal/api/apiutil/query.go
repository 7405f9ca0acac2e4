package apiutil

import (
	"fmt"
	"net/url"
	"strconv"
)

// Query reads a GET's parameters as lemmy-js-client sends them (numbers
// and booleans as text), remembering the first malformed one so a
// handler checks once: Err answers invalid_query naming it.
type Query struct {
	v   url.Values
	err error
}

// NewQuery wraps the request's parameters.
func NewQuery(v url.Values) *Query { return &Query{v: v} }

// String is the parameter's text, "" when absent.
func (q *Query) String(name string) string { return q.v.Get(name) }

// Int64 is the parameter as a whole number, 0 when absent.
func (q *Query) Int64(name string) int64 {
	s := q.v.Get(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		q.fail(name, err)
	}
	return n
}

// Bool is the parameter as true or false, false when absent.
func (q *Query) Bool(name string) bool {
	s := q.v.Get(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.fail(name, err)
	}
	return b
}

func (q *Query) fail(name string, err error) {
	if q.err == nil {
		q.err = ErrInvalidQuery.Because(fmt.Errorf("parameter %s: %w", name, err))
	}
}

// Err is the first malformed parameter's error, nil when all were fine.
func (q *Query) Err() error { return q.err }
