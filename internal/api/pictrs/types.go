package pictrs

// UploadResponse is pict-rs's answer to an upload, as lemmy-js-client's
// uploadImage reads it (UploadImageResponse without the url and
// delete_url it adds itself): msg is "ok", or what went wrong.
type UploadResponse struct {
	Msg   string      `json:"msg"`
	Files []ImageFile `json:"files,omitempty"`
}

// ImageFile is Lemmy's ImageFile: the file's name under /pictrs/image/
// and the token that deletes it.
type ImageFile struct {
	File        string `json:"file"`
	DeleteToken string `json:"delete_token"`
}
