package forum

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// SessionLifetime is how long a log-in lasts without being renewed.
const SessionLifetime = 30 * 24 * time.Hour

// ErrBadLogin hides whether the name or the password was wrong.
var ErrBadLogin = &InputError{Field: "password", Msg: "wrong name or password"}

// SignUp is what a new person fills in.
type SignUp struct {
	Name     string
	Password string
	Answer   string // to the site's application question, when sign-ups need approval
	Email    string // optional, unless the site requires a verified address
}

// Register creates an account as the site's registration mode allows. With
// require_approval the account exists but cannot log in until an admin
// accepts its application.
func (s *Service) Register(ctx context.Context, in SignUp) (store.LocalUser, error) {
	site, err := s.store.GetSite(ctx)
	if err != nil {
		return store.LocalUser{}, err
	}
	in.Name = strings.TrimSpace(in.Name)
	in.Answer = strings.TrimSpace(in.Answer)
	switch site.RegistrationMode {
	case store.RegistrationClosed:
		return store.LocalUser{}, inputErr("", "sign-ups are closed on this site")
	case store.RegistrationRequireApproval:
		if in.Answer == "" {
			return store.LocalUser{}, inputErr("answer", "this site asks new members to answer its question")
		}
		if utf8.RuneCountInString(in.Answer) > 10000 {
			return store.LocalUser{}, inputErr("answer", "the answer is too long: use at most 10000 characters")
		}
	}
	email, err := CheckEmail(in.Email)
	if err != nil {
		return store.LocalUser{}, err
	}
	verify := s.mail && site.RequireEmailVerification
	if verify && email == "" {
		return store.LocalUser{}, inputErr("email", "this site asks for your email address, to confirm it with a mailed link")
	}
	u, err := s.createUser(ctx, NewUser{Name: in.Name, Password: in.Password, Email: email},
		site.RegistrationMode != store.RegistrationRequireApproval, in.Answer, verify)
	return u, err
}

// Authenticate checks a name and password and returns the account.
func (s *Service) Authenticate(ctx context.Context, name, password string) (store.LocalUser, error) {
	u, err := s.store.LocalUserByName(ctx, strings.TrimSpace(name))
	if errors.Is(err, store.ErrNotFound) {
		// Hash anyway, so the time taken does not tell which names exist.
		_, _ = HashPassword(password)
		return u, ErrBadLogin
	}
	if err != nil {
		return u, err
	}
	ok, err := VerifyPassword(password, u.PasswordHash)
	if err != nil {
		return u, fmt.Errorf("log in %s: %w", name, err)
	}
	switch {
	case !ok:
		return u, ErrBadLogin
	case u.Deleted:
		return u, ErrBadLogin
	case u.AwaitingVerification && s.mail:
		// Without mail no link can come: the requirement lapses.
		return u, ErrUnverified
	case u.Banned:
		msg := "this account is banned"
		if u.BanReason != "" {
			msg += ": " + u.BanReason
		}
		if u.BanExpiresAt != nil {
			msg += " (until " + u.BanExpiresAt.UTC().Format("2 Jan 2006 15:04 UTC") + ")"
		}
		return u, inputErr("", "%s", msg)
	case !u.Accepted:
		a, err := s.store.ApplicationOf(ctx, u.ID)
		if err != nil {
			return u, fmt.Errorf("log in %s: %w", name, err)
		}
		return u, &ApplicationError{Denied: a.Denied(), Answer: a.Answer, Reason: a.DenyReason}
	}
	return u, nil
}

// ApplicationError answers a log-in with the right password to an account
// that no admin has approved: how its application stands, for the
// applicant alone.
type ApplicationError struct {
	Denied bool
	Answer string // what they answered the site's question
	Reason string // why it was denied
}

func (e *ApplicationError) Error() string {
	if e.Denied {
		return "your application was denied: " + e.Reason
	}
	return "your application waits for an admin's approval"
}

// StartSession logs a user in and returns the cookie's token. Only a hash
// of it is stored.
func (s *Service) StartSession(ctx context.Context, userID int64, userAgent string) (token string, expires time.Time, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, fmt.Errorf("start session: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	expires = time.Now().Add(SessionLifetime)
	if len(userAgent) > 500 {
		userAgent = userAgent[:500]
	}
	err = s.store.CreateSession(ctx, tokenHash(token), userID, userAgent, expires)
	return token, expires, err
}

// SessionUser returns the logged-in user of a cookie token; ErrNotFound
// when the session is unknown, expired, or its user may no longer log in.
func (s *Service) SessionUser(ctx context.Context, token string) (store.LocalUser, error) {
	if token == "" || len(token) > 100 {
		return store.LocalUser{}, ErrNotFound
	}
	u, err := s.store.SessionUser(ctx, tokenHash(token))
	if errors.Is(err, store.ErrNotFound) || (err == nil && (u.Banned || u.Deleted || !u.Accepted ||
		(u.AwaitingVerification && s.mail))) {
		return store.LocalUser{}, ErrNotFound
	}
	return u, err
}

// EndSession logs a session out.
func (s *Service) EndSession(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, tokenHash(token))
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// Settings are what a user changes about themselves.
type Settings struct {
	DisplayName    string
	Bio            string
	DefaultSort    string
	DefaultListing string
	ShowNSFW       bool
}

// UpdateSettings saves a user's profile and preferences.
func (s *Service) UpdateSettings(ctx context.Context, actor store.LocalUser, in Settings) error {
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if n := utf8.RuneCountInString(in.DisplayName); n > 50 {
		return inputErr("display_name", "the display name is too long: at most 50 characters")
	}
	if n := utf8.RuneCountInString(in.Bio); n > 10000 {
		return inputErr("bio", "the bio is too long: at most 10000 characters")
	}
	if !store.ValidSort(in.DefaultSort) {
		return inputErr("default_sort", "unknown sort %q", in.DefaultSort)
	}
	switch in.DefaultListing {
	case store.ListingAll, store.ListingLocal, store.ListingSubscribed:
	default:
		return inputErr("default_listing", "unknown listing %q", in.DefaultListing)
	}
	html, err := s.md.Render(in.Bio)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.UpdatePreferences(ctx, actor.ID, in.DefaultSort, in.DefaultListing, in.ShowNSFW); err != nil {
			return err
		}
		if in.DisplayName == actor.DisplayName && in.Bio == actor.Bio {
			return nil
		}
		if err := tx.UpdateProfile(ctx, actor.ID, in.DisplayName, in.Bio, html); err != nil {
			return err
		}
		// Other servers show the profile from their copy of the actor.
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateUpdatePerson, PersonID: actor.ID})
	})
}

// Subscribe follows a community; a local one accepts at once.
func (s *Service) Subscribe(ctx context.Context, actor store.LocalUser, communityID int64) error {
	c, err := s.store.CommunityByID(ctx, communityID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (c.Deleted || c.Removed)) {
		return notFound("that community does not exist")
	}
	if err != nil {
		return err
	}
	if c.Local {
		return s.store.UpsertFollow(ctx, c.ID, actor.ID, store.FollowAccepted, "")
	}
	// A remote community answers our Follow with Accept; until then the
	// subscription is pending. Asking again sends a new Follow.
	followID := s.iri.Activity("follow")
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := tx.UpsertFollow(ctx, c.ID, actor.ID, store.FollowPending, followID); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateFollow, CommunityID: c.ID, PersonID: actor.ID,
			FollowID: followID}, BackfillCommunityArgs{CommunityID: c.ID})
	})
}

// Unsubscribe stops following a community.
func (s *Service) Unsubscribe(ctx context.Context, actor store.LocalUser, communityID int64) error {
	c, err := s.store.CommunityByID(ctx, communityID)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Store) error { return s.unfollow(ctx, tx, c, actor.ID) })
}

// unfollow ends a person's subscription, if any, in tx, queuing the Undo
// of their Follow for a community elsewhere.
func (s *Service) unfollow(ctx context.Context, tx *store.Store, c store.Community, personID int64) error {
	f, err := tx.GetFollow(ctx, c.ID, personID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := tx.DeleteFollow(ctx, c.ID, personID); err != nil {
		return err
	}
	if c.Local || f.State == store.FollowRejected || f.FollowAPID == "" {
		return nil
	}
	return s.enqueue(ctx, tx, FederateArgs{Action: FederateUnfollow, CommunityID: c.ID, PersonID: personID,
		FollowID: f.FollowAPID})
}
