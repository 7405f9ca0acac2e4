package apiutil

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
)

// Seal is a token for msg that only this instance can make: an HMAC
// under a key of its own for each purpose, derived from the JWT key, so a
// capability (deleting an upload) can be handed out without storing it.
func (t *Tokens) Seal(ctx context.Context, purpose, msg string) (string, error) {
	key, err := t.signingKey(ctx)
	if err != nil {
		return "", err
	}
	k := hmac.New(sha256.New, key)
	k.Write([]byte(purpose))
	m := hmac.New(sha256.New, k.Sum(nil))
	m.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// Unseal reports whether token is Seal's for msg.
func (t *Tokens) Unseal(ctx context.Context, purpose, msg, token string) (bool, error) {
	want, err := t.Seal(ctx, purpose, msg)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(want), []byte(token)), nil
}
