package apiutil

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// reportPeople reads the reporters and resolvers of reports.
func reportPeople(ctx context.Context, st *store.Store, reports []store.Report) (map[int64]store.Person, error) {
	ids := make([]int64, 0, 2*len(reports))
	for _, rp := range reports {
		ids = append(ids, rp.CreatorID, rp.ResolverID)
	}
	people, err := st.PeopleByIDs(ctx, uniq(ids))
	if err != nil {
		return nil, fmt.Errorf("report views: %w", err)
	}
	return people, nil
}

// reporter is who filed the report. A remote server may not say who did:
// the report then stands for that server, by its name.
func reporter(rp store.Report, people map[int64]store.Person) model.Person {
	if p, ok := people[rp.CreatorID]; ok {
		return model.NewPerson(p)
	}
	return model.Person{Name: rp.CreatorDomain, ActorID: "https://" + rp.CreatorDomain + "/", Published: model.Time(rp.Published)}
}

// resolver is who resolved the report, or took the resolution back.
func resolver(rp store.Report, people map[int64]store.Person) (*int64, *model.Person) {
	p, ok := people[rp.ResolverID]
	if !ok {
		return nil, nil
	}
	mp := model.NewPerson(p)
	return &p.ID, &mp
}

// PostReportViews shapes reports of posts for the request's reader, the
// posts as they now are.
func PostReportViews(ctx context.Context, st *store.Store, r *http.Request, reports []store.Report) ([]model.PostReportView, error) {
	ids := make([]int64, len(reports))
	for i, rp := range reports {
		ids[i] = rp.PostID
	}
	posts, err := st.PostsByIDs(ctx, uniq(ids))
	if err != nil {
		return nil, fmt.Errorf("post report views: %w", err)
	}
	list := make([]store.Post, 0, len(posts))
	for _, p := range posts {
		list = append(list, p)
	}
	views, err := PostViews(ctx, st, r, list)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]model.PostView, len(views))
	for _, v := range views {
		byID[v.Post.ID] = v
	}
	people, err := reportPeople(ctx, st, reports)
	if err != nil {
		return nil, err
	}
	out := make([]model.PostReportView, 0, len(reports))
	for _, rp := range reports {
		v, ok := byID[rp.PostID]
		if !ok {
			continue
		}
		resolverID, resolvedBy := resolver(rp, people)
		out = append(out, model.PostReportView{
			PostReport: model.PostReport{ID: rp.ID, CreatorID: rp.CreatorID, PostID: rp.PostID,
				OriginalPostName: rp.OriginalTitle, OriginalPostURL: model.Opt(rp.OriginalURL),
				OriginalPostBody: model.Opt(rp.OriginalText), Reason: rp.Reason, Resolved: rp.Resolved,
				ResolverID: resolverID, Published: model.Time(rp.Published), Updated: model.OptTime(rp.Updated)},
			Post: v.Post, Community: v.Community, Creator: reporter(rp, people), PostCreator: v.Creator,
			CreatorBannedFromCommunity: v.CreatorBannedFromCommunity, CreatorIsModerator: v.CreatorIsModerator,
			CreatorIsAdmin: v.CreatorIsAdmin, Subscribed: v.Subscribed, MyVote: v.MyVote, Counts: v.Counts,
			Resolver: resolvedBy,
		})
	}
	return out, nil
}

// CommentReportViews shapes reports of comments for the request's
// reader, the comments as they now are.
func CommentReportViews(ctx context.Context, st *store.Store, r *http.Request, reports []store.Report) ([]model.CommentReportView, error) {
	ids := make([]int64, len(reports))
	for i, rp := range reports {
		ids[i] = rp.CommentID
	}
	comments, err := st.CommentsByIDs(ctx, uniq(ids))
	if err != nil {
		return nil, fmt.Errorf("comment report views: %w", err)
	}
	list := make([]store.Comment, 0, len(comments))
	for _, c := range comments {
		list = append(list, c)
	}
	views, err := CommentViews(ctx, st, r, list)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]model.CommentView, len(views))
	for _, v := range views {
		byID[v.Comment.ID] = v
	}
	people, err := reportPeople(ctx, st, reports)
	if err != nil {
		return nil, err
	}
	out := make([]model.CommentReportView, 0, len(reports))
	for _, rp := range reports {
		v, ok := byID[rp.CommentID]
		if !ok {
			continue
		}
		resolverID, resolvedBy := resolver(rp, people)
		out = append(out, model.CommentReportView{
			CommentReport: model.CommentReport{ID: rp.ID, CreatorID: rp.CreatorID, CommentID: rp.CommentID,
				OriginalCommentText: rp.OriginalText, Reason: rp.Reason, Resolved: rp.Resolved, ResolverID: resolverID,
				Published: model.Time(rp.Published), Updated: model.OptTime(rp.Updated)},
			Comment: v.Comment, Post: v.Post, Community: v.Community, Creator: reporter(rp, people),
			CommentCreator: v.Creator, Counts: v.Counts, CreatorBannedFromCommunity: v.CreatorBannedFromCommunity,
			CreatorIsModerator: v.CreatorIsModerator, CreatorIsAdmin: v.CreatorIsAdmin, Subscribed: v.Subscribed,
			MyVote: v.MyVote, Resolver: resolvedBy,
		})
	}
	return out, nil
}
