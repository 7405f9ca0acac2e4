package httpsig_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	gofed "github.com/go-fed/httpsig"
	"github.com/tidings/tidings/internal/federation/httpsig"
)

// cachedKey is a KeyFetcher answering from memory, as federation's cache
// does once it holds the key.
type cachedKey struct{ pem string }

func (c cachedKey) PublicKey(context.Context, string, bool) (string, string, error) {
	return c.pem, alice, nil
}

func rawSignature(b *testing.B) ([]byte, []byte) {
	sum := sha256.Sum256([]byte("(request-target): post /inbox\nhost: lemmy.example\ndate: Mon, 02 Jan 2006 15:04:05 GMT"))
	sig, err := rsa.SignPKCS1v15(rand.Reader, aliceKey().priv, crypto.SHA256, sum[:])
	if err != nil {
		b.Fatal(err)
	}
	return sum[:], sig
}

// rawVerify and rawSign are the bare RSA-SHA256 operations on a 2048-bit
// key, with the SHA-256 of the signing string already made.
func rawVerify(b *testing.B) func() error {
	sum, sig := rawSignature(b)
	pub := &aliceKey().priv.PublicKey
	return func() error { return rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum, sig) }
}

func rawSign(b *testing.B) func() error {
	sum, _ := rawSignature(b)
	key := aliceKey().priv
	return func() error {
		_, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum)
		return err
	}
}

func BenchmarkRawRSAVerify(b *testing.B) {
	op := rawVerify(b)
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRawRSASign(b *testing.B) {
	op := rawSign(b)
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
}

// reportRatio reports how many raw operations one of ours costs. The two
// are timed in alternating batches of ten, for about a second after the
// benchmark proper, so that other load on the machine weighs on both alike.
func reportRatio(b *testing.B, ours, raw func() error, name string) {
	var oursTime, rawTime time.Duration
	timeBatch := func(op func() error) time.Duration {
		start := time.Now()
		for range 10 {
			if err := op(); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	for start := time.Now(); time.Since(start) < time.Second; {
		oursTime += timeBatch(ours)
		rawTime += timeBatch(raw)
	}
	b.ReportMetric(float64(oursTime)/float64(rawTime), name)
}

// BenchmarkVerify is Verify of a signed POST whose key is in the cache:
// header parsing, the Date window, the Digest, PEM parsing of the key and
// go-fed's signing string, around one RSA verification.
func BenchmarkVerify(b *testing.B) {
	raw := rawVerify(b)
	req := signedPost(b, activity)
	body := []byte(activity)
	keys := cachedKey{aliceKey().publicPEM}
	now := time.Now()
	ctx := context.Background()
	ours := func() error {
		_, err := httpsig.Verify(ctx, req, body, keys, now)
		return err
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ours(); err != nil {
			b.Fatal(err)
		}
	}
	reportRatio(b, ours, raw, "x-raw-verify")
}

// BenchmarkSignPost is SignPost, one go-fed signer made per call.
func BenchmarkSignPost(b *testing.B) {
	raw := rawSign(b)
	s := aliceSigner(b)
	body := []byte(activity)
	req := httptest.NewRequest(http.MethodPost, "https://lemmy.example/c/news/inbox", strings.NewReader(activity))
	ours := func() error { return s.SignPost(req, body) }
	b.ReportAllocs()
	for b.Loop() {
		if err := ours(); err != nil {
			b.Fatal(err)
		}
	}
	reportRatio(b, ours, raw, "x-raw-sign")
}

// BenchmarkGoFedNewSigner is what SignPost pays for making a go-fed signer
// per call rather than sharing one behind a mutex or a pool.
func BenchmarkGoFedNewSigner(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := gofed.NewSigner([]gofed.Algorithm{gofed.RSA_SHA256}, gofed.DigestSha256,
			[]string{gofed.RequestTarget, "host", "date", "digest", "content-type"}, gofed.Signature, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignPostParallel signs from every CPU with one Signer.
func BenchmarkSignPostParallel(b *testing.B) {
	s := aliceSigner(b)
	body := []byte(activity)
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodPost, "https://lemmy.example/c/news/inbox", strings.NewReader(activity))
		for pb.Next() {
			if err := s.SignPost(req, body); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
