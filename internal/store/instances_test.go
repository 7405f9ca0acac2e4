package store_test

import (
	"context"
	"errors"
	"testing"

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
