package store_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

func TestInTxCommitsOrRollsBackEverything(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	boom := errors.New("boom")

	err := f.st.InTx(f.ctx, func(tx *store.Store) error {
		if _, err := tx.InsertPerson(f.ctx, localPerson(f.local.ID, "rolled")); err != nil {
			return err
		}
		// A nested call joins the outer transaction, so its work goes too.
		if err := tx.InTx(f.ctx, func(inner *store.Store) error {
			_, err := inner.InsertPerson(f.ctx, localPerson(f.local.ID, "inner"))
			return err
		}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx err = %v, want the function's error", err)
	}
	for _, name := range []string{"rolled", "inner"} {
		if _, err := f.st.LocalPersonByName(f.ctx, name); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s after rollback: err = %v, want ErrNotFound", name, err)
		}
	}

	must(t, f.st.InTx(f.ctx, func(tx *store.Store) error {
		_, err := tx.InsertPerson(f.ctx, localPerson(f.local.ID, "kept"))
		return err
	}))
	if _, err := f.st.LocalPersonByName(f.ctx, "kept"); err != nil {
		t.Errorf("kept after commit: %v", err)
	}
}
