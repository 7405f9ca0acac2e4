package store_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/store"
)

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
		-- Scores follow a long tail, as real ones do; ages spread over a year.
		INSERT INTO posts (ap_id, local, creator_id, community_id, title, published, upvotes, downvotes, score, comments)
			SELECT 'https://bench.example/post/' || g, g % 10 = 0, 1 + g % 1000, 1 + g % 200, 'Post ' || g,
				now() - random() * interval '365 days', u, d, u - d, floor(random() * 40)::int
			FROM (SELECT g, floor(power(random(), 4) * 2000)::int AS u, floor(random() * 30)::int AS d
			      FROM generate_series(1, ` + strconv.Itoa(n) + `) g) s;
		ANALYZE;`
	if _, err := pool.Exec(ctx, seed); err != nil {
		b.Fatal(err)
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
		INSERT INTO post_reads (person_id, post_id) SELECT 1001, g * 97 FROM generate_series(1, 1000) g;
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
