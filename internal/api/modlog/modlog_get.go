package modlog

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// get answers a numbered page of the log, newest first, its entries
// sorted into Lemmy's arrays. An entry whose post, comment or community
// has since been purged is left out: Lemmy's shapes need them, and Lemmy
// itself drops such entries with what they were about.
func (m *Module) get(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	actions, ok := actionsOf(qs.String("type_"))
	q := forum.ModLogQuery{Actions: actions, CommunityID: qs.Int64("community_id"), ModeratorID: qs.Int64("mod_person_id"),
		PersonID: qs.Int64("other_person_id"), PostID: qs.Int64("post_id"), CommentID: qs.Int64("comment_id")}
	q.Offset, q.Limit = qs.Page()
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if !ok {
		m.d.Fail(w, r, apiutil.ErrInvalidQuery, nil, nil)
		return
	}
	var viewer *store.LocalUser
	if u, ok := apiutil.User(r); ok {
		viewer = &u
	}
	pg, err := m.d.Forum.ModLog(r.Context(), viewer, q)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	res, err := m.shape(r.Context(), pg.Entries)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, res)
}

// objects are what a page of entries is about, read at once.
type objects struct {
	people      map[int64]store.Person
	communities map[int64]store.Community
	posts       map[int64]store.Post
	comments    map[int64]store.Comment
}

func (m *Module) load(ctx context.Context, entries []store.ModLogEntry) (objects, error) {
	var people, comms, posts, comments []int64
	for _, e := range entries {
		people = append(people, e.ModeratorID, e.TargetPersonID)
		comms = append(comms, e.CommunityID)
		posts = append(posts, e.PostID)
		comments = append(comments, e.CommentID)
	}
	var o objects
	var err error
	if o.comments, err = m.d.Store.CommentsByIDs(ctx, comments); err != nil {
		return o, fmt.Errorf("modlog: %w", err)
	}
	for _, c := range o.comments {
		people = append(people, c.CreatorID)
	}
	if o.posts, err = m.d.Store.PostsByIDs(ctx, posts); err != nil {
		return o, fmt.Errorf("modlog: %w", err)
	}
	for _, p := range o.posts {
		comms = append(comms, p.CommunityID)
	}
	if o.people, err = m.d.Store.PeopleByIDs(ctx, people); err != nil {
		return o, fmt.Errorf("modlog: %w", err)
	}
	if o.communities, err = m.d.Store.CommunitiesByIDs(ctx, comms); err != nil {
		return o, fmt.Errorf("modlog: %w", err)
	}
	return o, nil
}

func (m *Module) shape(ctx context.Context, entries []store.ModLogEntry) (GetModlogResponse, error) {
	res := GetModlogResponse{RemovedPosts: []ModRemovePostView{}, LockedPosts: []ModLockPostView{},
		FeaturedPosts: []ModFeaturePostView{}, RemovedComments: []ModRemoveCommentView{},
		RemovedCommunities: []ModRemoveCommunityView{}, BannedFromCommunity: []ModBanFromCommunityView{},
		Banned: []ModBanView{}, AddedToCommunity: []ModAddCommunityView{},
		TransferredToCommunity: []ModTransferCommunityView{}, Added: []ModAddView{},
		AdminPurgedPersons: []AdminPurgePersonView{}, AdminPurgedCommunities: []AdminPurgeCommunityView{},
		AdminPurgedPosts: []AdminPurgePostView{}, AdminPurgedComments: []AdminPurgeCommentView{},
		HiddenCommunities: []struct{}{}}
	o, err := m.load(ctx, entries)
	if err != nil {
		return res, err
	}
	for _, e := range entries {
		o.add(&res, e)
	}
	return res, nil
}

// add files one entry under its array, if what it is about is still here.
func (o objects) add(res *GetModlogResponse, e store.ModLogEntry) {
	mod := o.person(e.ModeratorID)
	when, reason := model.Time(e.CreatedAt), model.Opt(e.Reason)
	post, postOK := o.posts[e.PostID]
	postComm, postCommOK := o.communities[post.CommunityID]
	comm, commOK := o.communities[e.CommunityID]
	target, targetOK := o.people[e.TargetPersonID]
	on := !isUndo(e.Action)
	switch lemmyType[e.Action] {
	case "ModRemovePost":
		if postOK && postCommOK {
			res.RemovedPosts = append(res.RemovedPosts, ModRemovePostView{ModRemovePost: ModRemovePost{ID: e.ID,
				ModPersonID: e.ModeratorID, PostID: post.ID, Reason: reason, Removed: on, When: when},
				Moderator: mod, Post: model.NewPost(post), Community: model.NewCommunity(postComm)})
		}
	case "ModLockPost":
		if postOK && postCommOK {
			res.LockedPosts = append(res.LockedPosts, ModLockPostView{ModLockPost: ModLockPost{ID: e.ID,
				ModPersonID: e.ModeratorID, PostID: post.ID, Locked: on, When: when},
				Moderator: mod, Post: model.NewPost(post), Community: model.NewCommunity(postComm)})
		}
	case "ModFeaturePost":
		if postOK && postCommOK {
			local := e.Action == "feature_post_local" || e.Action == "unfeature_post_local"
			res.FeaturedPosts = append(res.FeaturedPosts, ModFeaturePostView{ModFeaturePost: ModFeaturePost{ID: e.ID,
				ModPersonID: e.ModeratorID, PostID: post.ID, Featured: on, When: when, IsFeaturedCommunity: !local},
				Moderator: mod, Post: model.NewPost(post), Community: model.NewCommunity(postComm)})
		}
	case "ModRemoveComment":
		c, ok := o.comments[e.CommentID]
		author, authorOK := o.people[c.CreatorID]
		if ok && authorOK && postOK && postCommOK {
			res.RemovedComments = append(res.RemovedComments, ModRemoveCommentView{ModRemoveComment: ModRemoveComment{
				ID: e.ID, ModPersonID: e.ModeratorID, CommentID: c.ID, Reason: reason, Removed: on, When: when},
				Moderator: mod, Comment: model.NewComment(c), Commenter: model.NewPerson(author), Post: model.NewPost(post),
				Community: model.NewCommunity(postComm)})
		}
	case "ModRemoveCommunity":
		if commOK {
			res.RemovedCommunities = append(res.RemovedCommunities, ModRemoveCommunityView{
				ModRemoveCommunity: ModRemoveCommunity{ID: e.ID, ModPersonID: e.ModeratorID, CommunityID: comm.ID,
					Reason: reason, Removed: on, When: when}, Moderator: mod, Community: model.NewCommunity(comm)})
		}
	case "ModBanFromCommunity":
		if commOK && targetOK {
			res.BannedFromCommunity = append(res.BannedFromCommunity, ModBanFromCommunityView{
				ModBanFromCommunity: ModBanFromCommunity{ID: e.ID, ModPersonID: e.ModeratorID, OtherPersonID: target.ID,
					CommunityID: comm.ID, Reason: reason, Banned: on, Expires: model.OptTime(e.ExpiresAt), When: when},
				Moderator: mod, Community: model.NewCommunity(comm), BannedPerson: model.NewPerson(target)})
		}
	case "ModBan":
		if targetOK {
			res.Banned = append(res.Banned, ModBanView{ModBan: ModBan{ID: e.ID, ModPersonID: e.ModeratorID,
				OtherPersonID: target.ID, Reason: reason, Banned: on, Expires: model.OptTime(e.ExpiresAt), When: when},
				Moderator: mod, BannedPerson: model.NewPerson(target)})
		}
	case "ModAddCommunity":
		if commOK && targetOK {
			res.AddedToCommunity = append(res.AddedToCommunity, ModAddCommunityView{ModAddCommunity: ModAddCommunity{
				ID: e.ID, ModPersonID: e.ModeratorID, OtherPersonID: target.ID, CommunityID: comm.ID, Removed: !on,
				When: when}, Moderator: mod, Community: model.NewCommunity(comm), ModdedPerson: model.NewPerson(target)})
		}
	case "ModTransferCommunity":
		if commOK && targetOK {
			res.TransferredToCommunity = append(res.TransferredToCommunity, ModTransferCommunityView{
				ModTransferCommunity: ModTransferCommunity{ID: e.ID, ModPersonID: e.ModeratorID, OtherPersonID: target.ID,
					CommunityID: comm.ID, When: when}, Moderator: mod, Community: model.NewCommunity(comm),
				ModdedPerson: model.NewPerson(target)})
		}
	case "ModAdd":
		if targetOK {
			res.Added = append(res.Added, ModAddView{ModAdd: ModAdd{ID: e.ID, ModPersonID: e.ModeratorID,
				OtherPersonID: target.ID, Removed: !on, When: when}, Moderator: mod, ModdedPerson: model.NewPerson(target)})
		}
	case "AdminPurgePerson":
		res.AdminPurgedPersons = append(res.AdminPurgedPersons, AdminPurgePersonView{AdminPurgePerson: AdminPurge{
			ID: e.ID, AdminPersonID: e.ModeratorID, Reason: reason, When: when}, Admin: mod})
	case "AdminPurgeCommunity":
		res.AdminPurgedCommunities = append(res.AdminPurgedCommunities, AdminPurgeCommunityView{
			AdminPurgeCommunity: AdminPurge{ID: e.ID, AdminPersonID: e.ModeratorID, Reason: reason, When: when}, Admin: mod})
	case "AdminPurgePost":
		if commOK {
			res.AdminPurgedPosts = append(res.AdminPurgedPosts, AdminPurgePostView{AdminPurgePost: AdminPurge{
				ID: e.ID, AdminPersonID: e.ModeratorID, CommunityID: comm.ID, Reason: reason, When: when}, Admin: mod,
				Community: model.NewCommunity(comm)})
		}
	case "AdminPurgeComment":
		if postOK {
			res.AdminPurgedComments = append(res.AdminPurgedComments, AdminPurgeCommentView{AdminPurgeComment: AdminPurge{
				ID: e.ID, AdminPersonID: e.ModeratorID, PostID: post.ID, Reason: reason, When: when}, Admin: mod,
				Post: model.NewPost(post)})
		}
	}
}

// person is a moderator or admin, nil for nobody or one hidden.
func (o objects) person(id int64) *model.Person {
	p, ok := o.people[id]
	if !ok {
		return nil
	}
	mp := model.NewPerson(p)
	return &mp
}

// isUndo tells the actions that take another back.
func isUndo(action string) bool {
	switch action {
	case "restore_post", "unlock_post", "unfeature_post", "unfeature_post_local", "restore_comment",
		"restore_community", "unban_from_community", "remove_moderator", "remove_admin", "unban_from_site":
		return true
	}
	return false
}
