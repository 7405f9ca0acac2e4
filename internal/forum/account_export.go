package forum

import (
	"context"
	"fmt"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// ExportFormat names the layout of Export; a reader checks it before
// anything else.
const ExportFormat = "tidings-account-export/1"

// Export is everything a person has here, for them to take away. Each
// kind of thing is a section of its own; a new one is one more field and
// one more line in ExportAccount.
type Export struct {
	Format        string                       `json:"format"`
	Exported      time.Time                    `json:"exported"`
	Profile       ExportedProfile              `json:"profile"`
	Posts         []store.ExportedPost         `json:"posts"`
	Comments      []store.ExportedComment      `json:"comments"`
	Subscriptions []store.ExportedSubscription `json:"subscriptions"`
	Saved         []store.ExportedSaved        `json:"saved"`
	Blocks        []store.ExportedBlock        `json:"blocks"`
}

// ExportedProfile is the account and its preferences.
type ExportedProfile struct {
	ID                 string    `json:"id"` // the ActivityPub id
	Name               string    `json:"name"`
	DisplayName        string    `json:"display_name,omitempty"`
	Bio                string    `json:"bio,omitempty"`
	Email              string    `json:"email,omitempty"`
	EmailVerified      bool      `json:"email_verified"`
	EmailNotifications bool      `json:"email_notifications"`
	Admin              bool      `json:"admin"`
	DefaultSort        string    `json:"default_sort"`
	DefaultListing     string    `json:"default_listing"`
	ShowNSFW           bool      `json:"show_nsfw"`
	Joined             time.Time `json:"joined"`
}

// ExportAccount gathers a person's data. Read outside a transaction: an
// export taken while they post may or may not have that post, as a
// later export will.
func (s *Service) ExportAccount(ctx context.Context, actor store.LocalUser) (Export, error) {
	u, err := s.store.LocalUserByID(ctx, actor.ID)
	if err != nil {
		return Export{}, fmt.Errorf("export account: %w", err)
	}
	out := Export{Format: ExportFormat, Exported: time.Now().UTC(), Profile: ExportedProfile{
		ID: u.APID, Name: u.Name, DisplayName: u.DisplayName, Bio: u.Bio, Email: u.Email,
		EmailVerified: u.EmailVerified, EmailNotifications: u.EmailNotifications, Admin: u.Admin,
		DefaultSort: u.DefaultSort, DefaultListing: u.DefaultListing, ShowNSFW: u.ShowNSFW, Joined: u.Published,
	}}
	if out.Posts, err = s.store.ExportPosts(ctx, u.ID); err != nil {
		return Export{}, fmt.Errorf("export account: %w", err)
	}
	if out.Comments, err = s.store.ExportComments(ctx, u.ID); err != nil {
		return Export{}, fmt.Errorf("export account: %w", err)
	}
	if out.Subscriptions, err = s.store.ExportSubscriptions(ctx, u.ID); err != nil {
		return Export{}, fmt.Errorf("export account: %w", err)
	}
	if out.Saved, err = s.store.ExportSaved(ctx, u.ID); err != nil {
		return Export{}, fmt.Errorf("export account: %w", err)
	}
	if out.Blocks, err = s.store.ExportBlocks(ctx, u.ID); err != nil {
		return Export{}, fmt.Errorf("export account: %w", err)
	}
	return out, nil
}
