package apiutil

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// LoadContext reads what a page of these posts or comments by these
// people in these communities is shown with, for the request's reader: a
// fixed number of queries whatever the page's length.
func LoadContext(ctx context.Context, st *store.Store, r *http.Request, postIDs, commentIDs, communityIDs, personIDs []int64) (model.Context, error) {
	communityIDs, personIDs = uniq(communityIDs), uniq(personIDs)
	var c model.Context
	var err error
	u, loggedIn := User(r)
	if c.Reader, err = st.ReadReaderFacts(ctx, u.ID, u.HasBlocks, postIDs, commentIDs, personIDs, communityIDs); err != nil {
		return c, fmt.Errorf("load view: %w", err)
	}
	if loggedIn {
		c.ReaderID = u.ID
		personIDs = append(personIDs, u.ID) // for the reader's own community bans
	}
	if c.People, err = st.PeopleByIDs(ctx, personIDs); err != nil {
		return c, fmt.Errorf("load view: %w", err)
	}
	if c.Communities, err = st.CommunitiesByIDsUncounted(ctx, communityIDs); err != nil {
		return c, fmt.Errorf("load view: %w", err)
	}
	if c.Facts, err = st.ReadMemberFacts(ctx, communityIDs, personIDs); err != nil {
		return c, fmt.Errorf("load view: %w", err)
	}
	c.Follows = map[int64]string{}
	if c.ReaderID != 0 {
		if c.Follows, err = st.SubscribedCommunityIDs(ctx, c.ReaderID); err != nil {
			return c, fmt.Errorf("load view: %w", err)
		}
	}
	return c, nil
}

func uniq(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// PostViews shapes posts for the request's reader with their votes.
func PostViews(ctx context.Context, st *store.Store, r *http.Request, posts []store.Post) ([]model.PostView, error) {
	comms, people, ids := make([]int64, len(posts)), make([]int64, len(posts)), make([]int64, len(posts))
	for i, p := range posts {
		comms[i], people[i], ids[i] = p.CommunityID, p.CreatorID, p.ID
	}
	c, err := LoadContext(ctx, st, r, ids, nil, comms, people)
	if err != nil {
		return nil, err
	}
	votes := map[int64]int{}
	if c.ReaderID != 0 {
		if votes, err = st.PostVotes(ctx, c.ReaderID, ids); err != nil {
			return nil, fmt.Errorf("post views: %w", err)
		}
	}
	out := make([]model.PostView, len(posts))
	for i, p := range posts {
		out[i] = c.NewPostView(p, votes[p.ID])
	}
	return out, nil
}

// CommunityView shapes one community for the request's reader, with its
// moderators.
func CommunityView(ctx context.Context, st *store.Store, r *http.Request, id int64) (model.CommunityView, []model.CommunityModeratorView, error) {
	comms, err := st.CommunitiesByIDs(ctx, []int64{id})
	if err != nil {
		return model.CommunityView{}, nil, fmt.Errorf("community view: %w", err)
	}
	c, ok := comms[id]
	if !ok {
		return model.CommunityView{}, nil, fmt.Errorf("community %d: %w", id, store.ErrNotFound)
	}
	comments, err := st.CommunityCommentCounts(ctx, []int64{id})
	if err != nil {
		return model.CommunityView{}, nil, fmt.Errorf("community view: %w", err)
	}
	var state string
	var banned, blocked bool
	if u, ok := User(r); ok {
		if blocked, err = st.BlocksCommunity(ctx, u.ID, id); err != nil {
			return model.CommunityView{}, nil, fmt.Errorf("community view: %w", err)
		}
		f, err := st.GetFollow(ctx, id, u.ID)
		switch {
		case err == nil:
			state = f.State
		case !errors.Is(err, store.ErrNotFound):
			return model.CommunityView{}, nil, fmt.Errorf("community view: %w", err)
		}
		if banned, err = st.IsBannedFromCommunity(ctx, id, u.ID); err != nil {
			return model.CommunityView{}, nil, fmt.Errorf("community view: %w", err)
		}
	}
	people, err := st.Moderators(ctx, id)
	if err != nil {
		return model.CommunityView{}, nil, fmt.Errorf("community view: %w", err)
	}
	mc := model.NewCommunity(c)
	mods := make([]model.CommunityModeratorView, len(people))
	for i, p := range people {
		mods[i] = model.CommunityModeratorView{Community: mc, Moderator: model.NewPerson(p)}
	}
	return model.NewCommunityView(c, comments[id], state, banned, blocked), mods, nil
}

// CommentViews shapes comments from any posts for the request's reader,
// with their child counts and the reader's votes.
func CommentViews(ctx context.Context, st *store.Store, r *http.Request, comments []store.Comment) ([]model.CommentView, error) {
	ids, postIDs, people := make([]int64, len(comments)), make([]int64, len(comments)), make([]int64, len(comments))
	for i, c := range comments {
		ids[i], postIDs[i], people[i] = c.ID, c.PostID, c.CreatorID
	}
	posts, err := st.PostsByIDs(ctx, postIDs)
	if err != nil {
		return nil, fmt.Errorf("comment views: %w", err)
	}
	comms := make([]int64, 0, len(posts))
	for _, p := range posts {
		comms = append(comms, p.CommunityID)
	}
	c, err := LoadContext(ctx, st, r, nil, ids, comms, people)
	if err != nil {
		return nil, err
	}
	children, err := st.CommentChildCounts(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("comment views: %w", err)
	}
	votes := map[int64]int{}
	if c.ReaderID != 0 {
		if votes, err = st.CommentVotes(ctx, c.ReaderID, ids); err != nil {
			return nil, fmt.Errorf("comment views: %w", err)
		}
	}
	out := make([]model.CommentView, len(comments))
	for i, cm := range comments {
		out[i] = c.NewCommentView(cm, posts[cm.PostID], children[cm.ID], votes[cm.ID])
	}
	return out, nil
}

// CommunityViews shapes communities read with their counts for the
// request's reader: their follows, bans and blocks, the comment counts.
func CommunityViews(ctx context.Context, st *store.Store, r *http.Request, list []store.Community) ([]model.CommunityView, error) {
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	comments, err := st.CommunityCommentCounts(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("community views: %w", err)
	}
	follows := map[int64]string{}
	var facts store.MemberFacts
	u, loggedIn := User(r)
	reader, err := st.ReadReaderFacts(ctx, u.ID, u.HasBlocks, nil, nil, nil, ids)
	if err != nil {
		return nil, fmt.Errorf("community views: %w", err)
	}
	if loggedIn {
		if follows, err = st.SubscribedCommunityIDs(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("community views: %w", err)
		}
		if facts, err = st.ReadMemberFacts(ctx, ids, []int64{u.ID}); err != nil {
			return nil, fmt.Errorf("community views: %w", err)
		}
	}
	out := make([]model.CommunityView, len(list))
	for i, c := range list {
		out[i] = model.NewCommunityView(c, comments[c.ID], follows[c.ID], facts.Banned[[2]int64{c.ID, u.ID}],
			reader.BlockedCommunities[c.ID])
	}
	return out, nil
}

// PersonView shapes a person with their counts and whether they are an
// admin here.
func PersonView(ctx context.Context, st *store.Store, p store.Person) (model.PersonView, error) {
	counts, err := st.CountPersonContent(ctx, []int64{p.ID})
	if err != nil {
		return model.PersonView{}, fmt.Errorf("person view: %w", err)
	}
	facts, err := st.ReadMemberFacts(ctx, nil, []int64{p.ID})
	if err != nil {
		return model.PersonView{}, fmt.Errorf("person view: %w", err)
	}
	return model.NewPersonView(p, counts[p.ID], facts.Admin[p.ID]), nil
}
