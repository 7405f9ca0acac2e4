package forum_test

import (
	"context"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

const host = "test.example"

type env struct {
	t   testing.TB
	ctx context.Context
	st  *store.Store
	svc *forum.Service
}

// newEnv opens the forum on its own fresh database.
func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	svc, err := forum.Open(ctx, st, "https", host)
	if err != nil {
		t.Fatalf("forum.Open: %v", err)
	}
	return &env{t: t, ctx: ctx, st: st, svc: svc}
}

func (e *env) createUser(name string) store.LocalUser {
	e.t.Helper()
	u, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: name, Password: "correct horse battery"})
	if err != nil {
		e.t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

// login gives a user a live session and returns its token hash.
func (e *env) login(personID int64, token string) []byte {
	e.t.Helper()
	h := sha256.Sum256([]byte(token))
	if err := e.st.CreateSession(e.ctx, h[:], personID, "test", time.Now().Add(time.Hour)); err != nil {
		e.t.Fatalf("CreateSession: %v", err)
	}
	return h[:]
}

// inputError asserts err is an InputError about field and returns it.
func inputError(t *testing.T, what string, err error, field string) *forum.InputError {
	t.Helper()
	var ie *forum.InputError
	if !errors.As(err, &ie) {
		t.Errorf("%s: err = %v (%T), want an InputError", what, err, err)
		return &forum.InputError{}
	}
	if ie.Field != field {
		t.Errorf("%s: error about %q (%s), want about %q", what, ie.Field, ie.Msg, field)
	}
	if !forum.IsInputError(err) {
		t.Errorf("%s: IsInputError = false", what)
	}
	return ie
}

// rsaPublicKey parses a PEM public key and fails the test unless it is RSA.
func rsaPublicKey(t *testing.T, what, pemText string) *rsa.PublicKey {
	t.Helper()
	block, rest := pem.Decode([]byte(pemText))
	if block == nil || block.Type != "PUBLIC KEY" || len(rest) != 0 {
		t.Fatalf("%s: public key is not one PEM PUBLIC KEY block: %q", what, pemText)
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatalf("%s: parse public key: %v", what, err)
	}
	pub, ok := key.(*rsa.PublicKey)
	if !ok {
		t.Fatalf("%s: public key is %T, want RSA", what, key)
	}
	return pub
}

// checkKeyPair asserts an actor's keys are a matching RSA-2048 pair.
func checkKeyPair(t *testing.T, what, publicPEM, privatePEM string) {
	t.Helper()
	pub := rsaPublicKey(t, what, publicPEM)
	if pub.N.BitLen() != 2048 {
		t.Errorf("%s: key of %d bits, want 2048", what, pub.N.BitLen())
	}
	block, _ := pem.Decode([]byte(privatePEM))
	if block == nil {
		t.Fatalf("%s: private key is not PEM", what)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatalf("%s: parse private key: %v", what, err)
	}
	priv, ok := key.(*rsa.PrivateKey)
	if !ok || !priv.PublicKey.Equal(pub) {
		t.Errorf("%s: private key does not match the public key", what)
	}
}
