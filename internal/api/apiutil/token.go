package apiutil

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Tokens issues and checks the JWTs of the API. A JWT is only a signed
// envelope around one of our sessions (the same table the web's cookie
// uses): logging out, a password change or an admin's ban ends the session
// and with it the token, which a stateless token could not do.
type Tokens struct {
	forum  *forum.Service
	store  *store.Store
	issuer string

	mu  sync.Mutex
	key []byte
}

// NewTokens checks tokens for the instance at host.
func NewTokens(f *forum.Service, st *store.Store, host string) *Tokens {
	return &Tokens{forum: f, store: st, issuer: host}
}

// claims are Lemmy's (sub, iss, iat) and the session they stand for. sub
// is the person's id as text, as Lemmy writes its local user id.
type claims struct {
	jwt.RegisteredClaims
	Session string `json:"sid"`
}

// signingKey is derived from the site's private key, which every server
// process of the instance shares and which lives only in the database, so
// no new secret has to be configured or migrated; it never changes, so it
// is read once.
func (t *Tokens) signingKey(ctx context.Context) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.key != nil {
		return t.key, nil
	}
	site, err := t.forum.Site(ctx)
	if err != nil {
		return nil, fmt.Errorf("jwt key: %w", err)
	}
	if site.PrivateKeyPEM == "" {
		return nil, errors.New("jwt key: the site has no private key")
	}
	m := hmac.New(sha256.New, []byte(site.PrivateKeyPEM))
	m.Write([]byte("tidings client api v3 jwt"))
	t.key = m.Sum(nil)
	return t.key, nil
}

// Issue logs u in: a new session, sealed in a JWT.
func (t *Tokens) Issue(ctx context.Context, u store.LocalUser, userAgent string) (string, error) {
	key, err := t.signingKey(ctx)
	if err != nil {
		return "", err
	}
	session, _, err := t.forum.StartSession(ctx, u.ID, userAgent)
	if err != nil {
		return "", fmt.Errorf("issue jwt: %w", err)
	}
	c := claims{RegisteredClaims: jwt.RegisteredClaims{
		Subject: strconv.FormatInt(u.ID, 10), Issuer: t.issuer, IssuedAt: jwt.NewNumericDate(time.Now()),
	}, Session: session}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)
	if err != nil {
		return "", fmt.Errorf("sign jwt: %w", err)
	}
	return s, nil
}

// Verify returns the user of a token: not_logged_in when it is malformed,
// forged, for another instance or its session is gone; site_ban when its
// person is banned, as Lemmy tells a banned user.
func (t *Tokens) Verify(ctx context.Context, raw string) (store.LocalUser, string, error) {
	key, err := t.signingKey(ctx)
	if err != nil {
		return store.LocalUser{}, "", err
	}
	var c claims
	_, err = jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer(t.issuer),
		jwt.WithIssuedAt())
	if err != nil {
		return store.LocalUser{}, "", ErrNotLoggedIn.Because(fmt.Errorf("parse jwt: %w", err))
	}
	u, err := t.forum.SessionUser(ctx, c.Session)
	if errors.Is(err, forum.ErrNotFound) {
		// The token is ours (it is signed), so its subject may be told why.
		if id, perr := strconv.ParseInt(c.Subject, 10, 64); perr == nil {
			if who, lerr := t.store.LocalUserByID(ctx, id); lerr == nil && who.Banned {
				return store.LocalUser{}, "", ErrSiteBan.Because(err)
			}
		}
		return store.LocalUser{}, "", ErrNotLoggedIn.Because(fmt.Errorf("jwt session: %w", err))
	}
	if err != nil {
		return store.LocalUser{}, "", fmt.Errorf("jwt session: %w", err)
	}
	if strconv.FormatInt(u.ID, 10) != c.Subject {
		return store.LocalUser{}, "", ErrNotLoggedIn.Because(errors.New("jwt subject is not the session's"))
	}
	return u, c.Session, nil
}

// End logs the token's session out.
func (t *Tokens) End(ctx context.Context, session string) error {
	if err := t.forum.EndSession(ctx, session); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}
