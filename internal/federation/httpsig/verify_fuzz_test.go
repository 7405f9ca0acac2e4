package httpsig_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation/httpsig"
)

// fuzzNow is the clock of FuzzVerify, fixed so that the seeds' Date stays
// inside the window and a corpus entry means the same on every run.
var fuzzNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const fuzzKeyID = "https://lemmy.example/c/technology#main-key"

// FuzzVerify sends Verify requests whose signature parameters, Date,
// Digest, Content-Type, target and body are all the fuzzer's. The key is
// always at hand, so every refusal must be a 4xx (the sender's fault, not
// a failure to retry), and a request may pass only when its body is the
// one the Digest names and its Date is within the hour: the fuzzer cannot
// forge RSA, so anything it changes in a validly signed seed must fail.
func FuzzVerify(f *testing.F) {
	// A key kept in testdata, not made per run, so that the corpus's
	// signed entries still verify when replayed. It signs nothing real.
	privPEM, err := os.ReadFile("testdata/fuzz_key.pem")
	if err != nil {
		f.Fatal(err)
	}
	key := fuzzKey(f, string(privPEM))
	date := fuzzNow.Format(http.TimeFormat)
	digest := digestOf([]byte(activity))
	styles := []struct {
		target  string
		headers []string
		format  func(sig string) string
	}{
		{"/inbox", []string{"(request-target)", "content-type", "date", "digest", "host"}, func(sig string) string {
			return `keyId="` + fuzzKeyID + `",algorithm="hs2019",headers="(request-target) content-type date digest host",signature="` + sig + `"`
		}},
		{"/c/news/inbox", []string{"(request-target)", "date", "host", "digest"}, func(sig string) string {
			return `keyId="` + fuzzKeyID + `", headers="(request-target) date host digest", signature="` + sig + `", algorithm="rsa-sha256"`
		}},
		{"/u/alice/inbox?x=1", []string{"(request-target)", "host", "date", "digest", "content-type"}, func(sig string) string {
			return `keyId="` + fuzzKeyID + `",algorithm="rsa-sha256",headers="(request-target) host date digest content-type",signature="` + sig + `"`
		}},
	}
	for _, s := range styles {
		req := fuzzRequest(s.target, "", date, digest, "application/activity+json")
		handSign(f, key.priv, req, s.target, s.headers, s.format)
		if _, err := httpsig.Verify(context.Background(), req, []byte(activity), newFetcher(fuzzKeyID, key.publicPEM), fuzzNow); err != nil {
			f.Fatalf("the seed signed as for %s does not verify: %v", s.target, err)
		}
		f.Add(req.Header.Get("Signature"), date, digest, "application/activity+json", s.target, []byte(activity))
	}
	f.Add(`keyId="`+fuzzKeyID+`",signature="YQ=="`, "", "", "", "/inbox", []byte(nil))
	fetch := newFetcher(fuzzKeyID, key.publicPEM)
	f.Fuzz(func(t *testing.T, sig, date, digest, contentType, target string, body []byte) {
		req := fuzzRequest(target, sig, date, digest, contentType)
		v, err := httpsig.Verify(context.Background(), req, body, fetch, fuzzNow)
		if err != nil {
			if st := httpsig.HTTPStatus(err); st != http.StatusUnauthorized && st != http.StatusBadRequest {
				t.Fatalf("refused with %d, want 401 or 400 (the key was at hand): %v", st, err)
			}
			if errors.Is(err, httpsig.ErrKeyFetch) && !errors.Is(err, httpsig.ErrNoSuchKey) {
				t.Fatalf("a key fetch failed for no reason of the sender's: %v", err)
			}
			return
		}
		if v.Owner != "https://lemmy.example/c/technology" {
			t.Fatalf("verified as owned by %q", v.Owner)
		}
		sum := sha256.Sum256(body)
		if !strings.Contains(digest, base64.StdEncoding.EncodeToString(sum[:])) {
			t.Fatalf("a %d-byte body passed with Digest %q, which is not its digest", len(body), digest)
		}
		when, err := http.ParseTime(date)
		if err != nil || when.Sub(fuzzNow).Abs() > httpsig.MaxSkew {
			t.Fatalf("passed with Date %q", date)
		}
	})
}

// fuzzRequest is a POST as the server receives it.
func fuzzRequest(target, sig, date, digest, contentType string) *http.Request {
	h := http.Header{}
	for name, v := range map[string]string{"Signature": sig, "Date": date, "Digest": digest, "Content-Type": contentType} {
		if v != "" {
			h[name] = []string{v}
		}
	}
	return &http.Request{Method: http.MethodPost, Host: "tidings.example", RequestURI: target, Header: h}
}

func fuzzKey(tb testing.TB, privPEM string) testKey {
	tb.Helper()
	priv, err := httpsig.ParsePrivateKey(privPEM)
	if err != nil {
		tb.Fatal(err)
	}
	return testKeyOf(priv)
}
