package search

import "github.com/tidings/tidings/internal/api/model"

// SearchResponse is Lemmy's SearchResponse.
type SearchResponse struct {
	Type        string                `json:"type_"`
	Comments    []model.CommentView   `json:"comments"`
	Posts       []model.PostView      `json:"posts"`
	Communities []model.CommunityView `json:"communities"`
	Users       []model.PersonView    `json:"users"`
}

// ResolveObjectResponse is Lemmy's ResolveObjectResponse: one of the four
// is set.
type ResolveObjectResponse struct {
	Comment   *model.CommentView   `json:"comment,omitempty"`
	Post      *model.PostView      `json:"post,omitempty"`
	Community *model.CommunityView `json:"community,omitempty"`
	Person    *model.PersonView    `json:"person,omitempty"`
}
