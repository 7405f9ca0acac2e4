package model

import (
	"strconv"
	"strings"

	"github.com/tidings/tidings/internal/store"
)

// Comment is Lemmy's Comment.
type Comment struct {
	ID            int64   `json:"id"`
	CreatorID     int64   `json:"creator_id"`
	PostID        int64   `json:"post_id"`
	Content       string  `json:"content"`
	Removed       bool    `json:"removed"`
	Published     string  `json:"published"`
	Updated       *string `json:"updated,omitempty"`
	Deleted       bool    `json:"deleted"`
	APID          string  `json:"ap_id"`
	Local         bool    `json:"local"`
	Path          string  `json:"path"`
	Distinguished bool    `json:"distinguished"`
	LanguageID    int     `json:"language_id"`
}

// Path is a comment's materialised path as Lemmy writes it: "0." and the
// ids from the top-level comment down to this one, which apps split to
// nest a thread.
func Path(ids []int64) string {
	var b strings.Builder
	b.WriteString("0")
	for _, id := range ids {
		b.WriteByte('.')
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

// NewComment shapes a stored comment; a deleted or removed one keeps its
// place in the thread with its text emptied, as Lemmy answers it.
func NewComment(c store.Comment) Comment {
	out := Comment{
		ID: c.ID, CreatorID: c.CreatorID, PostID: c.PostID, Content: c.Body, Removed: c.Removed,
		Published: Time(c.Published), Updated: OptTime(c.Updated), Deleted: c.Deleted, APID: c.APID, Local: c.Local,
		Path: Path(c.Path), Distinguished: c.Distinguished, LanguageID: LanguageID(c.Language),
	}
	if c.Deleted || c.Removed {
		out.Content = ""
	}
	return out
}

// CommentAggregates is Lemmy's CommentAggregates.
type CommentAggregates struct {
	CommentID  int64  `json:"comment_id"`
	Score      int    `json:"score"`
	Upvotes    int    `json:"upvotes"`
	Downvotes  int    `json:"downvotes"`
	Published  string `json:"published"`
	ChildCount int    `json:"child_count"`
}

// CommentView is Lemmy's CommentView.
type CommentView struct {
	Comment                    Comment           `json:"comment"`
	Creator                    Person            `json:"creator"`
	Post                       Post              `json:"post"`
	Community                  Community         `json:"community"`
	Counts                     CommentAggregates `json:"counts"`
	CreatorBannedFromCommunity bool              `json:"creator_banned_from_community"`
	BannedFromCommunity        bool              `json:"banned_from_community"`
	CreatorIsModerator         bool              `json:"creator_is_moderator"`
	CreatorIsAdmin             bool              `json:"creator_is_admin"`
	Subscribed                 string            `json:"subscribed"`
	Saved                      bool              `json:"saved"`
	CreatorBlocked             bool              `json:"creator_blocked"`
	MyVote                     *int              `json:"my_vote,omitempty"`
}

// NewCommentView shapes a comment of post for the reader; children is how
// many comments stand below it at any depth, as Lemmy counts child_count.
func (c Context) NewCommentView(cm store.Comment, p store.Post, children, vote int) CommentView {
	v := CommentView{
		Comment: NewComment(cm), Creator: NewPerson(c.People[cm.CreatorID]), Post: NewPost(p),
		Community: NewCommunity(c.Communities[p.CommunityID]),
		Counts: CommentAggregates{CommentID: cm.ID, Score: cm.Score, Upvotes: cm.Upvotes, Downvotes: cm.Downvotes,
			Published: Time(cm.Published), ChildCount: children},
		CreatorBannedFromCommunity: c.Facts.Banned[[2]int64{p.CommunityID, cm.CreatorID}],
		BannedFromCommunity:        c.ReaderID != 0 && c.Facts.Banned[[2]int64{p.CommunityID, c.ReaderID}],
		CreatorIsModerator:         c.Facts.Moderator[[2]int64{p.CommunityID, cm.CreatorID}],
		CreatorIsAdmin:             c.Facts.Admin[cm.CreatorID],
		Subscribed:                 SubscribedType(c.Follows[p.CommunityID]),
		Saved:                      c.Reader.SavedComments[cm.ID],
		CreatorBlocked:             c.Reader.BlockedPeople[cm.CreatorID],
	}
	if c.ReaderID != 0 {
		v.MyVote = &vote
	}
	return v
}

// CommentResponse is Lemmy's CommentResponse. recipient_ids lists the
// local users a new comment notified; Tidings does not tell, so it is
// empty.
type CommentResponse struct {
	CommentView  CommentView `json:"comment_view"`
	RecipientIDs []int64     `json:"recipient_ids"`
}

// CommentReply is Lemmy's CommentReply: a reply in someone's inbox.
type CommentReply struct {
	ID          int64  `json:"id"`
	RecipientID int64  `json:"recipient_id"`
	CommentID   int64  `json:"comment_id"`
	Read        bool   `json:"read"`
	Published   string `json:"published"`
}

// CommentReplyView is Lemmy's CommentReplyView: a CommentView with the
// inbox entry and its recipient.
type CommentReplyView struct {
	CommentReply CommentReply `json:"comment_reply"`
	Recipient    Person       `json:"recipient"`
	CommentView
}

// PersonMention is Lemmy's PersonMention.
type PersonMention CommentReply

// PersonMentionView is Lemmy's PersonMentionView.
type PersonMentionView struct {
	PersonMention PersonMention `json:"person_mention"`
	Recipient     Person        `json:"recipient"`
	CommentView
}

// CommentReport is Lemmy's CommentReport.
type CommentReport struct {
	ID                  int64   `json:"id"`
	CreatorID           int64   `json:"creator_id"`
	CommentID           int64   `json:"comment_id"`
	OriginalCommentText string  `json:"original_comment_text"`
	Reason              string  `json:"reason"`
	Resolved            bool    `json:"resolved"`
	ResolverID          *int64  `json:"resolver_id,omitempty"`
	Published           string  `json:"published"`
	Updated             *string `json:"updated,omitempty"`
}

// CommentReportView is Lemmy's CommentReportView: creator is the
// reporter, comment_creator the comment's author.
type CommentReportView struct {
	CommentReport              CommentReport     `json:"comment_report"`
	Comment                    Comment           `json:"comment"`
	Post                       Post              `json:"post"`
	Community                  Community         `json:"community"`
	Creator                    Person            `json:"creator"`
	CommentCreator             Person            `json:"comment_creator"`
	Counts                     CommentAggregates `json:"counts"`
	CreatorBannedFromCommunity bool              `json:"creator_banned_from_community"`
	CreatorIsModerator         bool              `json:"creator_is_moderator"`
	CreatorIsAdmin             bool              `json:"creator_is_admin"`
	CreatorBlocked             bool              `json:"creator_blocked"`
	Subscribed                 string            `json:"subscribed"`
	Saved                      bool              `json:"saved"`
	MyVote                     *int              `json:"my_vote,omitempty"`
	Resolver                   *Person           `json:"resolver,omitempty"`
}
