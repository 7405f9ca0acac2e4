package comment

import "github.com/tidings/tidings/internal/api/model"

// GetCommentsResponse is Lemmy's GetCommentsResponse.
type GetCommentsResponse struct {
	Comments []model.CommentView `json:"comments"`
}

// CreateComment is Lemmy's CreateComment.
type CreateComment struct {
	Content    string `json:"content"`
	PostID     int64  `json:"post_id"`
	ParentID   int64  `json:"parent_id"`
	LanguageID *int   `json:"language_id"`
}

// EditComment is Lemmy's EditComment.
type EditComment struct {
	CommentID  int64   `json:"comment_id"`
	Content    *string `json:"content"`
	LanguageID *int    `json:"language_id"`
}

// DeleteComment is Lemmy's DeleteComment.
type DeleteComment struct {
	CommentID int64 `json:"comment_id"`
	Deleted   bool  `json:"deleted"`
}

// CreateCommentLike is Lemmy's CreateCommentLike.
type CreateCommentLike struct {
	CommentID int64 `json:"comment_id"`
	Score     int   `json:"score"`
}

// CreateCommentReport is Lemmy's CreateCommentReport.
type CreateCommentReport struct {
	CommentID int64  `json:"comment_id"`
	Reason    string `json:"reason"`
}

// CommentReportResponse is Lemmy's CommentReportResponse.
type CommentReportResponse struct {
	CommentReportView model.CommentReportView `json:"comment_report_view"`
}

// SaveComment is Lemmy's SaveComment.
type SaveComment struct {
	CommentID int64 `json:"comment_id"`
	Save      bool  `json:"save"`
}

// RemoveComment is Lemmy's RemoveComment.
type RemoveComment struct {
	CommentID int64   `json:"comment_id"`
	Removed   bool    `json:"removed"`
	Reason    *string `json:"reason"`
}

// DistinguishComment is Lemmy's DistinguishComment.
type DistinguishComment struct {
	CommentID     int64 `json:"comment_id"`
	Distinguished bool  `json:"distinguished"`
}

// ListCommentReportsResponse is Lemmy's ListCommentReportsResponse.
type ListCommentReportsResponse struct {
	CommentReports []model.CommentReportView `json:"comment_reports"`
}

// ResolveReport is Lemmy's ResolveCommentReport.
type ResolveReport struct {
	ReportID int64 `json:"report_id"`
	Resolved bool  `json:"resolved"`
}
