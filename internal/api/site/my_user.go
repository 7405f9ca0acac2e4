package site

import (
	"context"
	"fmt"
	"slices"

	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// myUser is what the app keeps of the logged-in user: their settings,
// their follows and the communities they moderate.
// TODO(blocks): community, instance and person blocks answer empty until
// the blocks branch lands.
func (m *Module) myUser(ctx context.Context, u store.LocalUser) (model.MyUserInfo, error) {
	follows, err := m.d.Store.SubscribedCommunityIDs(ctx, u.ID)
	if err != nil {
		return model.MyUserInfo{}, fmt.Errorf("my user: %w", err)
	}
	moderates, err := m.d.Store.ModeratedCommunityIDs(ctx, u.ID)
	if err != nil {
		return model.MyUserInfo{}, fmt.Errorf("my user: %w", err)
	}
	ids := slices.Clone(moderates)
	for id := range follows {
		ids = append(ids, id)
	}
	comms, err := m.d.Store.CommunitiesByIDs(ctx, ids)
	if err != nil {
		return model.MyUserInfo{}, fmt.Errorf("my user: %w", err)
	}
	counts, err := m.d.Store.CountPersonContent(ctx, []int64{u.ID})
	if err != nil {
		return model.MyUserInfo{}, fmt.Errorf("my user: %w", err)
	}
	me := model.NewPerson(u.Person)
	out := model.MyUserInfo{
		LocalUserView: model.LocalUserView{
			LocalUser: model.NewLocalUser(u),
			LocalUserVoteDisplayMode: model.LocalUserVoteDisplayMode{LocalUserID: u.ID, Score: true,
				Upvotes: true, Downvotes: true},
			Person: me,
			Counts: model.PersonAggregates{PersonID: u.ID, PostCount: counts[u.ID].Posts,
				CommentCount: counts[u.ID].Comments},
		},
		Follows: []model.CommunityFollowerView{}, Moderates: []model.CommunityModeratorView{},
		CommunityBlocks: []model.CommunityBlockView{}, InstanceBlocks: []model.InstanceBlockView{},
		PersonBlocks: []model.PersonBlockView{}, DiscussionLanguages: allLanguageIDs(),
	}
	followed := make([]int64, 0, len(follows))
	for id := range follows {
		followed = append(followed, id)
	}
	slices.Sort(followed)
	for _, id := range followed {
		if c, ok := comms[id]; ok {
			out.Follows = append(out.Follows, model.CommunityFollowerView{Community: model.NewCommunity(c), Follower: me})
		}
	}
	for _, id := range moderates {
		if c, ok := comms[id]; ok {
			out.Moderates = append(out.Moderates, model.CommunityModeratorView{Community: model.NewCommunity(c), Moderator: me})
		}
	}
	return out, nil
}
