package fedtest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// PostFile sends a multipart form with one file in field, as a browser
// does from one of the instance's pages.
func (c *Client) PostFile(t testing.TB, path string, fields url.Values, field, filename string, data []byte) Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	w, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return c.do(t, http.MethodPost, path, &body, http.Header{
		"Content-Type":   {mw.FormDataContentType()},
		"Origin":         {c.in.URL},
		"Sec-Fetch-Site": {"same-origin"},
	})
}

var savedImage = regexp.MustCompile(`<code id="saved-markdown">!\[\]\(([^)]+)\)</code>`)

// UploadPicture uploads data from /settings/pictures for purpose (avatar,
// banner or markdown) and answers the stored image's address.
func (c *Client) UploadPicture(t testing.TB, purpose string, data []byte) string {
	t.Helper()
	resp := c.PostFile(t, "/settings/pictures", url.Values{"purpose": {purpose}}, "image", "picture.jpg", data)
	if resp.Status != http.StatusSeeOther {
		t.Fatalf("fedtest: upload a %s: %d\n%s", purpose, resp.Status, resp.Body)
	}
	page := c.Get(t, resp.Location)
	m := savedImage.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("fedtest: the page after the upload names no image\n%s", page.Body)
	}
	return m[1]
}
