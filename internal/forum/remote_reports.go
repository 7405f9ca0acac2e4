package forum

import (
	"context"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// ApplyRemoteReport files a report sent by another server (a Flag) about a
// post or comment in one of our communities, once per activity id, whose
// id the report keeps. personID is the reporter, zero when their server
// did not say (Mastodon reports as its instance). The same rules hold as
// for our own people, but for the reason, which Mastodon lets be empty
// and which is cut to Lemmy's limit rather than refused.
func (s *Service) ApplyRemoteReport(ctx context.Context, activityID string, personID int64, t Target, reason string) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		communityID, err := reportable(ctx, tx, &t)
		if err != nil {
			return err
		}
		if err := communityOpen(ctx, tx, communityID, personID); err != nil {
			return err
		}
		if personID != 0 {
			p, err := tx.PersonByID(ctx, personID)
			if err != nil {
				return err
			}
			if p.Banned {
				return forbidden("this person is banned here")
			}
		}
		_, err = insertReport(ctx, tx, t, activityID, personID, runes.Cut(reason, MaxReportReasonLen))
		return err
	})
}

// ResolveRemoteReport applies a remote moderator's resolution of a report
// (Lemmy 1.0's Resolve), once per activity id, after checking in the same
// transaction that they moderate its community, unless the community's
// own server vouches for them.
func (s *Service) ResolveRemoteReport(ctx context.Context, activityID string, modID, reportID int64, vouched bool) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		r, err := tx.ReportByID(ctx, reportID)
		if err != nil {
			return err
		}
		if !vouched {
			if err := remoteModerates(ctx, tx, r.CommunityID, modID); err != nil {
				return err
			}
		}
		if r.Resolved {
			return nil
		}
		return tx.SetReportResolved(ctx, reportID, true, modID)
	})
}
