package forum

import (
	"context"
	"errors"
	"time"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// RemotePost is a post as another server sends it, already sanitized.
type RemotePost struct {
	APID        string
	CommunityID int64
	Title       string
	URL         string
	// ThumbnailURL is the picture its server shows beside it (Page.image).
	ThumbnailURL string
	Body         string // markdown source, when sent
	BodyHTML     string // sanitized, at most MaxPostHTMLLen characters
	Language     string
	NSFW         bool
	Published    time.Time
	// Mentions are the ids of our people it names (Mention tags, links),
	// who are notified.
	Mentions []string
	Provenance
}

// RemoteComment is a comment as another server sends it, already sanitized.
type RemoteComment struct {
	APID      string
	PostID    int64
	ParentID  int64 // 0 for a reply to the post
	Body      string
	BodyHTML  string // sanitized, at most MaxCommentHTMLLen characters
	Language  string
	Published time.Time
	Mentions  []string // as RemotePost's
	Provenance
}

// CreateRemotePost stores a remote person's new post under the same rules
// as a local one's, with the activity's id in the same transaction. An
// empty activityID stores a post fetched by its id rather than sent. A post
// stored already is a duplicate, except that its first Create after a
// fetch still gives the author's upvote (createOfStored).
func (s *Service) CreateRemotePost(ctx context.Context, activityID string, personID int64, in RemotePost, ann *Announce) (store.Post, error) {
	var post store.Post
	err := s.storeRemote(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		if stored, err := tx.PostByAPID(ctx, in.APID); err == nil {
			post = stored
			if err := s.notifyOnCreate(ctx, tx, activityID, personID, stored.CreatorID,
				written{authorID: personID, postID: stored.ID, actors: in.Mentions}); err != nil {
				return err
			}
			return s.createOfStored(ctx, tx, activityID, Target{PostID: stored.ID}, stored.CreatorID, personID,
				stored.CommunityID, ann)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		c, err := s.remoteMayPost(ctx, tx, personID, in.CommunityID)
		if err != nil {
			return err
		}
		if err := postingOpen(ctx, tx, c, personID); err != nil {
			return err
		}
		if in.Title == "" {
			return inputErr("title", "the post has no title")
		}
		if in.URL != "" && CheckLink(in.URL) != nil {
			in.URL = "" // a link we would refuse from our own users is dropped, not stored
		}
		if in.Language == "" || !validLanguage(in.Language) {
			in.Language = "und"
		}
		if in.Published.IsZero() || in.Published.After(time.Now().Add(time.Hour)) {
			in.Published = time.Now()
		}
		post, err = tx.InsertPost(ctx, store.NewPost{
			APID: in.APID, CreatorID: personID, CommunityID: in.CommunityID, Title: runes.Cut(in.Title, MaxTitleLen),
			URL: in.URL, Body: runes.Cut(in.Body, MaxPostLen), BodyHTML: in.BodyHTML, Language: in.Language,
			NSFW: in.NSFW, Published: in.Published, ThumbnailURL: in.ThumbnailURL,
		})
		if err != nil {
			return err
		}
		if err := s.noteRemoteImages(ctx, tx, RemoteImage{URL: post.ThumbnailURL, Purpose: store.ImagePost}); err != nil {
			return err
		}
		if in.URL != "" && s.jobs != nil {
			if err := s.jobs.Enqueue(ctx, tx, FetchLinkMetadataArgs{PostID: post.ID}); err != nil {
				return err
			}
		}
		if err := selfVote(ctx, tx, activityID, Target{PostID: post.ID}, personID); err != nil {
			return err
		}
		if err := s.notifyOnCreate(ctx, tx, activityID, personID, personID,
			written{authorID: personID, postID: post.ID, actors: in.Mentions}); err != nil {
			return err
		}
		if err := applyEarlyDelete(ctx, tx, Target{PostID: post.ID}, in.APID); err != nil {
			return err
		}
		if err := s.checkOrigin(ctx, tx, in.Provenance, in.APID); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, in.CommunityID, ann)
	})
	return post, err
}

// CreateRemoteComment stores a remote person's reply, sent (activityID)
// or fetched (activityID empty).
func (s *Service) CreateRemoteComment(ctx context.Context, activityID string, personID int64, in RemoteComment, ann *Announce) (store.Comment, error) {
	var out store.Comment
	err := s.storeRemote(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		if stored, err := tx.CommentByAPID(ctx, in.APID); err == nil {
			p, err := tx.PostByID(ctx, stored.PostID)
			if err != nil {
				return err
			}
			out = stored
			if err := s.notifyOnCreate(ctx, tx, activityID, personID, stored.CreatorID, written{authorID: personID,
				postID: stored.PostID, commentID: stored.ID, reply: true, parentID: deref(stored.ParentID), actors: in.Mentions}); err != nil {
				return err
			}
			return s.createOfStored(ctx, tx, activityID, Target{PostID: p.ID, CommentID: stored.ID}, stored.CreatorID,
				personID, p.CommunityID, ann)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		p, err := tx.PostByID(ctx, in.PostID)
		if err != nil {
			return err
		}
		c, err := s.remoteMayPost(ctx, tx, personID, p.CommunityID)
		if err != nil {
			return err
		}
		// A comment fetched from a remote community exists there already,
		// whatever has happened to its thread since; in ours, a locked or
		// deleted thread takes no reply, sent or fetched.
		if activityID != "" || c.Local {
			if err := replyOpen(ctx, tx, p, in.ParentID); err != nil {
				return err
			}
		}
		if in.BodyHTML == "" {
			return inputErr("body", "the comment is empty")
		}
		if in.Language == "" || !validLanguage(in.Language) {
			in.Language = "und"
		}
		if in.Published.IsZero() || in.Published.After(time.Now().Add(time.Hour)) {
			in.Published = time.Now()
		}
		out, err = tx.InsertComment(ctx, store.NewComment{
			APID: in.APID, CreatorID: personID, PostID: in.PostID, ParentID: in.ParentID,
			Body: remoteCommentBody(in.Body), BodyHTML: in.BodyHTML, Language: in.Language, Published: in.Published,
		})
		if errors.Is(err, store.ErrInvalid) {
			return inputErr("", "the reply is nested too deep")
		}
		if err != nil {
			return err
		}
		if err := selfVote(ctx, tx, activityID, Target{PostID: p.ID, CommentID: out.ID}, personID); err != nil {
			return err
		}
		if err := s.notifyOnCreate(ctx, tx, activityID, personID, personID, written{authorID: personID,
			postID: p.ID, commentID: out.ID, reply: true, parentID: in.ParentID, actors: in.Mentions}); err != nil {
			return err
		}
		if err := applyEarlyDelete(ctx, tx, Target{PostID: p.ID, CommentID: out.ID}, in.APID); err != nil {
			return err
		}
		if err := s.checkOrigin(ctx, tx, in.Provenance, in.APID); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, p.CommunityID, ann)
	})
	return out, err
}

// storeRemote runs fn, which stores a remote post or comment, in a
// transaction, and once more if another delivery stored the same object
// between fn's look-up and its insert, so that the object's unique id
// refused the insert. That race is ordinary after an outage: a reply and
// its parent's Create arrive together, and the reply's fetch of the parent
// races the Create. Run again, fn finds the object stored and treats it as
// such, instead of answering 500 and leaving the sender to retry, maybe
// hours later.
func (s *Service) storeRemote(ctx context.Context, fn func(tx *store.Store) error) error {
	err := s.store.InTx(ctx, fn)
	if errors.Is(err, store.ErrConflict) {
		err = s.store.InTx(ctx, fn)
	}
	return err
}

// createOfStored applies the Create of a post or comment that is stored
// already because a fetch put it there: an activity that needed it came
// first, as happens whenever deliveries are retried after an outage and
// arrive in any order. Lemmy still gives the author's upvote then (and its
// community still announces the Create); skipping it as a duplicate would
// leave the score one lower here than everywhere else. Fetching a stored
// object again, or a Create by someone else, is a duplicate.
func (s *Service) createOfStored(ctx context.Context, tx *store.Store, activityID string, t Target,
	creatorID, personID, communityID int64, ann *Announce) error {
	if activityID == "" || creatorID != personID {
		return ErrDuplicate
	}
	if err := selfVote(ctx, tx, activityID, t, personID); err != nil {
		return err
	}
	return s.announceLocal(ctx, tx, communityID, ann)
}

// replyOpen refuses a new reply in a deleted or locked post, or beneath a
// locked comment.
func replyOpen(ctx context.Context, tx *store.Store, p store.Post, parentID int64) error {
	switch {
	case p.Deleted || p.Removed:
		return inputErr("", "the post was deleted; it takes no more replies")
	case p.Locked:
		return inputErr("", "the post is locked; it takes no more replies")
	case parentID != 0:
		return threadOpen(ctx, tx, parentID)
	}
	return nil
}

// remoteMayPost applies the local rules to a remote author, and answers
// the community.
func (s *Service) remoteMayPost(ctx context.Context, tx *store.Store, personID, communityID int64) (store.Community, error) {
	person, err := tx.PersonByID(ctx, personID)
	if err != nil {
		return store.Community{}, err
	}
	if person.Banned {
		return store.Community{}, forbidden("%s is banned from this site", person.APID)
	}
	if person.Deleted {
		return store.Community{}, inputErr("", "this person may not post here")
	}
	c, err := tx.CommunityByID(ctx, communityID)
	if err != nil || !c.Local {
		// A remote community's own server has applied its rules; we keep
		// what it accepted.
		return c, err
	}
	return c, communityOpen(ctx, tx, c.ID, personID)
}

// postingOpen refuses a remote person's new post in a local community
// whose posting is restricted to its moderators. Comments are not
// restricted, as in Lemmy; a remote community's server has applied its
// own rule.
func postingOpen(ctx context.Context, tx *store.Store, c store.Community, personID int64) error {
	if !c.Local || !c.PostingRestrictedToMods {
		return nil
	}
	mod, err := tx.IsModerator(ctx, c.ID, personID)
	if err != nil {
		return err
	}
	if !mod {
		return forbidden("only moderators may post in %s", c.Title)
	}
	return nil
}

// selfVote gives a new post or comment its author's upvote, as Lemmy does
// on every instance that receives its Create, so that its score is the
// same everywhere. A fetched object has no Create: it gets none, as in
// Lemmy, until its Create arrives (createOfStored).
func selfVote(ctx context.Context, tx *store.Store, activityID string, t Target, personID int64) error {
	if activityID == "" {
		return nil
	}
	var err error
	if t.CommentID != 0 {
		_, err = tx.SetCommentVote(ctx, t.CommentID, personID, 1, "")
	} else {
		_, err = tx.SetPostVote(ctx, t.PostID, personID, 1, "")
	}
	return err
}

// applyEarlyDelete marks a newly stored object deleted when its author's
// Delete overtook it.
func applyEarlyDelete(ctx context.Context, tx *store.Store, t Target, apID string) error {
	early, err := tx.DeletedEarly(ctx, apID)
	if err != nil || !early {
		return err
	}
	deleted := true
	if t.CommentID != 0 {
		return tx.SetCommentFlags(ctx, t.CommentID, &deleted, nil)
	}
	return tx.SetPostFlags(ctx, t.PostID, store.PostFlags{Deleted: &deleted})
}

// markReceived records an activity's id in the transaction that applies
// it; seen before, it is ErrDuplicate. Fetched objects have no activity.
func markReceived(ctx context.Context, tx *store.Store, activityID string) error {
	if activityID == "" {
		return nil
	}
	fresh, err := tx.MarkActivityReceived(ctx, activityID)
	if err != nil {
		return err
	}
	if !fresh {
		return ErrDuplicate
	}
	return nil
}

// remoteCommentBody is the text kept beside a remote comment's HTML; the
// schema wants one, and HTML without text (an image alone) has none.
func remoteCommentBody(text string) string {
	if text = runes.Cut(text, MaxCommentLen); text == "" {
		return "(sent as HTML)"
	}
	return text
}
