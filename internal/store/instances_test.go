package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/store"
)

func TestUpsertInstanceIsIdempotentAndLowerCases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(dbtest.New(t))

	first, err := st.UpsertInstance(ctx, "Lemmy.Example")
	if err != nil {
		t.Fatalf("first upsert: %v", err)
	}
	if first.Domain != "lemmy.example" {
		t.Errorf("domain = %q, want lemmy.example", first.Domain)
	}
	for _, d := range []string{"lemmy.example", "LEMMY.EXAMPLE"} {
		again, err := st.UpsertInstance(ctx, d)
		if err != nil {
			t.Fatalf("upsert %s: %v", d, err)
		}
		if again.ID != first.ID {
			t.Errorf("upsert %s: id %d, want the first id %d", d, again.ID, first.ID)
		}
		if again.LastSeenAt.Before(first.LastSeenAt) {
			t.Errorf("upsert %s: last seen went back from %v to %v", d, first.LastSeenAt, again.LastSeenAt)
		}
	}
	other, err := st.UpsertInstance(ctx, "mbin.example")
	if err != nil {
		t.Fatal(err)
	}
	if other.ID == first.ID {
		t.Errorf("another domain got the same id %d", other.ID)
	}

	all, err := st.ListInstances(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var domains []string
	for _, in := range all {
		domains = append(domains, in.Domain)
	}
	if len(domains) != 2 || domains[0] != "lemmy.example" || domains[1] != "mbin.example" {
		t.Errorf("ListInstances = %v, want [lemmy.example mbin.example]", domains)
	}

	got, err := st.InstanceByDomain(ctx, "LEMMY.example")
	if err != nil || got.ID != first.ID {
		t.Errorf("InstanceByDomain(LEMMY.example) = %d, %v; want %d", got.ID, err, first.ID)
	}
	if _, err := st.InstanceByDomain(ctx, "unknown.example"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("InstanceByDomain(unknown) err = %v, want ErrNotFound", err)
	}
}

func TestUpsertInstanceRefusesEmptyDomain(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.New(t))
	if _, err := st.UpsertInstance(context.Background(), ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("UpsertInstance(\"\") err = %v, want ErrInvalid", err)
	}
}

func TestSetInstanceBlocked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	if _, err := st.UpsertInstance(ctx, "spam.example"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetInstanceBlocked(ctx, "SPAM.example", true); err != nil {
		t.Fatalf("block: %v", err)
	}
	got, err := st.InstanceByDomain(ctx, "spam.example")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Blocked {
		t.Errorf("instance not blocked after SetInstanceBlocked")
	}
	if err := st.SetInstanceBlocked(ctx, "never.example", true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("block unknown instance: err = %v, want ErrNotFound", err)
	}
}

func TestInstanceDeliveryStateTransitions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	const deadAfter = 72 * time.Hour
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	get := func() store.Instance {
		t.Helper()
		in, err := st.InstanceByDomain(ctx, "down.example")
		if err != nil {
			t.Fatal(err)
		}
		return in
	}

	// A failure to a host never heard of records it, failing from then.
	in, err := st.RecordDeliveryFailure(ctx, "Down.Example", t0, deadAfter)
	if err != nil {
		t.Fatal(err)
	}
	if in.Domain != "down.example" || in.FailingSince == nil || !in.FailingSince.Equal(t0) || in.Dead {
		t.Fatalf("after the first failure: %+v", in)
	}
	// Later failures keep the first failure's time; just short of the
	// limit it is not dead yet; at the limit it is.
	if in, err = st.RecordDeliveryFailure(ctx, "down.example", t0.Add(deadAfter-time.Second), deadAfter); err != nil || in.Dead || !in.FailingSince.Equal(t0) {
		t.Fatalf("just short of the limit: %+v, %v", in, err)
	}
	if in, err = st.RecordDeliveryFailure(ctx, "down.example", t0.Add(deadAfter), deadAfter); err != nil || !in.Dead || !in.FailingSince.Equal(t0) {
		t.Fatalf("at the limit: %+v, %v", in, err)
	}

	// Hearing from it clears both.
	if err := st.MarkInstanceAlive(ctx, "DOWN.example"); err != nil {
		t.Fatal(err)
	}
	if in := get(); in.Dead || in.FailingSince != nil {
		t.Errorf("after an activity from it: %+v", in)
	}
	// Alive for a host never heard of is nothing.
	if err := st.MarkInstanceAlive(ctx, "never.example"); err != nil {
		t.Errorf("alive, unknown host: %v", err)
	}
	if _, err := st.InstanceByDomain(ctx, "never.example"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("marking an unknown host alive recorded it: %v", err)
	}

	// A success clears the failing state and records the time.
	t1 := t0.Add(100 * time.Hour)
	if _, err := st.RecordDeliveryFailure(ctx, "down.example", t1, deadAfter); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordDeliverySuccess(ctx, "down.example", t1.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if in := get(); in.FailingSince != nil || in.Dead || in.LastSuccessAt == nil || !in.LastSuccessAt.Equal(t1.Add(time.Minute)) {
		t.Errorf("after a success: %+v", in)
	}
	// So does a fetch from it (UpsertInstance), after it was dead.
	if _, err := st.RecordDeliveryFailure(ctx, "down.example", t1, 0); err != nil {
		t.Fatal(err)
	}
	if in := get(); !in.Dead {
		t.Fatalf("not dead: %+v", in)
	}
	if in, err := st.UpsertInstance(ctx, "down.example"); err != nil || in.Dead || in.FailingSince != nil {
		t.Errorf("after a fetch: %+v, %v", in, err)
	}

	// An admin's retry clears it too, and records when.
	if _, err := st.RecordDeliveryFailure(ctx, "down.example", t1, 0); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(time.Hour)
	if in, err := st.ReviveInstance(ctx, "down.example", t2); err != nil || in.Dead || in.FailingSince != nil ||
		in.RetriedAt == nil || !in.RetriedAt.Equal(t2) {
		t.Errorf("after a retry: %+v, %v", in, err)
	}
	if _, err := st.ReviveInstance(ctx, "never.example", t2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("retry of an unknown host: %v, want ErrNotFound", err)
	}

	// A success to a host never heard of records it.
	if err := st.RecordDeliverySuccess(ctx, "fine.example", t2); err != nil {
		t.Fatal(err)
	}
	if in, err := st.InstanceByDomain(ctx, "fine.example"); err != nil || in.LastSuccessAt == nil || in.FailingSince != nil {
		t.Errorf("fine.example: %+v, %v", in, err)
	}
}

func TestInstanceRefusedInAllowListMode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	if err := st.InitSite(ctx, "home.example", "pub", "priv"); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"home.example", "friend.example", "stranger.example", "spam.example"} {
		if _, err := st.AddInstance(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetInstanceAllowed(ctx, "friend.example", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetInstanceBlocked(ctx, "spam.example", true); err != nil {
		t.Fatal(err)
	}
	refused := func(d string) bool {
		t.Helper()
		in, err := st.InstanceState(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		return in.Refused
	}
	want := map[string]bool{"home.example": false, "friend.example": false, "stranger.example": false,
		"spam.example": true, "unknown.example": false}
	for d, w := range want {
		if got := refused(d); got != w {
			t.Errorf("open mode: %s refused = %v, want %v", d, got, w)
		}
	}
	mode := store.FederationAllowList
	if err := st.UpdateSite(ctx, store.SiteSettings{FederationMode: &mode}); err != nil {
		t.Fatal(err)
	}
	want["stranger.example"], want["unknown.example"] = true, true
	for d, w := range want {
		if got := refused(d); got != w {
			t.Errorf("allow-list mode: %s refused = %v, want %v", d, got, w)
		}
	}

	// Allowing a blocked instance unblocks it; blocking an allowed one
	// takes it off the list.
	if err := st.SetInstanceAllowed(ctx, "spam.example", true); err != nil {
		t.Fatal(err)
	}
	if in, _ := st.InstanceByDomain(ctx, "spam.example"); in.Blocked || !in.Allowed || in.Refused {
		t.Errorf("allowed after a block: %+v", in)
	}
	if err := st.SetInstanceBlocked(ctx, "friend.example", true); err != nil {
		t.Fatal(err)
	}
	if in, _ := st.InstanceByDomain(ctx, "friend.example"); !in.Blocked || in.Allowed || !in.Refused {
		t.Errorf("blocked after an allow: %+v", in)
	}
	if err := st.SetInstanceAllowed(ctx, "nobody.example", true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("allow an unknown instance: %v, want ErrNotFound", err)
	}
}
