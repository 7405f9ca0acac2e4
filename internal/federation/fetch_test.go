package federation_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/safehttp"
)

// newFetchRemote is a remote for tests that need no database.
func newFetchRemote(t *testing.T) (*remote, *federation.Fetcher) {
	return newRemote(t), federation.NewFetcher(safehttp.New(safehttp.Options{AllowPrivate: true}), nil)
}

func TestFetchChecksTheAnswer(t *testing.T) {
	t.Parallel()
	r, f := newFetchRemote(t)
	ctx := context.Background()
	note := func(path string) string { return `{"id":"` + r.url(path) + `","type":"Note","content":"hi"}` }
	r.serve("/ok", 200, apJSON+"; charset=utf-8", note("/ok"))
	r.serve("/ld", 200, `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`, note("/ld"))
	r.serve("/plain-json", 200, "application/json", note("/plain-json"))
	r.serve("/html", 200, "text/html", note("/html"))
	r.serve("/other-id", 200, apJSON, note("/ok"))
	r.serve("/no-id", 200, apJSON, `{"type":"Note"}`)
	r.serve("/gone", 410, apJSON, `{"id":"`+r.url("/gone")+`","type":"Tombstone"}`)
	r.serve("/tombstone", 200, apJSON, `{"id":"`+r.url("/tombstone")+`","type":"Tombstone"}`)
	r.serve("/broken", 500, "text/plain", "oops")

	for _, tc := range []struct {
		path string
		want error
	}{
		{"/ok", nil},
		{"/ld", nil},
		{"/plain-json", federation.ErrNotActivityJSON},
		{"/html", federation.ErrNotActivityJSON},
		{"/other-id", federation.ErrIDMismatch},
		{"/no-id", federation.ErrIDMismatch},
		{"/gone", federation.ErrGone},
		{"/tombstone", federation.ErrGone},
		{"/missing", nil}, // checked below: a StatusError
		{"/broken", nil},
	} {
		body, err := f.Fetch(ctx, r.url(tc.path))
		switch tc.path {
		case "/missing", "/broken":
			var se *safehttp.StatusError
			if !errors.As(err, &se) {
				t.Errorf("%s: err = %v, want a StatusError", tc.path, err)
			}
			continue
		}
		if tc.want == nil {
			if err != nil || !strings.Contains(string(body), `"hi"`) {
				t.Errorf("%s: %s, %v", tc.path, body, err)
			}
			continue
		}
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.path, err, tc.want)
		}
	}

	_, err := f.Fetch(ctx, r.url("/gone"))
	var gone *federation.GoneError
	if !errors.As(err, &gone) || gone.TombstoneID != r.url("/gone") {
		t.Errorf("410: err = %#v, want a GoneError naming the Tombstone", err)
	}
}

func TestFetchSendsAcceptAndSignature(t *testing.T) {
	t.Parallel()
	var accept, sig string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept, sig = r.Header.Get("Accept"), r.Header.Get("Signature")
		w.Header().Set("Content-Type", apJSON)
		_, _ = w.Write([]byte(`{"id":"http://` + r.Host + r.URL.Path + `","type":"Note"}`))
	}))
	t.Cleanup(srv.Close)
	if _, err := signedFetcher(t).Fetch(context.Background(), srv.URL+"/x"); err != nil {
		t.Fatal(err)
	}
	if accept != federation.AcceptActivity {
		t.Errorf("Accept = %q", accept)
	}
	if !strings.Contains(sig, `keyId="https://tidings.test/#main-key"`) || !strings.Contains(sig, `headers="(request-target) host date"`) {
		t.Errorf("Signature = %q", sig)
	}
}

func TestFetchBudget(t *testing.T) {
	t.Parallel()
	r, f := newFetchRemote(t)
	r.serve("/n", 200, apJSON, `{"id":"`+r.url("/n")+`","type":"Note"}`)
	ctx := federation.WithBudget(context.Background(), 2)
	for i := range 2 {
		if _, err := f.Fetch(ctx, r.url("/n")); err != nil {
			t.Fatalf("fetch %d: %v", i+1, err)
		}
	}
	// A derived context shares the budget.
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	if _, err := f.Fetch(sub, r.url("/n")); !errors.Is(err, federation.ErrBudgetExhausted) {
		t.Errorf("third fetch: err = %v, want ErrBudgetExhausted", err)
	}
	if n := r.hitsOf("/n"); n != 2 {
		t.Errorf("requests = %d, want 2", n)
	}
	// Without a budget: no limit.
	if _, err := f.Fetch(context.Background(), r.url("/n")); err != nil {
		t.Errorf("fetch without budget: %v", err)
	}
}
