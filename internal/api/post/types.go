package post

import "github.com/tidings/tidings/internal/api/model"

// GetPostsResponse is Lemmy's GetPostsResponse.
type GetPostsResponse struct {
	Posts    []model.PostView `json:"posts"`
	NextPage *string          `json:"next_page,omitempty"`
}

// PostResponse is Lemmy's PostResponse.
type PostResponse struct {
	PostView model.PostView `json:"post_view"`
}

// GetPostResponse is Lemmy's GetPostResponse.
type GetPostResponse struct {
	PostView      model.PostView                 `json:"post_view"`
	CommunityView model.CommunityView            `json:"community_view"`
	Moderators    []model.CommunityModeratorView `json:"moderators"`
	CrossPosts    []model.PostView               `json:"cross_posts"`
}

// CreatePost is Lemmy's CreatePost.
type CreatePost struct {
	Name        string  `json:"name"`
	CommunityID int64   `json:"community_id"`
	Honeypot    *string `json:"honeypot"`
	PostFields
}

// EditPost is Lemmy's EditPost: a field left out stays as it is.
type EditPost struct {
	PostID int64   `json:"post_id"`
	Name   *string `json:"name"`
	PostFields
}

// PostFields are what CreatePost and EditPost share, each left out when
// not given. Alt text and custom thumbnails are read and not kept yet.
type PostFields struct {
	URL             *string `json:"url"`
	Body            *string `json:"body"`
	AltText         *string `json:"alt_text"`
	NSFW            *bool   `json:"nsfw"`
	LanguageID      *int    `json:"language_id"`
	CustomThumbnail *string `json:"custom_thumbnail"`
}

// DeletePost is Lemmy's DeletePost.
type DeletePost struct {
	PostID  int64 `json:"post_id"`
	Deleted bool  `json:"deleted"`
}

// CreatePostLike is Lemmy's CreatePostLike.
type CreatePostLike struct {
	PostID int64 `json:"post_id"`
	Score  int   `json:"score"`
}

// CreatePostReport is Lemmy's CreatePostReport.
type CreatePostReport struct {
	PostID int64  `json:"post_id"`
	Reason string `json:"reason"`
}

// PostReportResponse is Lemmy's PostReportResponse.
type PostReportResponse struct {
	PostReportView model.PostReportView `json:"post_report_view"`
}

// SavePost is Lemmy's SavePost.
type SavePost struct {
	PostID int64 `json:"post_id"`
	Save   bool  `json:"save"`
}

// MarkPostAsRead is Lemmy's MarkPostAsRead: post_ids since 0.19.1,
// post_id before.
type MarkPostAsRead struct {
	PostID  int64   `json:"post_id"`
	PostIDs []int64 `json:"post_ids"`
	Read    bool    `json:"read"`
}

// HidePost is Lemmy's HidePost.
type HidePost struct {
	PostIDs []int64 `json:"post_ids"`
	Hide    bool    `json:"hide"`
}

// RemovePost is Lemmy's RemovePost.
type RemovePost struct {
	PostID  int64   `json:"post_id"`
	Removed bool    `json:"removed"`
	Reason  *string `json:"reason"`
}

// LockPost is Lemmy's LockPost.
type LockPost struct {
	PostID int64 `json:"post_id"`
	Locked bool  `json:"locked"`
}

// FeaturePost is Lemmy's FeaturePost: feature_type is Community or Local.
type FeaturePost struct {
	PostID      int64  `json:"post_id"`
	Featured    bool   `json:"featured"`
	FeatureType string `json:"feature_type"`
}

// ListPostReportsResponse is Lemmy's ListPostReportsResponse.
type ListPostReportsResponse struct {
	PostReports []model.PostReportView `json:"post_reports"`
}

// ResolveReport is Lemmy's ResolvePostReport.
type ResolveReport struct {
	ReportID int64 `json:"report_id"`
	Resolved bool  `json:"resolved"`
}

// GetSiteMetadataResponse is Lemmy's GetSiteMetadataResponse.
type GetSiteMetadataResponse struct {
	Metadata LinkMetadata `json:"metadata"`
}

// LinkMetadata is Lemmy's LinkMetadata: what a link says about itself.
type LinkMetadata struct {
	Title         *string `json:"title,omitempty"`
	Description   *string `json:"description,omitempty"`
	Image         *string `json:"image,omitempty"`
	EmbedVideoURL *string `json:"embed_video_url,omitempty"`
	ContentType   *string `json:"content_type,omitempty"`
}
