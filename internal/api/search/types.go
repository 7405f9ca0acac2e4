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
