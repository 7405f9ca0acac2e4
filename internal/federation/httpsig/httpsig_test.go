package httpsig_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/safehttp"
)

const activity = `{"@context":"https://www.w3.org/ns/activitystreams","type":"Follow","actor":"https://lemmy.example/u/bob","object":"https://tidings.example/c/news"}`

func aliceSigner(t testing.TB) *httpsig.Signer {
	t.Helper()
	s, err := httpsig.NewSigner(aliceKeyID, aliceKey().privPEM)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func signedPost(t testing.TB, body string) *http.Request {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "https://lemmy.example/c/news/inbox", strings.NewReader(body))
	req.RequestURI = "" // as built by a client
	if err := aliceSigner(t).SignPost(req, []byte(body)); err != nil {
		t.Fatal(err)
	}
	return req
}

func verify(req *http.Request, body string, f httpsig.KeyFetcher, now time.Time) (httpsig.Verified, error) {
	return httpsig.Verify(context.Background(), req, []byte(body), f, now)
}

func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
	t.Logf("refused as expected: %v", err)
}

func TestSignPostRoundTrip(t *testing.T) {
	t.Parallel()
	req := signedPost(t, activity)

	if got := req.Header.Get("Digest"); got != digestOf([]byte(activity)) {
		t.Errorf("Digest = %q, want %q", got, digestOf([]byte(activity)))
	}
	if got := req.Header.Get("Content-Type"); got != httpsig.DefaultContentType {
		t.Errorf("Content-Type = %q", got)
	}
	if _, err := http.ParseTime(req.Header.Get("Date")); err != nil || !strings.HasSuffix(req.Header.Get("Date"), " GMT") {
		t.Errorf("Date = %q (%v)", req.Header.Get("Date"), err)
	}
	if req.Host != "lemmy.example" {
		t.Errorf("Host = %q", req.Host)
	}
	sig := req.Header.Get("Signature")
	for _, want := range []string{
		`keyId="` + aliceKeyID + `"`,
		`algorithm="rsa-sha256"`,
		`headers="(request-target) host date digest content-type"`,
	} {
		if !strings.Contains(sig, want) {
			t.Errorf("Signature %q lacks %s", sig, want)
		}
	}

	got, err := verify(req, activity, newFetcher(aliceKeyID, aliceKey().publicPEM), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got != (httpsig.Verified{KeyID: aliceKeyID, Owner: alice}) {
		t.Errorf("Verified = %+v", got)
	}
}

func TestSignGetRoundTrip(t *testing.T) {
	t.Parallel()
	req := httptest.NewRequest(http.MethodGet, "https://lemmy.example/post/12?page=2", nil)
	req.RequestURI = ""
	if err := aliceSigner(t).SignGet(req); err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("Digest") != "" {
		t.Errorf("a GET got a Digest: %q", req.Header.Get("Digest"))
	}
	if sig := req.Header.Get("Signature"); !strings.Contains(sig, `headers="(request-target) host date"`) {
		t.Errorf("Signature = %q", sig)
	}
	if _, err := verify(req, "", newFetcher(aliceKeyID, aliceKey().publicPEM), time.Now()); err != nil {
		t.Fatal(err)
	}
}

func TestSignerAcceptsPKCS1(t *testing.T) {
	t.Parallel()
	s, err := httpsig.NewSigner(aliceKeyID, aliceKey().pkcs1PEM)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "https://lemmy.example/inbox", nil)
	if err := s.SignPost(req, []byte(activity)); err != nil {
		t.Fatal(err)
	}
	// A PKCS#1 public key too.
	if _, err := verify(req, activity, newFetcher(aliceKeyID, aliceKey().pkcs1Public), time.Now()); err != nil {
		t.Fatal(err)
	}
}

func TestSignerRefusesBadKeys(t *testing.T) {
	t.Parallel()
	for name, pem := range map[string]string{
		"1024-bit": weakKey().privPEM,
		"not PEM":  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
		"public":   aliceKey().publicPEM,
	} {
		if _, err := httpsig.NewSigner(aliceKeyID, pem); err == nil {
			t.Errorf("%s: NewSigner accepted it", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

// Through a real server, with the path escaped and a query, as received.
func TestVerifyOverHTTP(t *testing.T) {
	t.Parallel()
	f := newFetcher(aliceKeyID, aliceKey().publicPEM)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, err := httpsig.Verify(r.Context(), r, body, f, time.Now())
		w.WriteHeader(httpsig.HTTPStatus(err))
		fmt.Fprint(w, err)
	}))
	t.Cleanup(backend.Close)
	bu, _ := url.Parse(backend.URL)

	// A proxy that passes Host on, as nginx does with
	// proxy_set_header Host $host, and one that does not.
	keepHost := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(bu)
		r.Out.Host = r.In.Host
	}})
	t.Cleanup(keepHost.Close)
	changeHost := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(bu) }})
	t.Cleanup(changeHost.Close)

	for _, tc := range []struct {
		name, server string
		want         int
	}{
		{"direct", backend.URL, http.StatusOK},
		{"proxy keeping Host", keepHost.URL, http.StatusOK},
		{"proxy changing Host", changeHost.URL, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodPost, tc.server+"/c/caf%C3%A9/inbox?x=a%2Fb", bytes.NewReader([]byte(activity)))
			if err != nil {
				t.Fatal(err)
			}
			req.Host = "tidings.example" // the public name the proxy serves
			if err := aliceSigner(t).SignPost(req, []byte(activity)); err != nil {
				t.Fatal(err)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			msg, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Fatalf("status %d (%s), want %d", res.StatusCode, msg, tc.want)
			}
		})
	}
}

// Lemmy: hs2019 over (request-target) content-type date digest host.
func TestVerifyLemmy(t *testing.T) {
	t.Parallel()
	const keyID = "https://lemmy.example/c/technology#main-key"
	req := httptest.NewRequest(http.MethodPost, "https://tidings.example/inbox", strings.NewReader(activity))
	req.Header.Set("Content-Type", "application/activity+json")
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	req.Header.Set("Digest", digestOf([]byte(activity)))
	handSign(t, otherKey().priv, req, "/inbox",
		[]string{"(request-target)", "content-type", "date", "digest", "host"},
		func(sig string) string {
			return `keyId="` + keyID + `",algorithm="hs2019",headers="(request-target) content-type date digest host",signature="` + sig + `"`
		})
	got, err := verify(req, activity, newFetcher(keyID, otherKey().publicPEM), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got.Owner != "https://lemmy.example/c/technology" {
		t.Errorf("Owner = %q", got.Owner)
	}
}

// Mbin: rsa-sha256 over (request-target) date host digest, parameters in
// another order and with spaces after the commas.
func TestVerifyMbin(t *testing.T) {
	t.Parallel()
	const keyID = "https://mbin.example/m/tech#main-key"
	req := httptest.NewRequest(http.MethodPost, "https://tidings.example/c/news/inbox", strings.NewReader(activity))
	req.Header.Set("Content-Type", "application/activity+json")
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	req.Header.Set("Digest", digestOf([]byte(activity)))
	handSign(t, otherKey().priv, req, "/c/news/inbox",
		[]string{"(request-target)", "date", "host", "digest"},
		func(sig string) string {
			return `keyId="` + keyID + `", headers="(request-target) date host digest", signature="` + sig + `", algorithm="rsa-sha256"`
		})
	if _, err := verify(req, activity, newFetcher(keyID, otherKey().publicPEM), time.Now()); err != nil {
		t.Fatal(err)
	}
}

// Mastodon leaves the query out of (request-target).
func TestVerifyWithoutSignedQuery(t *testing.T) {
	t.Parallel()
	const keyID = "https://mastodon.example/users/carol#main-key"
	req := httptest.NewRequest(http.MethodGet, "https://tidings.example/c/news/outbox?page=2", nil)
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	handSign(t, otherKey().priv, req, "/c/news/outbox",
		[]string{"(request-target)", "host", "date"},
		func(sig string) string {
			return `keyId="` + keyID + `",algorithm="rsa-sha256",headers="(request-target) host date",signature="` + sig + `"`
		})
	if _, err := verify(req, "", newFetcher(keyID, otherKey().publicPEM), time.Now()); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyDigestForms(t *testing.T) {
	t.Parallel()
	sum := strings.TrimPrefix(digestOf([]byte(activity)), "SHA-256=")
	for _, tc := range []struct {
		digest string
		want   error
	}{
		{"sha-256=" + sum, nil},
		{"SHA-512=AAAA,SHA-256=" + sum, nil},
		{"SHA-512=AAAA, sha-256=" + sum, nil},
		{"SHA-512=AAAA", httpsig.ErrBadDigest},
		{"SHA-256=" + strings.Repeat("A", 43) + "=", httpsig.ErrBadDigest},
		{"SHA-256=not base64!", httpsig.ErrBadDigest},
	} {
		t.Run(tc.digest, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(http.MethodPost, "https://tidings.example/inbox", strings.NewReader(activity))
			req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
			req.Header.Set("Digest", tc.digest)
			handSign(t, otherKey().priv, req, "/inbox",
				[]string{"(request-target)", "host", "date", "digest"},
				func(sig string) string {
					return `keyId="k",headers="(request-target) host date digest",signature="` + sig + `"`
				})
			_, err := verify(req, activity, newFetcher("k", otherKey().publicPEM), time.Now())
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	f := newFetcher(aliceKeyID, aliceKey().publicPEM)
	now := time.Now()

	t.Run("no signature", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.Header.Del("Signature")
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrNoSignature)
		if httpsig.HTTPStatus(err) != http.StatusUnauthorized {
			t.Errorf("status %d", httpsig.HTTPStatus(err))
		}
	})
	t.Run("tampered body", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		body := strings.Replace(activity, "Follow", "Block", 1)
		_, err := verify(req, body, f, now)
		wantErr(t, err, httpsig.ErrBadDigest)
		if httpsig.HTTPStatus(err) != http.StatusBadRequest {
			t.Errorf("status %d", httpsig.HTTPStatus(err))
		}
	})
	t.Run("tampered body and digest", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		body := strings.Replace(activity, "Follow", "Block", 1)
		req.Header.Set("Digest", digestOf([]byte(body)))
		_, err := verify(req, body, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("POST without digest", func(t *testing.T) {
		t.Parallel()
		// Signed as a GET: no Digest at all.
		req := httptest.NewRequest(http.MethodPost, "https://tidings.example/inbox", strings.NewReader(activity))
		if err := aliceSigner(t).SignGet(req); err != nil {
			t.Fatal(err)
		}
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadDigest)
	})
	t.Run("digest not signed", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodPost, "https://tidings.example/inbox", strings.NewReader(activity))
		req.Header.Set("Digest", digestOf([]byte(activity)))
		if err := aliceSigner(t).SignGet(req); err != nil {
			t.Fatal(err)
		}
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("altered date", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.Header.Set("Date", now.Add(-time.Minute).UTC().Format(http.TimeFormat))
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("altered host", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.Host = "tidings.example"
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("altered path", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.URL.Path = "/c/other/inbox"
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	for name, date := range map[string]time.Time{
		"61 minutes old":       now.Add(-61 * time.Minute),
		"61 minutes in future": now.Add(61 * time.Minute),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(http.MethodPost, "https://lemmy.example/inbox", nil)
			req.Header.Set("Date", date.UTC().Format(http.TimeFormat))
			if err := aliceSigner(t).SignPost(req, []byte(activity)); err != nil {
				t.Fatal(err)
			}
			_, err := verify(req, activity, f, now)
			wantErr(t, err, httpsig.ErrStaleDate)
		})
	}
	t.Run("59 minutes old", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodPost, "https://lemmy.example/inbox", nil)
		req.Header.Set("Date", now.Add(-59*time.Minute).UTC().Format(http.TimeFormat))
		if err := aliceSigner(t).SignPost(req, []byte(activity)); err != nil {
			t.Fatal(err)
		}
		if _, err := verify(req, activity, f, now); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("no date", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodGet, "https://tidings.example/u/alice", nil)
		handSign(t, aliceKey().priv, req, "/u/alice", []string{"(request-target)", "host", "date"},
			func(sig string) string {
				return `keyId="` + aliceKeyID + `",headers="(request-target) host date",signature="` + sig + `"`
			})
		_, err := verify(req, "", f, now)
		wantErr(t, err, httpsig.ErrStaleDate)
	})
	t.Run("date not signed", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodGet, "https://tidings.example/u/alice", nil)
		req.Header.Set("Date", now.UTC().Format(http.TimeFormat))
		handSign(t, aliceKey().priv, req, "/u/alice", []string{"(request-target)", "host"},
			func(sig string) string {
				return `keyId="` + aliceKeyID + `",headers="(request-target) host",signature="` + sig + `"`
			})
		_, err := verify(req, "", f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("HMAC algorithm", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.Header.Set("Signature", strings.Replace(req.Header.Get("Signature"), "rsa-sha256", "hmac-sha256", 1))
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("malformed header", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.Header.Set("Signature", `keyId="`+aliceKeyID+`",signature="abc`)
		_, err := verify(req, activity, f, now)
		wantErr(t, err, httpsig.ErrBadSignature)
	})
	t.Run("signature not base64", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		req.Header.Set("Signature", strings.Replace(req.Header.Get("Signature"), `signature="`, `signature="*`, 1))
		counted := newFetcher(aliceKeyID, aliceKey().publicPEM)
		_, err := verify(req, activity, counted, now)
		wantErr(t, err, httpsig.ErrBadSignature)
		if calls, _ := counted.counts(); calls != 0 {
			t.Errorf("%d key fetches for a malformed signature", calls)
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		_, err := verify(req, activity, newFetcher("https://elsewhere.example/u/x#main-key", aliceKey().publicPEM), now)
		wantErr(t, err, httpsig.ErrKeyFetch)
		if httpsig.HTTPStatus(err) != http.StatusUnauthorized {
			t.Errorf("a key its server says is not there: status %d, want 401", httpsig.HTTPStatus(err))
		}
	})
	t.Run("key not to be had now", func(t *testing.T) {
		t.Parallel()
		// The remote down or slow, our database refusing connections:
		// nothing says the sender is wrong, so it is told to try again.
		for _, cause := range []error{
			&safehttp.StatusError{StatusCode: http.StatusBadGateway, URL: aliceKeyID},
			context.DeadlineExceeded,
			errors.New("failed to connect to `host=127.0.0.1 user=tidings database=tidings`: dial error: connection refused"),
		} {
			req := signedPost(t, activity)
			down := &fetcher{err: cause}
			v, err := verify(req, activity, down, now)
			wantErr(t, err, httpsig.ErrKeyFetch)
			if httpsig.HTTPStatus(err) != http.StatusServiceUnavailable {
				t.Errorf("%v: status %d, want 503", cause, httpsig.HTTPStatus(err))
			}
			if v.KeyID != aliceKeyID || !strings.Contains(err.Error(), aliceKeyID) || !strings.Contains(err.Error(), cause.Error()) {
				t.Errorf("%v: refused as %q with key %q; want the key and the cause named", cause, err, v.KeyID)
			}
		}
	})
	t.Run("1024-bit key", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodPost, "https://tidings.example/inbox", strings.NewReader(activity))
		req.Header.Set("Date", now.UTC().Format(http.TimeFormat))
		req.Header.Set("Digest", digestOf([]byte(activity)))
		handSign(t, weakKey().priv, req, "/inbox", []string{"(request-target)", "host", "date", "digest"},
			func(sig string) string {
				return `keyId="weak",headers="(request-target) host date digest",signature="` + sig + `"`
			})
		_, err := verify(req, activity, newFetcher("weak", weakKey().publicPEM), now)
		wantErr(t, err, httpsig.ErrBadKey)
	})
	t.Run("ed25519 key", func(t *testing.T) {
		t.Parallel()
		req := signedPost(t, activity)
		_, err := verify(req, activity, newFetcher(aliceKeyID, ed25519PEM()), now)
		wantErr(t, err, httpsig.ErrBadKey)
	})
}

func TestVerifyAuthorizationHeader(t *testing.T) {
	t.Parallel()
	req := signedPost(t, activity)
	req.Header.Set("Authorization", "Signature "+req.Header.Get("Signature"))
	req.Header.Del("Signature")
	if _, err := verify(req, activity, newFetcher(aliceKeyID, aliceKey().publicPEM), time.Now()); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyKeyRotation(t *testing.T) {
	t.Parallel()
	// Alice's instance rotated her key; the cache still has the old one.
	f := newFetcher(aliceKeyID, otherKey().publicPEM)
	f.rotated = map[string]string{aliceKeyID: aliceKey().publicPEM}
	got, err := verify(signedPost(t, activity), activity, f, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got.Owner != alice {
		t.Errorf("Owner = %q", got.Owner)
	}
	if calls, refreshes := f.counts(); calls != 2 || refreshes != 1 {
		t.Errorf("%d fetches, %d refreshes; want 2 and 1", calls, refreshes)
	}

	// A signature that no key verifies costs one refresh, no more.
	f = newFetcher(aliceKeyID, otherKey().publicPEM)
	_, err = verify(signedPost(t, activity), activity, f, time.Now())
	wantErr(t, err, httpsig.ErrBadSignature)
	if calls, refreshes := f.counts(); calls != 2 || refreshes != 1 {
		t.Errorf("%d fetches, %d refreshes; want 2 and 1", calls, refreshes)
	}
}

func TestConcurrentSigning(t *testing.T) {
	t.Parallel()
	s := aliceSigner(t)
	f := newFetcher(aliceKeyID, aliceKey().publicPEM)
	var wg sync.WaitGroup
	errs := make(chan error, 16*4)
	for g := range 16 {
		wg.Go(func() {
			for i := range 4 {
				body := fmt.Sprintf(`{"n":%d,"i":%d}`, g, i)
				req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("https://lemmy.example/u/u%d/inbox", g), nil)
				if err := s.SignPost(req, []byte(body)); err != nil {
					errs <- err
					return
				}
				get := httptest.NewRequest(http.MethodGet, fmt.Sprintf("https://lemmy.example/post/%d", g), nil)
				if err := s.SignGet(get); err != nil {
					errs <- err
					return
				}
				if _, err := verify(req, body, f, time.Now()); err != nil {
					errs <- err
				}
				if _, err := verify(get, "", f, time.Now()); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHTTPStatus(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]int{
		nil:                     http.StatusOK,
		httpsig.ErrNoSignature:  http.StatusUnauthorized,
		httpsig.ErrBadSignature: http.StatusUnauthorized,
		httpsig.ErrStaleDate:    http.StatusUnauthorized,
		httpsig.ErrBadKey:       http.StatusUnauthorized,
		httpsig.ErrKeyFetch:     http.StatusServiceUnavailable,
		httpsig.ErrBadDigest:    http.StatusBadRequest,
		fmt.Errorf("%w: %w", httpsig.ErrKeyFetch, httpsig.ErrNoSuchKey): http.StatusUnauthorized,
		io.EOF: http.StatusServiceUnavailable,
	} {
		if got := httpsig.HTTPStatus(err); got != want {
			t.Errorf("HTTPStatus(%v) = %d, want %d", err, got, want)
		}
	}
}
