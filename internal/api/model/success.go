package model

// SuccessResponse is Lemmy's SuccessResponse, the answer of an action
// with nothing else to tell.
type SuccessResponse struct {
	Success bool `json:"success"`
}
