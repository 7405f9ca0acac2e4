package federation_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
)

// A sender whose signatures keep failing is refused before they are
// checked, with a 429 that says why; another server is not.
func TestInboxRefusesASenderOfBadSignatures(t *testing.T) {
	t.Parallel()
	forger, other, l := newSender(t), newSender(t), newLocal(t)
	// bob's key id, signed with another key.
	forged, err := httpsig.NewSigner(forger.bob+"#main-key", other.priv)
	if err != nil {
		t.Fatal(err)
	}
	follow := func(s *sender, n int) []byte {
		return activity(map[string]any{"id": s.url + "/activities/follow/" + strconv.Itoa(n), "type": "Follow",
			"actor": s.bob, "object": l.community.APID})
	}
	// Sent faster than the limit refills, until it is reached.
	var mu sync.Mutex
	var refused, limited int
	var limitedBody string
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			for i := 0; i < 200; i++ {
				code, body := l.post(t, "/inbox", follow(forger, w*200+i), forged)
				mu.Lock()
				switch code {
				case http.StatusUnauthorized:
					refused++
				case http.StatusTooManyRequests:
					limited++
					limitedBody = body
				default:
					t.Errorf("bad signature: %d %s, want 401 or 429", code, body)
				}
				done := limited > 0
				mu.Unlock()
				if done {
					return
				}
			}
		})
	}
	wg.Wait()
	if limited == 0 || refused < federation.BadSignatureBurst {
		t.Errorf("%d bad signatures refused 401, %d 429: want %d or more 401, then 429", refused, limited, federation.BadSignatureBurst)
	}
	if !strings.Contains(limitedBody, "signatures that did not verify") {
		t.Errorf("the 429 says %q, not why", limitedBody)
	}
	if code, body := l.post(t, "/inbox", follow(other, 0), other.signer); code != http.StatusAccepted {
		t.Errorf("another server meanwhile: %d %s, want 202", code, body)
	}
}
