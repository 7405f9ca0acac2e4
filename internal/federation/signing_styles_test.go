package federation_test

import (
	"crypto/rsa"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	gofed "github.com/go-fed/httpsig"
)

// signStyle is how one software signs the activities it POSTs: the
// algorithm it names, the headers it signs, in its order, and where its
// actors' keys are. All of them sign with RSA-SHA256.
type signStyle struct {
	algorithm string
	headers   []string
	keySuffix string // appended to the actor's id to make the keyId
}

var (
	// Lemmy sorts the headers it signs, and says hs2019.
	lemmySigns = signStyle{"hs2019", []string{gofed.RequestTarget, "content-type", "date", "digest", "host"}, "#main-key"}
	// Mastodon, and PieFed after it, sign the content type last.
	mastodonSigns = signStyle{"rsa-sha256", []string{gofed.RequestTarget, "host", "date", "digest", "content-type"}, "#main-key"}
	signStyles    = map[string]signStyle{
		"lemmy":      lemmySigns,
		"lemmy-0.19": lemmySigns,
		"mbin":       {"rsa-sha256", []string{gofed.RequestTarget, "date", "host", "digest"}, "#main-key"},
		"piefed":     mastodonSigns,
		"mastodon":   mastodonSigns,
		// GoToSocial's keys live at ACTOR/main-key.
		"gotosocial": {"hs2019", []string{gofed.RequestTarget, "host", "date", "digest"}, "/main-key"},
		"misskey":    {"rsa-sha256", []string{gofed.RequestTarget, "date", "host", "digest"}, "#main-key"},
		// Akkoma, as Pleroma, signs the body's length too.
		"akkoma": {"rsa-sha256", []string{gofed.RequestTarget, "content-length", "date", "digest", "host"}, "#main-key"},
	}
)

// signStyleOf is how the software of a corpus folder signs.
func signStyleOf(dir string) signStyle {
	s, ok := signStyles[dir]
	if !ok {
		panic("no signing style for " + dir)
	}
	return s
}

// sign signs a POST of body as the style says, with go-fed directly: our
// own Signer signs only as we do.
func (s signStyle) sign(req *http.Request, body []byte, keyID string, key *rsa.PrivateKey) error {
	req.Header.Set("Content-Type", "application/activity+json")
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	// go-fed reads these from the header map; net/http sends req.Host and
	// req.ContentLength.
	req.Header.Set("Host", req.URL.Host)
	defer req.Header.Del("Host")
	req.Header.Set("Content-Length", strconv.Itoa(len(body)))
	defer req.Header.Del("Content-Length")
	signer, _, err := gofed.NewSigner([]gofed.Algorithm{gofed.RSA_SHA256}, gofed.DigestSha256, s.headers, gofed.Signature, 0)
	if err != nil {
		return err
	}
	if err := signer.SignRequest(key, keyID, req, body); err != nil {
		return err
	}
	sig := req.Header.Get("Signature")
	if !strings.Contains(sig, `algorithm="hs2019"`) {
		return fmt.Errorf("go-fed no longer writes hs2019: %s", sig)
	}
	// The algorithm is not signed: name it as the software does.
	req.Header.Set("Signature", strings.Replace(sig, `algorithm="hs2019"`, `algorithm="`+s.algorithm+`"`, 1))
	return nil
}
