package forum

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

// MaxReportReasonLen is Lemmy's limit on the reason of a report.
const MaxReportReasonLen = 1000

// ReportPageSize is how many reports a page of the queue shows.
const ReportPageSize = 20

func checkReportReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return "", inputErr("reason", "say why you are reporting this: the moderators read the reason first")
	case n > MaxReportReasonLen:
		return "", withKind(ErrTooLong, inputErr("reason", "the reason is too long: %d characters, at most %d", n, MaxReportReasonLen))
	}
	return reason, nil
}

// ReportPost files a local user's report of a post for the moderators of
// its community and the admins, and returns its id. A post in a community
// on another server is reported there too, as Lemmy does: the federate
// job sends the report's Flag to the community.
func (s *Service) ReportPost(ctx context.Context, actor store.LocalUser, postID int64, reason string) (int64, error) {
	return s.report(ctx, actor, Target{PostID: postID}, reason)
}

// ReportComment is ReportPost for a comment.
func (s *Service) ReportComment(ctx context.Context, actor store.LocalUser, commentID int64, reason string) (int64, error) {
	return s.report(ctx, actor, Target{CommentID: commentID}, reason)
}

func (s *Service) report(ctx context.Context, actor store.LocalUser, t Target, reason string) (int64, error) {
	reason, err := checkReportReason(reason)
	if err != nil {
		return 0, err
	}
	if actor.Banned {
		return 0, errYouAreSiteBanned()
	}
	var id int64
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		communityID, err := reportable(ctx, tx, &t)
		if err != nil {
			return err
		}
		if err := communityOpen(ctx, tx, communityID, actor.ID); err != nil {
			return err
		}
		c, err := tx.CommunityByID(ctx, communityID)
		if err != nil {
			return err
		}
		if id, err = insertReport(ctx, tx, t, s.iri.Activity("flag"), actor.ID, reason); err != nil {
			return err
		}
		if c.Local {
			// Lemmy 0.19 sends nothing for a report in a community of
			// its own: the moderators are here.
			return nil
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateReport, ReportID: id})
	})
	if err != nil && !IsInputError(err) {
		err = fmt.Errorf("report: %w", err)
	}
	return id, err
}

// Reportable says why what t names cannot be reported, if it cannot: so
// that the report form says so before anyone writes a reason.
func (s *Service) Reportable(ctx context.Context, actor store.LocalUser, t Target) error {
	if actor.Banned {
		return errYouAreSiteBanned()
	}
	communityID, err := reportable(ctx, s.store, &t)
	if err != nil {
		return err
	}
	return communityOpen(ctx, s.store, communityID, actor.ID)
}

// reportable checks that what t names exists and can be reported, fills
// in a comment's post, and returns the id of its community.
func reportable(ctx context.Context, tx *store.Store, t *Target) (int64, error) {
	what := "post"
	var deleted, removed bool
	if t.CommentID != 0 {
		what = "comment"
		c, err := tx.CommentByID(ctx, t.CommentID)
		if errors.Is(err, store.ErrNotFound) {
			return 0, notFound("there is no comment %d", t.CommentID)
		}
		if err != nil {
			return 0, err
		}
		t.PostID, deleted, removed = c.PostID, c.Deleted, c.Removed
	}
	p, err := tx.PostByID(ctx, t.PostID)
	if errors.Is(err, store.ErrNotFound) {
		return 0, notFound("there is no post %d", t.PostID)
	}
	if err != nil {
		return 0, err
	}
	if t.CommentID == 0 {
		deleted, removed = p.Deleted, p.Removed
	}
	switch {
	// A comment in a thread that is gone cannot be seen by the
	// moderators either, so a report of it would sit unanswerable.
	case t.CommentID != 0 && p.Deleted:
		return 0, inputErr("", "the post this comment answers was deleted by its author; there is nothing left to report")
	case t.CommentID != 0 && p.Removed:
		return 0, inputErr("", "the post this comment answers was removed by a moderator already")
	case deleted:
		return 0, inputErr("", "this %s was deleted by its author; there is nothing left to report", what)
	case removed:
		return 0, inputErr("", "this %s was removed by a moderator already", what)
	}
	return p.CommunityID, nil
}

// insertReport stores a report of t, refusing a second open one by the
// same person.
func insertReport(ctx context.Context, tx *store.Store, t Target, apID string, reporter int64, reason string) (int64, error) {
	var id int64
	var err error
	what := "post"
	if t.CommentID != 0 {
		what = "comment"
		id, err = tx.InsertCommentReport(ctx, store.NewCommentReport{APID: apID, CreatorID: reporter,
			CommentID: t.CommentID, Reason: reason})
	} else {
		id, err = tx.InsertPostReport(ctx, store.NewPostReport{APID: apID, CreatorID: reporter,
			PostID: t.PostID, Reason: reason})
	}
	if errors.Is(err, store.ErrConflict) {
		return 0, inputErr("", "this %s was reported by you already, and the moderators have not dealt with "+
			"that report yet", what)
	}
	return id, err
}

// ReportQuery selects a page of the reports queue, newest first.
type ReportQuery struct {
	CommunityID int64 // only this community when non-zero
	All         bool  // resolved reports too
	Before      int64 // the last id of the previous page; zero for the first
	// Kind keeps reports of posts (store.ReportOfPost) or of comments;
	// "" both. PostID or CommentID keeps those of one post or comment.
	Kind              string
	PostID, CommentID int64
	// Offset and Limit choose a numbered page, for clients that count
	// pages; a zero Limit is ReportPageSize.
	Offset, Limit int
}

// Reports is a page of the reports that actor may see: every community's
// for an admin, those of the communities they moderate for a moderator.
// More says whether another page follows.
func (s *Service) Reports(ctx context.Context, actor store.LocalUser, q ReportQuery) (rs []store.Report, more bool, err error) {
	if q.Limit <= 0 {
		q.Limit = ReportPageSize
	}
	f := store.ReportFilter{CommunityID: q.CommunityID, OpenOnly: !q.All, Before: q.Before, Limit: q.Limit + 1,
		Kind: q.Kind, PostID: q.PostID, CommentID: q.CommentID, Offset: q.Offset}
	if !actor.Admin {
		f.ModeratorID = actor.ID
		if err := s.maySeeReports(ctx, actor, q.CommunityID); err != nil {
			return nil, false, err
		}
	}
	rs, err = s.store.ListReports(ctx, f)
	if err != nil {
		return nil, false, fmt.Errorf("reports: %w", err)
	}
	if len(rs) > q.Limit {
		return rs[:q.Limit], true, nil
	}
	return rs, false, nil
}

// maySeeReports refuses someone who moderates nothing, or not the
// community asked for; admins are not asked.
func (s *Service) maySeeReports(ctx context.Context, actor store.LocalUser, communityID int64) error {
	if communityID != 0 {
		mod, err := s.store.IsModerator(ctx, communityID, actor.ID)
		if err != nil {
			return err
		}
		if !mod {
			return forbidden("you do not moderate this community, so its reports are not yours to see")
		}
		return nil
	}
	mod, err := s.store.ModeratesAny(ctx, actor.ID)
	if err != nil {
		return err
	}
	if !mod {
		return forbidden("only moderators and admins see reports, and you moderate no community")
	}
	return nil
}

// OpenReports counts the open reports actor may see, for the count in the
// header of every page; shown is false for someone who sees none, being
// neither an admin nor a moderator.
func (s *Service) OpenReports(ctx context.Context, actor store.LocalUser) (n int, shown bool, err error) {
	moderator := int64(0)
	if !actor.Admin {
		mod, err := s.store.ModeratesAny(ctx, actor.ID)
		if err != nil || !mod {
			return 0, false, err
		}
		moderator = actor.ID
	}
	n, err = s.store.CountOpenReports(ctx, moderator)
	return n, err == nil, err
}

// OpenReportCounts counts the open reports of posts and of comments that
// actor may see, in one community when communityID is not zero: none for
// someone who moderates nothing, as in Lemmy, whose apps ask everyone.
func (s *Service) OpenReportCounts(ctx context.Context, actor store.LocalUser, communityID int64) (posts, comments int, err error) {
	moderator := int64(0)
	if !actor.Admin {
		if err := s.maySeeReports(ctx, actor, communityID); errors.Is(err, ErrForbidden) {
			return 0, 0, nil
		} else if err != nil {
			return 0, 0, err
		}
		moderator = actor.ID
	}
	return s.store.CountOpenReportsOfKinds(ctx, moderator, communityID)
}

// Report finds one report for actor, who must be allowed to see it.
func (s *Service) Report(ctx context.Context, actor store.LocalUser, id int64) (store.Report, error) {
	r, err := s.store.ReportByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return r, notFound("there is no report %d", id)
	}
	if err != nil {
		return r, err
	}
	return r, mayResolve(ctx, s.store, actor, r.CommunityID)
}

// mayResolve lets whoever may moderate a community (mayModerate: its
// moderators and the site's admins, neither banned) deal with its
// reports.
func mayResolve(ctx context.Context, tx *store.Store, actor store.LocalUser, communityID int64) error {
	_, err := mayModerate(ctx, tx, actor.ID, communityID)
	return err
}

// Console reads the reports as an admin without an account, for the admin
// CLI's list, which needs no admin to exist; what changes a report is done
// by a person, who is named as its resolver.
var Console = store.LocalUser{Admin: true}

// Resolution is what a moderator does with a report.
type Resolution struct {
	// Reopen takes a resolution back: the report is open again. What was
	// removed with it stays removed until a moderator restores it.
	Reopen bool
	// Remove also removes the reported post or comment by the moderators'
	// own rule (RemoveContent), with Reason in the moderation log.
	Remove bool
	Reason string
}

// ResolveReport marks a report resolved, or open again, after checking in
// the same transaction that actor moderates the reported content's
// community or is an admin. Lemmy 0.19 sends no activity when a report is
// resolved (its ResolvePostReport and ResolveCommentReport only write the
// database; only Lemmy 1.0 sends a Resolve), so neither do we: what the
// reporter's server learns is the removal, when the moderator removes the
// content, which goes out as every removal does.
func (s *Service) ResolveReport(ctx context.Context, actor store.LocalUser, id int64, res Resolution) (store.Report, error) {
	if actor.Banned {
		return store.Report{}, errYouAreSiteBanned()
	}
	if res.Remove && res.Reopen {
		return store.Report{}, inputErr("", "a report is either resolved, with a removal or without, or reopened")
	}
	r, err := s.Report(ctx, actor, id)
	if err != nil {
		return r, err
	}
	if r.Resolved != res.Reopen {
		if r.Resolved {
			return r, inputErr("", "report %d was resolved already", id)
		}
		return r, inputErr("", "report %d is open already", id)
	}
	if res.Remove && !r.ContentRemoved {
		// The removal checks again who may remove what, logs it and
		// federates it in its own transaction; a report is resolved only
		// once what it reports is gone.
		t := Target{PostID: r.PostID, CommentID: r.CommentID}
		if err := s.RemoveContent(ctx, actor, t, true, res.Reason); err != nil {
			return r, err
		}
	}
	err = s.store.InTx(ctx, func(tx *store.Store) error {
		// Checked again in the transaction that changes the report: a
		// moderator removed meanwhile resolves nothing.
		if err := mayResolve(ctx, tx, actor, r.CommunityID); err != nil {
			return err
		}
		err := tx.SetReportResolved(ctx, id, !res.Reopen, actor.ID)
		if errors.Is(err, store.ErrConflict) {
			return inputErr("", "the same person has reported this again since; deal with that report instead")
		}
		return err
	})
	if err != nil {
		if !IsInputError(err) {
			err = fmt.Errorf("resolve report %d: %w", id, err)
		}
		return r, err
	}
	return s.store.ReportByID(ctx, id)
}
