package cli_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/store"
)

// demoTables are counted before and after a second load.
var demoTables = []string{"instances", "people", "local_users", "communities", "community_moderators",
	"community_follows", "posts", "comments", "post_votes", "comment_votes"}

func demoCounts(t *testing.T, conn *pgx.Conn) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range demoTables {
		var n int
		if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestDemoLoadsOnceAndFillsEverySort(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := migrated(t)

	start := time.Now()
	r := c.run("admin", "demo")
	if r.code != 0 {
		t.Fatalf("admin demo: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	t.Logf("loaded in %v:\n%s", time.Since(start), r.stdout)
	if r.stderr != "" {
		t.Errorf("progress went to a buffer that is not a terminal: %q", r.stderr)
	}
	seedURL := regexp.MustCompile(`seed thread: https://news\.example\.org/post/(\d+)\n`).FindStringSubmatch(r.stdout)
	if seedURL == nil || !strings.Contains(r.stdout, "loaded the demonstration content: 7 communities (4 local), 6 local users") ||
		!strings.Contains(r.stdout, "reset-password NAME") {
		t.Fatalf("admin demo printed:\n%s", r.stdout)
	}
	if regexp.MustCompile(`password for|[A-Za-z0-9]{20}`).MatchString(r.stdout) {
		t.Errorf("a password was printed:\n%s", r.stdout)
	}

	conn, err := pgx.Connect(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	before := demoCounts(t, conn)
	if before["posts"] < 100 || before["comments"] < 200 || before["local_users"] != 6 || before["communities"] != 7 {
		t.Errorf("loaded too little: %v", before)
	}

	out := c.ok("admin", "demo")
	if !strings.Contains(out, "already loaded") || !strings.Contains(out, "/post/"+seedURL[1]) {
		t.Errorf("second run printed %q", out)
	}
	if after := demoCounts(t, conn); !equalCounts(before, after) {
		t.Errorf("second run changed the counts:\nbefore %v\nafter  %v", before, after)
	}

	checkSeedThread(t, conn, seedURL[1])
	checkLocalContent(t, conn)

	pool, err := pgxpool.New(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	checkSorts(t, store.New(pool))
}

func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

func checkSeedThread(t *testing.T, conn *pgx.Conn, postID string) {
	t.Helper()
	ctx := context.Background()
	var (
		title, url, apID, body, lang, author, authorDomain, community, communityDomain string
		local                                                                          bool
		score, comments                                                                int
		published                                                                      time.Time
	)
	err := conn.QueryRow(ctx, `
		SELECT po.title, po.url, po.ap_id, po.body, po.language, po.local, po.score, po.comments, po.published,
			cr.name, cri.domain, co.name, coi.domain
		FROM posts po JOIN people cr ON cr.id = po.creator_id JOIN instances cri ON cri.id = cr.instance_id
			JOIN communities co ON co.id = po.community_id JOIN instances coi ON coi.id = co.instance_id
		WHERE po.id = $1`, postID).Scan(&title, &url, &apID, &body, &lang, &local, &score, &comments, &published,
		&author, &authorDomain, &community, &communityDomain)
	if err != nil {
		t.Fatal(err)
	}
	age := time.Since(published)
	if title != "North Korean diplomat in Cuba defects to South Korea" || !strings.HasPrefix(url, "https://www.bbc.com/news/articles/") ||
		!strings.HasPrefix(apID, "https://lemmy.world/post/") || local || lang != "en" ||
		authorDomain != "lemmy.world" || community != "worldnews" || communityDomain != "lemmy.world" ||
		!strings.HasPrefix(body, "A high-profile North Korean diplomat stationed in Cuba") ||
		!strings.HasSuffix(body, "the newspaper quoted him as saying.") ||
		age < 170*24*time.Hour || age > 200*24*time.Hour || comments != 3 {
		t.Errorf("seed post: %q %q %q by %s@%s in %s@%s, %s, local %v, %d comments, %v old",
			title, url, apID, author, authorDomain, community, communityDomain, lang, local, comments, age)
	}
	var worldNewsTitle string
	if err := conn.QueryRow(ctx, `SELECT title FROM communities WHERE ap_id = 'https://lemmy.world/c/worldnews' AND NOT local`).
		Scan(&worldNewsTitle); err != nil || worldNewsTitle != "World News" {
		t.Errorf("remote community worldnews: %q, %v", worldNewsTitle, err)
	}

	type comment struct {
		id, parent                     int64
		name, domain, apID, lang, body string
		local                          bool
		score, up, down, depth         int
		edited                         bool
	}
	var got []comment
	rows, _ := conn.Query(ctx, `
		SELECT cm.id, coalesce(cm.parent_id, 0), p.name, i.domain, cm.ap_id, cm.language, cm.body, cm.local,
			cm.score, cm.upvotes, cm.downvotes, cardinality(cm.path), cm.updated IS NOT NULL
		FROM comments cm JOIN people p ON p.id = cm.creator_id JOIN instances i ON i.id = p.instance_id
		WHERE cm.post_id = $1 ORDER BY cm.path`, postID)
	for rows.Next() {
		var c comment
		if err := rows.Scan(&c.id, &c.parent, &c.name, &c.domain, &c.apID, &c.lang, &c.body, &c.local,
			&c.score, &c.up, &c.down, &c.depth, &c.edited); err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("seed thread has %d comments, want 3", len(got))
	}
	want := []struct {
		name, domain, start string
		score, depth        int
		edited              bool
	}{
		{"Ð Greıt Þu̇mpkin", "lemm.ee", "How do most defectors fare once the integration process is complete?", 32, 1, false},
		{"miseducator", "lemmy.world", "Some integrate better than others most certainly.", 32, 2, false},
		{"ShittyBeatlesFCPres", "lemmy.world", "I’m pretty sure like 80% of North Korean defectors start in China.", 9, 2, true},
	}
	for i, w := range want {
		c := got[i]
		if c.name != w.name || c.domain != w.domain || !strings.HasPrefix(c.body, w.start) || c.score != w.score ||
			c.up != w.score || c.down != 0 || c.depth != w.depth || c.edited != w.edited || c.lang != "en" || c.local ||
			!strings.HasPrefix(c.apID, "https://"+w.domain+"/comment/") {
			t.Errorf("seed comment %d: %+v", i, c)
		}
		if i > 0 && c.parent != got[0].id {
			t.Errorf("seed comment %d answers %d, not the first comment %d", i, c.parent, got[0].id)
		}
	}
	if !strings.HasSuffix(got[2].body, "than Germany and East Germany reuniting.") || !strings.Contains(got[1].body, "kushily.") {
		t.Errorf("reply bodies are not the seed's:\n%s\n%s", got[1].body, got[2].body)
	}

	// Remote people carry a public key but no private one.
	var keyless, withPrivate int
	if err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE public_key_pem NOT LIKE '-----BEGIN PUBLIC KEY-----%'),
		count(*) FILTER (WHERE private_key_pem IS NOT NULL) FROM people WHERE NOT local`).Scan(&keyless, &withPrivate); err != nil {
		t.Fatal(err)
	}
	if keyless != 0 || withPrivate != 0 {
		t.Errorf("remote people: %d without a public key, %d with a private key", keyless, withPrivate)
	}
	var pumpkinID string
	if err := conn.QueryRow(ctx, `SELECT ap_id FROM people WHERE name = 'Ð Greıt Þu̇mpkin'`).Scan(&pumpkinID); err != nil ||
		!strings.HasPrefix(pumpkinID, "https://lemm.ee/u/%C3%90%20Gre") {
		t.Errorf("the odd name's ap_id: %q, %v", pumpkinID, err)
	}
}

func checkLocalContent(t *testing.T, conn *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	var localPosts, badLocalIDs, remotePosts, deepest, langs, linkPosts, textPosts, follows int
	err := conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM posts WHERE local),
		(SELECT count(*) FROM posts WHERE local AND ap_id <> 'https://news.example.org/post/' || id),
		(SELECT count(*) FROM posts WHERE NOT local),
		(SELECT max(cardinality(path)) FROM comments),
		(SELECT count(DISTINCT language) FROM posts),
		(SELECT count(*) FROM posts WHERE url IS NOT NULL),
		(SELECT count(*) FROM posts WHERE url IS NULL),
		(SELECT count(*) FROM community_follows f JOIN people p ON p.id = f.person_id WHERE p.local)`).
		Scan(&localPosts, &badLocalIDs, &remotePosts, &deepest, &langs, &linkPosts, &textPosts, &follows)
	if err != nil {
		t.Fatal(err)
	}
	if localPosts < 30 || badLocalIDs != 0 || remotePosts < 30 || deepest < 4 || langs < 4 || linkPosts < 30 ||
		textPosts < 30 || follows < 6 {
		t.Errorf("local %d (bad ids %d), remote %d, deepest reply %d, %d languages, %d links, %d texts, %d follows",
			localPosts, badLocalIDs, remotePosts, deepest, langs, linkPosts, textPosts, follows)
	}
	// Remote followers would make the server deliver real activities to
	// instances that never heard of these people.
	var remoteFollowers int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM community_follows f JOIN people p ON p.id = f.person_id
		JOIN communities c ON c.id = f.community_id WHERE NOT p.local AND c.local`).Scan(&remoteFollowers); err != nil {
		t.Fatal(err)
	}
	if remoteFollowers != 0 {
		t.Errorf("%d remote people follow local communities", remoteFollowers)
	}
}

func checkSorts(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	first := map[string]store.Post{}
	orders := map[string]string{}
	for _, sort := range []string{store.SortHot, store.SortActive, store.SortScaled, store.SortControversial,
		store.SortNew, store.SortOld, store.SortMostComments, store.SortTopDay, store.SortTopWeek,
		store.SortTopMonth, store.SortTopYear, store.SortTopAll} {
		page, err := st.ListPosts(ctx, store.PostQuery{Sort: sort, Listing: store.ListingAll, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Posts) < 3 {
			t.Errorf("sort %s lists %d posts", sort, len(page.Posts))
			continue
		}
		first[sort] = page.Posts[0]
		var ids []string
		for _, p := range page.Posts {
			ids = append(ids, p.Title)
		}
		orders[sort] = strings.Join(ids, "\n")
	}
	for _, pair := range [][2]string{{store.SortHot, store.SortNew}, {store.SortHot, store.SortTopAll},
		{store.SortHot, store.SortControversial}, {store.SortNew, store.SortTopAll},
		{store.SortNew, store.SortControversial}, {store.SortTopAll, store.SortControversial}} {
		if first[pair[0]].ID == first[pair[1]].ID {
			t.Errorf("%s and %s both start with %q", pair[0], pair[1], first[pair[0]].Title)
		}
	}
	// Every sort has an order of its own; Scaled differs from Hot because
	// the demo counts its communities' active users as the hourly job does.
	seen := map[string]string{}
	for sort, order := range orders {
		if other, ok := seen[order]; ok {
			t.Errorf("sorts %s and %s give the same order", sort, other)
		}
		seen[order] = sort
	}
	t.Logf("first posts: hot %q, active %q, new %q, top day %q, top week %q, top month %q, top year %q, top all %q, "+
		"controversial %q, most comments %q, old %q", first[store.SortHot].Title, first[store.SortActive].Title,
		first[store.SortNew].Title, first[store.SortTopDay].Title, first[store.SortTopWeek].Title,
		first[store.SortTopMonth].Title, first[store.SortTopYear].Title, first[store.SortTopAll].Title,
		first[store.SortControversial].Title, first[store.SortMostComments].Title, first[store.SortOld].Title)
}

func TestDemoRefusesAnInstanceInUseAndLeavesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := migrated(t)
	c.ok("admin", "user", "create", "heather_reads")
	c.fails(1, `a local user named "heather_reads" already exists`, "admin", "demo")
	conn, err := pgx.Connect(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	got := demoCounts(t, conn)
	if got["people"] != 1 || got["instances"] != 1 || got["communities"] != 0 || got["posts"] != 0 {
		t.Errorf("a refused demo left rows behind: %v", got)
	}
	c.fails(2, "takes no arguments", "admin", "demo", "extra")
}
