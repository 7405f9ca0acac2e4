package store_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/store"
)

// alternate runs ref and f in turn for the benchmark's iterations and
// returns how many times ref's time f took.
func alternate(b *testing.B, ref, f func() error) float64 {
	for range 5 { // warm both plans
		if err := errors.Join(ref(), f()); err != nil {
			b.Fatal(err)
		}
	}
	var refTook, took time.Duration
	for b.Loop() {
		t0 := time.Now()
		if err := ref(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		refTook, took = refTook+t1.Sub(t0), took+time.Since(t1)
	}
	return float64(took) / float64(refTook)
}

// BenchmarkListPostsAtScale reads front pages from a table of many posts
// (TIDINGS_BENCH_POSTS, default 1,000,000) and reports each sort's time as a
// multiple of a primary-key lookup measured in the same run, since absolute
// times on a shared machine mean little.
//
//	make test PKG=./internal/store TESTFLAGS='-run ^$ -bench ListPostsAtScale -benchtime 200x'
func BenchmarkListPostsAtScale(b *testing.B) {
	n := 1_000_000
	if s := os.Getenv("TIDINGS_BENCH_POSTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	pool := dbtest.New(b)
	st := store.New(pool)
	start := time.Now()
	seed := `
		INSERT INTO instances (domain) VALUES ('bench.example');
		INSERT INTO people (ap_id, instance_id, local, name, inbox_url, public_key_pem)
			SELECT 'https://bench.example/u/p' || g, 1, false, 'p' || g, 'https://bench.example/inbox', 'k'
			FROM generate_series(1, 1000) g;
		INSERT INTO communities (ap_id, instance_id, local, name, title, inbox_url, followers_url, public_key_pem,
				users_active_month)
			SELECT 'https://bench.example/c/c' || g, 1, false, 'c' || g, 'C' || g, 'https://bench.example/inbox',
				'https://bench.example/c/c' || g || '/followers', 'k', (g * 37) % 5000
			FROM generate_series(1, 200) g;
		-- Scores follow a long tail, as real ones do; ages spread over a
		-- year, in the order of the ids, as posts arrive, give or take an
		-- hour.
		INSERT INTO posts (ap_id, local, creator_id, community_id, title, published, upvotes, downvotes, score, comments)
			SELECT 'https://bench.example/post/' || g, g % 10 = 0, 1 + g % 1000, 1 + g % 200, 'Post ' || g,
				now() - interval '365 days' * (n - g) / n - random() * interval '1 hour', u, d, u - d,
				floor(random() * 40)::int
			FROM (SELECT g, ` + strconv.Itoa(n) + ` AS n, floor(power(random(), 4) * 2000)::int AS u,
			      floor(random() * 30)::int AS d FROM generate_series(1, ` + strconv.Itoa(n) + `) g) s;`
	// A million rows go in several times faster with the posts' indexes
	// built afterwards, once each, as a restore does, than kept up row by
	// row; the constraints' own indexes stay.
	var indexes []string
	rows, _ := pool.Query(ctx, `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'posts'
		AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'posts'::regclass)`)
	var name, def string
	if _, err := pgx.ForEachRow(rows, []any{&name, &def}, func() error {
		indexes = append(indexes, def)
		_, err := pool.Exec(ctx, `DROP INDEX `+pgx.Identifier{name}.Sanitize())
		return err
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, seed); err != nil {
		b.Fatal(err)
	}
	for _, def := range indexes {
		if _, err := pool.Exec(ctx, `SET maintenance_work_mem = '256MB'; `+def); err != nil {
			b.Fatal(err)
		}
	}
	for _, sql := range []string{`VACUUM ANALYZE posts`, `ANALYZE`} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("seeded %d posts in %s", n, time.Since(start).Round(time.Millisecond))

	// Reference: one post by primary key, with the same joins.
	const refRounds = 500
	refStart := time.Now()
	for i := range refRounds {
		if _, err := st.PostByID(ctx, int64(1+i*(n/refRounds))); err != nil {
			b.Fatal(err)
		}
	}
	ref := time.Since(refStart) / refRounds
	b.Logf("reference: post by id %s", ref)

	for _, sort := range []string{store.SortHot, store.SortActive, store.SortScaled, store.SortControversial,
		store.SortNew, store.SortOld, store.SortMostComments, store.SortTopDay, store.SortTopWeek,
		store.SortTopMonth, store.SortTopYear, store.SortTopAll} {
		for _, listing := range []string{store.ListingAll, store.ListingLocal} {
			b.Run(sort+"/"+listing, func(b *testing.B) {
				q := store.PostQuery{Sort: sort, Listing: listing, Limit: 25}
				// Page 5, reached through cursors as a reader would.
				for range 4 {
					p, err := st.ListPosts(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					q.After = p.Next
				}
				b.ResetTimer()
				for b.Loop() {
					if _, err := st.ListPosts(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
				per := b.Elapsed() / time.Duration(b.N)
				b.ReportMetric(float64(per)/float64(ref), "x_pk_lookup")
			})
		}
	}
	// A reader with blocks (ten people, five communities, an instance),
	// a thousand read posts hidden and two languages: the filters' cost
	// against the same page for a reader without them.
	if _, err := pool.Exec(ctx, `
		INSERT INTO instances (domain) VALUES ('reader.example'), ('blocked.example');
		INSERT INTO people (ap_id, instance_id, local, name, inbox_url, public_key_pem)
			VALUES ('https://reader.example/u/r', 2, false, 'reader', 'https://reader.example/inbox', 'k');
		INSERT INTO person_blocks (person_id, target_id) SELECT 1001, g * 7 FROM generate_series(1, 10) g;
		INSERT INTO community_blocks (person_id, community_id) SELECT 1001, g * 11 FROM generate_series(1, 5) g;
		INSERT INTO instance_blocks (person_id, instance_id) VALUES (1001, 3);
		INSERT INTO post_reads (person_id, post_id) SELECT 1001, 1 + g * 97 % `+strconv.Itoa(n)+` FROM generate_series(1, 1000) g;
		ANALYZE;`); err != nil {
		b.Fatal(err)
	}
	filters := store.ReaderFilter{ReaderID: 1001, Blocks: true, HideRead: true, HideBots: true, Languages: []string{"en", "de"}}
	for _, sort := range []string{store.SortHot, store.SortNew, store.SortTopDay} {
		b.Run(sort+"/all/reader_filters", func(b *testing.B) {
			q := store.PostQuery{Sort: sort, Listing: store.ListingAll, Limit: 25, Reader: filters}
			for range 4 {
				p, err := st.ListPosts(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				q.After = p.Next
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := st.ListPosts(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed()/time.Duration(b.N))/float64(ref), "x_pk_lookup")
		})
	}
	// Deep pages: page 50 of Hot, reached by its cursor, against page 1,
	// the two read in turn so that both see the same machine.
	b.Run("hot/page_50_vs_page_1", func(b *testing.B) {
		first := store.PostQuery{Sort: store.SortHot, Listing: store.ListingAll, Limit: 25}
		deep := first
		for range 49 {
			p, err := st.ListPosts(ctx, deep)
			if err != nil {
				b.Fatal(err)
			}
			deep.After = p.Next
		}
		ratio := alternate(b, func() error { _, err := st.ListPosts(ctx, first); return err },
			func() error { _, err := st.ListPosts(ctx, deep); return err })
		b.ReportMetric(ratio, "x_page_1")
		b.Logf("page 50 of Hot over %d posts costs %.2f× page 1 (aim: at most 1.5×)", n, ratio)
	})
	// Top of the day against a primary-key lookup, read in turn.
	b.Run("top_day/vs_pk_lookup", func(b *testing.B) {
		q := store.PostQuery{Sort: store.SortTopDay, Listing: store.ListingAll, Limit: 25}
		i := 0
		ratio := alternate(b, func() error {
			i++
			_, err := st.PostByID(ctx, int64(1+(i*7919)%n))
			return err
		}, func() error { _, err := st.ListPosts(ctx, q); return err })
		b.ReportMetric(ratio, "x_pk_lookup")
		b.Logf("Top of the day over %d posts costs %.2f× a primary-key lookup (aim: at most 3×)", n, ratio)
	})
	b.Run("community_hot", func(b *testing.B) {
		q := store.PostQuery{Sort: store.SortHot, CommunityID: 7, Limit: 25}
		for b.Loop() {
			if _, err := st.ListPosts(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed()/time.Duration(b.N))/float64(ref), "x_pk_lookup")
	})
}
