package e2e_test

import (
	"bytes"
	"image"
	_ "image/jpeg"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
	"github.com/tidings/tidings/internal/media/mediatest"
)

// Two `tidings serve` processes of one instance, as on two machines
// behind one name, share uploads through a real S3 server: an avatar
// uploaded through the first is served by the second, byte for byte, and
// other servers see it as the Person's icon. The time from sending the
// upload to the second process serving it is logged.
func TestTwoProcessesShareUploadsThroughS3(t *testing.T) {
	t.Parallel()
	s3 := mediatest.StartS3(t)
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.22", Env: map[string]string{
		"TIDINGS_S3_ENDPOINT":   s3.Endpoint,
		"TIDINGS_S3_BUCKET":     s3.Bucket,
		"TIDINGS_S3_REGION":     s3.Region,
		"TIDINGS_S3_ACCESS_KEY": s3.AccessKey,
		"TIDINGS_S3_SECRET_KEY": s3.SecretKey,
	}})
	second := a.StartProcess(t, "127.0.0.23")
	a.CreateUser(t, "pia", "correct horse battery")
	pia := a.Login(t, "pia", "correct horse battery")

	start := time.Now()
	avatar := pia.UploadPicture(t, "avatar", mediatest.JPEGWithGPS(1200, 900))
	path, ok := strings.CutPrefix(avatar, a.URL)
	if !ok || !strings.HasPrefix(path, "/pictrs/image/") {
		t.Fatalf("avatar stored at %s", avatar)
	}
	var viaSecond fedtest.Response
	fedtest.WaitFor(t, 10*time.Second, "the second process serves the avatar", func() (bool, string) {
		viaSecond = pia.Via(second).Get(t, path)
		return viaSecond.Status == http.StatusOK, "status " + http.StatusText(viaSecond.Status)
	})
	t.Logf("upload to visible through the other process: %s", time.Since(start).Round(time.Millisecond))

	viaFirst := pia.Get(t, path)
	if viaFirst.Body != viaSecond.Body || viaSecond.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("the processes serve different files (%d and %d bytes, %s)", len(viaFirst.Body), len(viaSecond.Body),
			viaSecond.Header.Get("Content-Type"))
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader([]byte(viaSecond.Body)))
	if err != nil || cfg.Width != 900 || cfg.Height != 1200 {
		t.Fatalf("served avatar %d×%d (%v), want the photo turned upright, 900×1200", cfg.Width, cfg.Height, err)
	}
	if strings.Contains(viaSecond.Body, mediatest.CameraMake) {
		t.Fatal("the served avatar still names the camera")
	}

	var person struct {
		Icon struct {
			Type string `json:"type"`
			URL  string `json:"url"`
		} `json:"icon"`
	}
	pia.Via(second).GetActivity(t, "/u/pia", &person)
	if person.Icon.Type != "Image" || person.Icon.URL != avatar {
		t.Fatalf("the Person's icon is %+v, want Image %s", person.Icon, avatar)
	}
}
