package model

import "github.com/tidings/tidings/internal/store"

// Post is Lemmy's Post.
type Post struct {
	ID                int64   `json:"id"`
	Name              string  `json:"name"`
	URL               *string `json:"url,omitempty"`
	Body              *string `json:"body,omitempty"`
	CreatorID         int64   `json:"creator_id"`
	CommunityID       int64   `json:"community_id"`
	Removed           bool    `json:"removed"`
	Locked            bool    `json:"locked"`
	Published         string  `json:"published"`
	Updated           *string `json:"updated,omitempty"`
	Deleted           bool    `json:"deleted"`
	NSFW              bool    `json:"nsfw"`
	EmbedTitle        *string `json:"embed_title,omitempty"`
	EmbedDescription  *string `json:"embed_description,omitempty"`
	ThumbnailURL      *string `json:"thumbnail_url,omitempty"`
	APID              string  `json:"ap_id"`
	Local             bool    `json:"local"`
	EmbedVideoURL     *string `json:"embed_video_url,omitempty"`
	LanguageID        int     `json:"language_id"`
	FeaturedCommunity bool    `json:"featured_community"`
	FeaturedLocal     bool    `json:"featured_local"`
	URLContentType    *string `json:"url_content_type,omitempty"`
	AltText           *string `json:"alt_text,omitempty"`
}

// NewPost shapes a stored post. A deleted or removed post keeps its title
// but loses its body and link, as Lemmy shows it to those who may not see
// what was taken down.
func NewPost(p store.Post) Post {
	out := Post{
		ID: p.ID, Name: p.Title, URL: Opt(p.URL), Body: Opt(p.Body), CreatorID: p.CreatorID,
		CommunityID: p.CommunityID, Removed: p.Removed, Locked: p.Locked, Published: Time(p.Published),
		Updated: OptTime(p.Updated), Deleted: p.Deleted, NSFW: p.NSFW, EmbedTitle: Opt(p.URLTitle),
		EmbedDescription: Opt(p.URLDescription), ThumbnailURL: Opt(p.ThumbnailURL), APID: p.APID, Local: p.Local,
		LanguageID: LanguageID(p.Language), FeaturedCommunity: p.FeaturedCommunity, FeaturedLocal: p.FeaturedLocal,
	}
	if p.Deleted || p.Removed {
		out.Body, out.URL = nil, nil
	}
	return out
}

// PostAggregates is Lemmy's PostAggregates.
type PostAggregates struct {
	PostID            int64  `json:"post_id"`
	Comments          int    `json:"comments"`
	Score             int    `json:"score"`
	Upvotes           int    `json:"upvotes"`
	Downvotes         int    `json:"downvotes"`
	Published         string `json:"published"`
	NewestCommentTime string `json:"newest_comment_time"`
}

// PostView is Lemmy's PostView.
type PostView struct {
	Post                       Post           `json:"post"`
	Creator                    Person         `json:"creator"`
	Community                  Community      `json:"community"`
	CreatorBannedFromCommunity bool           `json:"creator_banned_from_community"`
	BannedFromCommunity        bool           `json:"banned_from_community"`
	CreatorIsModerator         bool           `json:"creator_is_moderator"`
	CreatorIsAdmin             bool           `json:"creator_is_admin"`
	Counts                     PostAggregates `json:"counts"`
	Subscribed                 string         `json:"subscribed"`
	Saved                      bool           `json:"saved"`
	Read                       bool           `json:"read"`
	Hidden                     bool           `json:"hidden"`
	CreatorBlocked             bool           `json:"creator_blocked"`
	MyVote                     *int           `json:"my_vote,omitempty"`
	UnreadComments             int            `json:"unread_comments"`
}

// Context is what a page of posts or comments is shown with: the whole
// authors and communities, the facts about them, and the reader's own
// (their follows, their community bans, their votes).
type Context struct {
	People      map[int64]store.Person
	Communities map[int64]store.Community
	Facts       store.MemberFacts
	Follows     map[int64]string // community: the reader's follow state
	ReaderID    int64            // 0 when anonymous
	// Reader is what the reader saved, read and blocks; empty when
	// anonymous.
	Reader store.ReaderFacts
}

// NewPostView shapes a post for the reader. vote is the reader's (0 for
// none, and then my_vote is absent for an anonymous reader, as in Lemmy).
// unread_comments counts the comments since the reader last opened the
// post, all of them when they never did, as Lemmy counts them. Tidings
// has no hiding of posts, so hidden is false.
func (c Context) NewPostView(p store.Post, vote int) PostView {
	v := PostView{
		Post: NewPost(p), Creator: NewPerson(c.People[p.CreatorID]), Community: NewCommunity(c.Communities[p.CommunityID]),
		CreatorBannedFromCommunity: c.Facts.Banned[[2]int64{p.CommunityID, p.CreatorID}],
		BannedFromCommunity:        c.ReaderID != 0 && c.Facts.Banned[[2]int64{p.CommunityID, c.ReaderID}],
		CreatorIsModerator:         c.Facts.Moderator[[2]int64{p.CommunityID, p.CreatorID}],
		CreatorIsAdmin:             c.Facts.Admin[p.CreatorID],
		Counts: PostAggregates{PostID: p.ID, Comments: p.Comments, Score: p.Score, Upvotes: p.Upvotes,
			Downvotes: p.Downvotes, Published: Time(p.Published), NewestCommentTime: Time(p.NewestCommentTime)},
		Subscribed:     SubscribedType(c.Follows[p.CommunityID]),
		Saved:          c.Reader.SavedPosts[p.ID],
		CreatorBlocked: c.Reader.BlockedPeople[p.CreatorID],
		UnreadComments: p.Comments,
	}
	if n, ok := c.Reader.ReadComments[p.ID]; ok {
		v.Read, v.UnreadComments = true, max(p.Comments-n, 0)
	}
	if c.ReaderID != 0 {
		v.MyVote = &vote
	}
	return v
}

// PostReport is Lemmy's PostReport.
type PostReport struct {
	ID               int64   `json:"id"`
	CreatorID        int64   `json:"creator_id"`
	PostID           int64   `json:"post_id"`
	OriginalPostName string  `json:"original_post_name"`
	OriginalPostURL  *string `json:"original_post_url,omitempty"`
	OriginalPostBody *string `json:"original_post_body,omitempty"`
	Reason           string  `json:"reason"`
	Resolved         bool    `json:"resolved"`
	ResolverID       *int64  `json:"resolver_id,omitempty"`
	Published        string  `json:"published"`
	Updated          *string `json:"updated,omitempty"`
}

// PostReportView is Lemmy's PostReportView: creator is the reporter,
// post_creator the post's author.
type PostReportView struct {
	PostReport                 PostReport     `json:"post_report"`
	Post                       Post           `json:"post"`
	Community                  Community      `json:"community"`
	Creator                    Person         `json:"creator"`
	PostCreator                Person         `json:"post_creator"`
	CreatorBannedFromCommunity bool           `json:"creator_banned_from_community"`
	CreatorIsModerator         bool           `json:"creator_is_moderator"`
	CreatorIsAdmin             bool           `json:"creator_is_admin"`
	Subscribed                 string         `json:"subscribed"`
	Saved                      bool           `json:"saved"`
	Read                       bool           `json:"read"`
	Hidden                     bool           `json:"hidden"`
	CreatorBlocked             bool           `json:"creator_blocked"`
	MyVote                     *int           `json:"my_vote,omitempty"`
	UnreadComments             int            `json:"unread_comments"`
	Counts                     PostAggregates `json:"counts"`
	Resolver                   *Person        `json:"resolver,omitempty"`
}
