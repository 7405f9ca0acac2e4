package cli

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/db"
)

func migrateUp(pool *pgxpool.Pool) (int, error) {
	m, err := db.NewMigrator(pool)
	if err != nil {
		return 0, err
	}
	defer m.Close()
	return m.Up()
}

func runMigrateUp(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Apply every pending migration.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	_, pool, err := openDB(ctx, sys)
	if err != nil {
		return err
	}
	defer pool.Close()
	n, err := migrateUp(pool)
	if err != nil {
		return err
	}
	st, err := db.CheckSchema(ctx, pool)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(sys.Stdout, "schema already current (version %d)\n", st.Current)
		return nil
	}
	fmt.Fprintf(sys.Stdout, "applied %d migration(s); schema at version %d\n", n, st.Current)
	return nil
}

func runMigrateDown(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "N|all", "Revert the newest N migrations, or all of them. Reverting drops the data those migrations hold.")
	pos, err := parse(fs, args, 1, "the number of migrations to revert, or all")
	if err != nil {
		return err
	}
	n := -1
	if pos[0] != "all" {
		n, err = strconv.Atoi(pos[0])
		if err != nil || n < 1 {
			return usagef("%s: %q is not a positive number or all", path, pos[0])
		}
	}
	_, pool, err := openDB(ctx, sys)
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := db.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Down(n); err != nil {
		return err
	}
	st, err := db.CheckSchema(ctx, pool)
	if err != nil {
		return err
	}
	fmt.Fprintf(sys.Stdout, "schema now at version %d\n", st.Current)
	return nil
}

func runMigrateStatus(ctx context.Context, sys *IO, args []string, path string) error {
	fs := flagSet(sys, path, "", "Show which migrations are applied and which are pending.")
	if _, err := parse(fs, args, 0, ""); err != nil {
		return err
	}
	_, pool, err := openDB(ctx, sys)
	if err != nil {
		return err
	}
	defer pool.Close()
	st, err := db.CheckSchema(ctx, pool)
	if err != nil {
		return err
	}
	ms, err := db.Migrations()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(sys.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tNAME\tSTATE")
	for _, m := range ms {
		state := "pending"
		switch {
		case m.Version == st.Current && st.Dirty:
			state = "FAILED (dirty)"
		case m.Version <= st.Current:
			state = "applied"
		}
		fmt.Fprintf(tw, "%06d\t%s\t%s\n", m.Version, m.Name, state)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	fmt.Fprintf(sys.Stdout, "job queue (River) schema: version %d of %d\n", st.RiverCurrent, st.RiverLatest)
	fmt.Fprintln(sys.Stdout, st.Describe())
	return nil
}
