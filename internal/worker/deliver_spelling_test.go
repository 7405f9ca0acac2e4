package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// An instance blocked as 127.0.0.1:PORT gets nothing addressed to another
// spelling of it: an IPv4-mapped IPv6 literal, or the short IPv4 form.
func TestDeliverRefusesABlockedInstanceUnderAnotherSpelling(t *testing.T) {
	t.Parallel()
	st, _ := newKeyStore(t)
	w := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP()}}
	in := newInbox(t, http.StatusAccepted)
	_, port, _ := net.SplitHostPort(in.Listener.Addr().String())
	if _, err := st.AddInstance(context.Background(), "127.0.0.1:"+port); err != nil {
		t.Fatal(err)
	}
	if err := st.SetInstanceBlocked(context.Background(), "127.0.0.1:"+port, true); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"http://[::ffff:127.0.0.1]:" + port, "http://127.1:" + port, "http://127.0.0.1:0" + port} {
		args := forum.DeliverArgs{Inbox: base + "/inbox", Actor: alice, Activity: json.RawMessage(fmt.Sprintf(activity, alice))}
		if err := workAt(w, args, time.Now()); kindOf(err) != "cancelled" {
			t.Errorf("delivery to %s: %s (%v), want cancelled", args.Inbox, kindOf(err), err)
		}
	}
	if n := len(in.requests()); n != 0 {
		t.Errorf("the blocked inbox received %d requests", n)
	}
}
