package httpsig_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/federation/httpsig"
)

// testKey is an RSA key pair with its PEM encodings.
type testKey struct {
	priv        *rsa.PrivateKey
	privPEM     string // PKCS#8
	pkcs1PEM    string // PKCS#1
	publicPEM   string // PKIX
	pkcs1Public string
}

func newTestKey(bits int) testKey {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic(err)
	}
	return testKeyOf(k)
}

func testKeyOf(k *rsa.PrivateKey) testKey {
	p8, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		panic(err)
	}
	enc := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }
	return testKey{
		priv:        k,
		privPEM:     enc("PRIVATE KEY", p8),
		pkcs1PEM:    enc("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k)),
		publicPEM:   enc("PUBLIC KEY", pub),
		pkcs1Public: enc("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.PublicKey)),
	}
}

// Keys are slow to make, the more so under -race: each is made once.
var (
	aliceKey = sync.OnceValue(func() testKey { return newTestKey(2048) })
	otherKey = sync.OnceValue(func() testKey { return newTestKey(2048) })
	weakKey  = sync.OnceValue(func() testKey { return newTestKey(1024) })
)

func ed25519PEM() string {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	b, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: b}))
}

const (
	aliceKeyID = "https://tidings.example/u/alice#main-key"
	alice      = "https://tidings.example/u/alice"
)

// fetcher is a KeyFetcher over fixed keys that counts its calls. When
// rotated is set, a refresh answers it instead of the first key.
type fetcher struct {
	mu       sync.Mutex
	keys     map[string]string
	rotated  map[string]string
	err      error
	calls    int
	refreshs int
}

func newFetcher(keyID, publicPEM string) *fetcher {
	return &fetcher{keys: map[string]string{keyID: publicPEM}}
}

// errNotFound is the sender's own fault, as a KeyFetcher says so.
var errNotFound = fmt.Errorf("410 Gone: %w", httpsig.ErrNoSuchKey)

func (f *fetcher) PublicKey(_ context.Context, keyID string, refresh bool) (string, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if refresh {
		f.refreshs++
	}
	if f.err != nil {
		return "", "", f.err
	}
	if refresh {
		if k, ok := f.rotated[keyID]; ok {
			return k, ownerOf(keyID), nil
		}
	}
	k, ok := f.keys[keyID]
	if !ok {
		return "", "", fmt.Errorf("key %s: %w", keyID, errNotFound)
	}
	return k, ownerOf(keyID), nil
}

func (f *fetcher) counts() (calls, refreshes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, f.refreshs
}

func ownerOf(keyID string) string {
	owner, _, _ := strings.Cut(keyID, "#")
	return owner
}

func digestOf(body []byte) string {
	sum := sha256.Sum256(body)
	return "SHA-256=" + base64.StdEncoding.EncodeToString(sum[:])
}

// handSign signs req the way another server does, without this package or
// go-fed: the draft-cavage signing string over headers, RSA-SHA256, and a
// Signature header whose parameters format lays out.
func handSign(t testing.TB, key *rsa.PrivateKey, req *http.Request, target string, headers []string, format func(sig string) string) {
	t.Helper()
	lines := make([]string, len(headers))
	for i, h := range headers {
		switch h {
		case "(request-target)":
			lines[i] = "(request-target): " + strings.ToLower(req.Method) + " " + target
		case "host":
			lines[i] = "host: " + req.Host
		default:
			lines[i] = h + ": " + req.Header.Get(h)
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Signature", format(base64.StdEncoding.EncodeToString(sig)))
}
