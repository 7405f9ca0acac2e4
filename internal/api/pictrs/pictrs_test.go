package pictrs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 13), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// upload sends data as lemmy-js-client's uploadImage does.
func upload(s *apitest.Server, token string, field string, data []byte) (apitest.Response, uploadResponse) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile(field, "image.jpg")
	_, _ = fw.Write(data)
	_ = mw.Close()
	h := http.Header{"Content-Type": {mw.FormDataContentType()}}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	resp := s.Raw(http.MethodPost, "/pictrs/image", h, &body)
	var out uploadResponse
	_ = json.Unmarshal(resp.Body, &out)
	return resp, out
}

type uploadResponse struct {
	Msg   string `json:"msg"`
	Files []struct {
		File        string `json:"file"`
		DeleteToken string `json:"delete_token"`
	} `json:"files"`
}

func bearer(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

func TestUploadAndDelete(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	s.User("alice")
	s.User("bob")
	alice, bob := s.Login("alice"), s.Login("bob")

	resp, up := upload(s, alice, "images[]", pngBytes(t, 40, 30))
	if resp.Status != http.StatusCreated || up.Msg != "ok" || len(up.Files) != 1 || up.Files[0].DeleteToken == "" {
		t.Fatalf("upload: %d %s", resp.Status, resp.Body)
	}
	f := up.Files[0]
	if got := s.Raw(http.MethodGet, "/pictrs/image/"+f.File, nil, nil); got.Status != http.StatusOK ||
		!strings.HasPrefix(got.Header.Get("Content-Type"), "image/") {
		t.Fatalf("the upload is not served: %d %s", got.Status, got.Header.Get("Content-Type"))
	}

	// Another file's token, a forged one, someone else, nobody: refused,
	// and the image stays.
	_, other := upload(s, alice, "images[]", pngBytes(t, 20, 20))
	for _, c := range []struct {
		name, path, token string
		status            int
	}{
		{"another file's token", "/pictrs/image/delete/" + other.Files[0].DeleteToken + "/" + f.File, alice, http.StatusForbidden},
		{"a forged token", "/pictrs/image/delete/1.AAAA/" + f.File, alice, http.StatusForbidden},
		{"not a token", "/pictrs/image/delete/nonsense/" + f.File, alice, http.StatusForbidden},
		{"someone else", "/pictrs/image/delete/" + f.DeleteToken + "/" + f.File, bob, http.StatusForbidden},
		{"logged out", "/pictrs/image/delete/" + f.DeleteToken + "/" + f.File, "", http.StatusUnauthorized},
	} {
		h := http.Header{}
		if c.token != "" {
			h = bearer(c.token)
		}
		got := s.Raw(http.MethodGet, c.path, h, nil)
		var body uploadResponse
		if err := json.Unmarshal(got.Body, &body); err != nil || got.Status != c.status || body.Msg == "" {
			t.Errorf("%s: %d %s; want %d with a msg", c.name, got.Status, got.Body, c.status)
		}
	}
	if got := s.Raw(http.MethodGet, "/pictrs/image/"+f.File, nil, nil); got.Status != http.StatusOK {
		t.Fatalf("a refused deletion deleted the image: %d", got.Status)
	}

	got := s.Raw(http.MethodGet, "/pictrs/image/delete/"+f.DeleteToken+"/"+f.File, bearer(alice), nil)
	if got.Status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", got.Status, got.Body)
	}
	if got := s.Raw(http.MethodGet, "/pictrs/image/"+f.File, nil, nil); got.Status != http.StatusNotFound {
		t.Errorf("the deleted image is still served: %d", got.Status)
	}
	if got := s.Raw(http.MethodGet, "/pictrs/image/delete/"+f.DeleteToken+"/"+f.File, bearer(alice), nil); got.Status != http.StatusNotFound {
		t.Errorf("deleting again: %d %s", got.Status, got.Body)
	}
}

func TestUploadRefusals(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	s.User("alice")
	carol := s.User("carol")
	alice, carolToken := s.Login("alice"), s.Login("carol")
	if err := s.Forum.SetImageLimits(ctx, forum.Operator, media.Limits{MaxBytes: 8 << 10, MaxPixels: 1_000_000}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.BanFromSite(ctx, forum.Operator, carol.ID, forum.SiteBan{Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, token, field string
		data               []byte
		status             int
		msg                string
	}{
		{"not an image", alice, "images[]", []byte("<html>hello</html>"), http.StatusBadRequest, ""},
		{"too big", alice, "images[]", bytes.Repeat([]byte{1}, 200<<10), http.StatusRequestEntityTooLarge, "too_large"},
		{"another field", alice, "file", pngBytes(t, 10, 10), http.StatusBadRequest, ""},
		{"logged out", "", "images[]", pngBytes(t, 10, 10), http.StatusUnauthorized, "not_logged_in"},
		{"banned", carolToken, "images[]", pngBytes(t, 10, 10), http.StatusBadRequest, "site_ban"},
		{"forged token", alice + "x", "images[]", pngBytes(t, 10, 10), http.StatusUnauthorized, "not_logged_in"},
	} {
		resp, out := upload(s, c.token, c.field, c.data)
		if resp.Status != c.status || out.Msg == "" || out.Msg == "ok" || (c.msg != "" && out.Msg != c.msg) || len(out.Files) != 0 {
			t.Errorf("%s: %d %s; want %d %q", c.name, resp.Status, resp.Body, c.status, c.msg)
		}
	}
	ups, err := s.Forum.Uploads(ctx, s.User("dave"))
	if err != nil || len(ups) != 0 {
		t.Fatalf("uploads: %v %v", ups, err)
	}
	var n int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM images`).Scan(&n); err != nil || n != 0 {
		t.Errorf("a refused upload stored %d images (%v)", n, err)
	}
}
