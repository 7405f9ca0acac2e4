package webtest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
)

// File is one file of a multipart form.
type File struct {
	Name string // the file name the browser sends
	Data []byte
}

// PostMultipart sends a multipart form (fields and files, by field name)
// as a same-origin browser would.
func (c *Client) PostMultipart(path string, fields url.Values, files map[string]File) Response {
	c.s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for field, f := range files {
		// Browsers claim a type from the name; we send a misleading one,
		// which the server must ignore.
		w, err := mw.CreateFormFile(field, f.Name)
		if err != nil {
			c.s.t.Fatal(err)
		}
		_, _ = w.Write(f.Data)
	}
	if err := mw.Close(); err != nil {
		c.s.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.s.URL+path, &body)
	if err != nil {
		c.s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", c.s.URL)
	resp, err := c.Do(req)
	if err != nil {
		c.s.t.Fatal(err)
	}
	return read(c.s.t, resp)
}
