package reports

// GetReportCountResponse is Lemmy's GetReportCountResponse.
type GetReportCountResponse struct {
	CommunityID           *int64 `json:"community_id,omitempty"`
	CommentReports        int    `json:"comment_reports"`
	PostReports           int    `json:"post_reports"`
	PrivateMessageReports *int   `json:"private_message_reports,omitempty"`
}

// ListPrivateMessageReportsResponse is Lemmy's
// ListPrivateMessageReportsResponse.
type ListPrivateMessageReportsResponse struct {
	PrivateMessageReports []struct{} `json:"private_message_reports"`
}

// ResolvePrivateMessageReport is Lemmy's ResolvePrivateMessageReport.
type ResolvePrivateMessageReport struct {
	ReportID int64 `json:"report_id"`
	Resolved bool  `json:"resolved"`
}
