package federation

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// Only what is known to be the sender's doing is a 4xx; anything else,
// named or not, is a 503 that the sender retries.
func TestOnlyTheSendersFaultsAreRefusedForGood(t *testing.T) {
	t.Parallel()
	notFound := &net.DNSError{Err: "no such host", Name: "gone.example", IsNotFound: true}
	// What pgx says when PostgreSQL refuses connections.
	_, refused := pgconn.Connect(context.Background(), "postgres://tidings@127.0.0.1:1/tidings?connect_timeout=5")
	if refused == nil {
		t.Fatal("a connection to port 1 was taken")
	}
	for _, tc := range []struct {
		err    error
		status int
	}{
		{&forum.InputError{Msg: "the title is empty"}, 422},
		{fmt.Errorf("fetch: %w", errTooDeep), 422},
		{fmt.Errorf("no community here: %w", forum.ErrNotFound), 404},
		{fmt.Errorf("post by ap_id: %w", store.ErrNotFound), 404},
		{fmt.Errorf("resolve: %w", ErrBlocked), 403},
		{fmt.Errorf("moderate: %w", forum.ErrForbidden), 403},
		{fmt.Errorf("fetch: %w", &GoneError{URL: "https://gone.example/u/x"}), 400},
		{fmt.Errorf("fetch: %w", &safehttp.StatusError{StatusCode: http.StatusNotFound, URL: "https://x.example/p/1"}), 400},
		{fmt.Errorf("fetch: %w", &url.Error{Op: "Get", URL: "https://gone.example/", Err: notFound}), 400},

		// Ours, or passing: the database, our time, another server's 5xx.
		{fmt.Errorf("resolve actor: %w", refused), 503},
		{fmt.Errorf("resolve actor: get actor: %w", errors.New("unexpected EOF")), 503},
		{fmt.Errorf("apply: %w", context.DeadlineExceeded), 503},
		{fmt.Errorf("fetch: %w", ErrBudgetExhausted), 503},
		{fmt.Errorf("fetch: %w", &safehttp.StatusError{StatusCode: http.StatusBadGateway, URL: "https://x.example/p/1"}), 503},
		{fmt.Errorf("store: %w", store.ErrConflict), 503},
		// A database host that does not resolve is not the sender's.
		{fmt.Errorf("connect to the database: %w", notFound), 503},
		{errors.New("something nobody thought of"), 503},
	} {
		if got := classify(tc.err); got.status != tc.status || got.msg == "" {
			t.Errorf("%v: %d %q, want %d with a reason", tc.err, got.status, got.msg, tc.status)
		}
	}
}
