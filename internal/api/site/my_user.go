package site

import (
	"context"
	"fmt"
	"slices"

	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// myUser is what the app keeps of the logged-in user: their settings,
// their follows, the communities they moderate and their blocks.
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
	comms, err := m.d.Store.CommunitiesByIDsUncounted(ctx, ids)
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
		PersonBlocks: []model.PersonBlockView{}, DiscussionLanguages: discussionLanguages(u),
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
	if err := m.blocks(ctx, u, me, &out); err != nil {
		return model.MyUserInfo{}, err
	}
	return out, nil
}

// blocks fills in the people, communities and instances u blocks, newest
// first, as the settings page lists them.
func (m *Module) blocks(ctx context.Context, u store.LocalUser, me model.Person, out *model.MyUserInfo) error {
	if !u.HasBlocks {
		return nil
	}
	b, err := m.d.Forum.BlocksOf(ctx, u)
	if err != nil {
		return fmt.Errorf("my user blocks: %w", err)
	}
	people, comms := make([]int64, len(b.People)), make([]int64, len(b.Communities))
	for i, p := range b.People {
		people[i] = p.ID
	}
	for i, c := range b.Communities {
		comms[i] = c.ID
	}
	targets, err := m.d.Store.PeopleByIDs(ctx, people)
	if err != nil {
		return fmt.Errorf("my user blocks: %w", err)
	}
	communities, err := m.d.Store.CommunitiesByIDsUncounted(ctx, comms)
	if err != nil {
		return fmt.Errorf("my user blocks: %w", err)
	}
	for _, id := range people {
		if p, ok := targets[id]; ok {
			out.PersonBlocks = append(out.PersonBlocks, model.PersonBlockView{Person: me, Target: model.NewPerson(p)})
		}
	}
	for _, id := range comms {
		if c, ok := communities[id]; ok {
			out.CommunityBlocks = append(out.CommunityBlocks, model.CommunityBlockView{Person: me, Community: model.NewCommunity(c)})
		}
	}
	for _, bi := range b.Instances {
		in, err := m.d.Store.InstanceByDomain(ctx, bi.Domain)
		if err != nil {
			return fmt.Errorf("my user blocks: %w", err)
		}
		out.InstanceBlocks = append(out.InstanceBlocks, model.InstanceBlockView{Person: me, Instance: model.NewInstance(in)})
	}
	return nil
}

// discussionLanguages are the ids of the languages u reads: every one
// when they chose none, else those and undetermined, which is always read.
func discussionLanguages(u store.LocalUser) []int {
	codes := u.Languages()
	if len(codes) == 0 {
		return allLanguageIDs()
	}
	out := []int{0}
	for _, c := range codes {
		out = append(out, model.LanguageID(c))
	}
	return out
}
