package federation_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/store"
)

func TestInboxRevivesADeadInstance(t *testing.T) {
	t.Parallel()
	rm, l := newSender(t), newLocal(t)
	ctx := context.Background()
	host := strings.TrimPrefix(rm.url, "http://")
	if _, err := l.st.RecordDeliveryFailure(ctx, host, time.Now().Add(-100*time.Hour), 72*time.Hour); err != nil {
		t.Fatal(err)
	}
	if in, err := l.st.RecordDeliveryFailure(ctx, host, time.Now(), 72*time.Hour); err != nil || !in.Dead {
		t.Fatalf("setting up a dead instance: %+v, %v", in, err)
	}
	// Refused before the signature is checked: says nothing of the sender.
	follow := activity(map[string]any{"id": rm.url + "/activities/follow/1", "type": "Follow",
		"actor": rm.bob, "object": l.community.APID})
	if code, _ := l.post(t, "/inbox", follow, nil); code != http.StatusUnauthorized {
		t.Fatalf("unsigned: %d", code)
	}
	if in, _ := l.st.InstanceByDomain(ctx, host); !in.Dead {
		t.Fatal("an unsigned request revived the instance")
	}
	if code, body := l.post(t, "/inbox", follow, rm.signer); code != http.StatusAccepted {
		t.Fatalf("Follow: %d %s", code, body)
	}
	if in, err := l.st.InstanceByDomain(ctx, host); err != nil || in.Dead || in.FailingSince != nil {
		t.Errorf("after a signed activity: %+v, %v; want alive", in, err)
	}
}

func TestResolverRefusesInstancesOffTheAllowList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.servePerson(remoteKey().pubPEM)
	mode := store.FederationAllowList
	if err := e.st.UpdateSite(e.ctx, store.SiteSettings{FederationMode: &mode}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); !errors.Is(err, federation.ErrBlocked) {
		t.Errorf("unknown instance in allow-list mode: err = %v, want ErrBlocked", err)
	}
	if n := e.remote.hitsOf(personPath); n != 0 {
		t.Errorf("an instance off the allow-list was fetched from %d times", n)
	}
	if _, err := e.st.AddInstance(e.ctx, e.remote.host()); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetInstanceAllowed(e.ctx, e.remote.host(), true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); err != nil {
		t.Fatalf("allowed: %v", err)
	}
	// Stored, then taken off the list: refused all the same.
	if err := e.st.SetInstanceAllowed(e.ctx, e.remote.host(), false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); !errors.Is(err, federation.ErrBlocked) {
		t.Errorf("stored actor, instance off the list: err = %v, want ErrBlocked", err)
	}
}
