package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/activitypub/iri"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/markdown"
	"github.com/tidings/tidings/internal/store"
)

// demoLoader writes the demonstration content inside one transaction. Its
// random source has a fixed seed, so every load makes the same content; only
// the times move with the clock.
type demoLoader struct {
	tx   *store.Store
	f    *forum.Service
	md   *markdown.Renderer
	rnd  *rand.Rand
	now  time.Time
	prog *demoProgress

	publicKey   string
	instances   map[string]int64
	people      []demoActor          // everyone who writes and votes
	actors      map[string]demoActor // by demoPost.author's spelling
	users       map[string]store.LocalUser
	communities map[string]store.Community // by demoCommunity.key()
	nextObject  map[string]int64           // per host: the next remote post or comment number
	sum         demoSummary
}

type demoActor struct {
	id     int64
	key    string
	domain string // "" for local users
}

func newDemoLoader(tx *store.Store, f *forum.Service, prog *demoProgress) *demoLoader {
	return &demoLoader{
		tx: tx, f: f, md: markdown.New(), rnd: rand.New(rand.NewPCG(2024, 7)), now: time.Now(), prog: prog,
		instances: map[string]int64{}, actors: map[string]demoActor{}, users: map[string]store.LocalUser{},
		communities: map[string]store.Community{}, nextObject: map[string]int64{},
	}
}

func (l *demoLoader) load(ctx context.Context) (demoSummary, error) {
	l.prog.step("keys and people", 0, 0)
	// One real key, shared by every demo person and remote community: they
	// never sign anything here, but the schema and the actor pages want one.
	pub, _, err := forum.GenerateKeyPair()
	if err != nil {
		return l.sum, err
	}
	l.publicKey = pub
	for _, step := range []func(context.Context) error{
		l.loadInstances, l.loadRemotePeople, l.loadUsers, l.loadCommunities, l.loadFollows, l.loadPosts,
	} {
		if err := step(ctx); err != nil {
			return l.sum, err
		}
	}
	// What the hourly job would count, so Scaled differs from Hot at once.
	_, err = l.tx.RefreshCommunityActivity(ctx)
	return l.sum, err
}

func (l *demoLoader) loadInstances(ctx context.Context) error {
	for _, in := range demoInstances {
		got, err := l.tx.UpsertInstance(ctx, in.domain)
		if err != nil {
			return err
		}
		if got.Software == "" {
			if err := l.tx.SetInstanceSoftware(ctx, got.ID, in.software, in.version); err != nil {
				return err
			}
		}
		l.instances[in.domain] = got.ID
		// Plausible object numbers, different on every instance.
		l.nextObject[in.domain] = 1_000_000 + l.rnd.Int64N(15_000_000)
	}
	l.sum.instances = len(demoInstances)
	return nil
}

// remoteActorID is how Lemmy names a person: https://host/u/name.
func remoteActorID(domain, name string) string {
	return "https://" + domain + "/u/" + url.PathEscape(name)
}

func (l *demoLoader) loadRemotePeople(ctx context.Context) error {
	for _, r := range demoRemotes {
		apID := remoteActorID(r.domain, r.name)
		joined := l.now.Add(-time.Duration(450+l.rnd.IntN(900)) * demoDay)
		p, err := l.tx.PersonByAPID(ctx, apID)
		if err != nil {
			// Someone here may have met the person already, through real
			// federation; then the stored actor is used as it is.
			p, err = l.tx.InsertPerson(ctx, store.NewPerson{
				APID: apID, InstanceID: l.instances[r.domain], Name: r.name, DisplayName: r.display,
				InboxURL: iri.Inbox(apID), SharedInboxURL: "https://" + r.domain + "/inbox",
				PublicKeyPEM: l.publicKey, Published: joined,
			})
			if err != nil {
				return err
			}
			l.sum.remotePeople++
		}
		l.addActor(demoActor{id: p.ID, key: r.name + "@" + r.domain, domain: r.domain})
	}
	return nil
}

func (l *demoLoader) addActor(a demoActor) {
	l.people = append(l.people, a)
	l.actors[a.key] = a
}

func (l *demoLoader) loadUsers(ctx context.Context) error {
	for _, u := range demoUsers {
		l.prog.step("users", len(l.users), len(demoUsers))
		pw, err := forum.GeneratePassword()
		if err != nil {
			return err
		}
		lu, err := l.f.CreateUser(ctx, forum.NewUser{Name: u.name, Password: pw})
		if err != nil {
			return err
		}
		if u.display != "" || u.bio != "" {
			html, err := l.md.Render(u.bio)
			if err != nil {
				return err
			}
			if err := l.tx.UpdateProfile(ctx, lu.ID, u.display, u.bio, html); err != nil {
				return err
			}
		}
		if err := l.tx.SetPersonPublished(ctx, lu.ID, l.now.Add(-time.Duration(410+l.rnd.IntN(60))*demoDay)); err != nil {
			return err
		}
		l.users[u.name] = lu
		l.addActor(demoActor{id: lu.ID, key: u.name})
		l.sum.users++
		l.sum.userNames = append(l.sum.userNames, u.name)
	}
	return nil
}

func (l *demoLoader) loadCommunities(ctx context.Context) error {
	for _, c := range demoCommunities {
		l.prog.step("communities", len(l.communities), len(demoCommunities))
		var got store.Community
		var err error
		if c.domain == "" {
			got, err = l.f.CreateCommunity(ctx, forum.NewCommunity{
				Name: c.name, Title: c.title, Description: c.description, Moderator: c.mod,
			})
			if err != nil {
				return err
			}
			if err := l.tx.SetCommunityPublished(ctx, got.ID, l.now.Add(-420*demoDay)); err != nil {
				return err
			}
			l.sum.localCommunities++
		} else {
			apID := "https://" + c.domain + "/c/" + c.name
			got, err = l.tx.CommunityByAPID(ctx, apID)
			if err != nil {
				html, err := l.md.Render(c.description)
				if err != nil {
					return err
				}
				got, err = l.tx.InsertCommunity(ctx, store.NewCommunity{
					APID: apID, InstanceID: l.instances[c.domain], Name: c.name, Title: c.title,
					Description: c.description, DescriptionHTML: html,
					InboxURL: iri.Inbox(apID), SharedInboxURL: "https://" + c.domain + "/inbox",
					OutboxURL: iri.Outbox(apID), FollowersURL: iri.Followers(apID), ModeratorsURL: iri.Moderators(apID),
					FeaturedURL: iri.Featured(apID), PublicKeyPEM: l.publicKey,
					Published: l.now.Add(-time.Duration(700+l.rnd.IntN(200)) * demoDay),
				})
				if err != nil {
					return err
				}
			}
		}
		l.communities[c.key()] = got
		l.sum.communities++
	}
	return nil
}

// loadFollows subscribes the local users: moderators already follow their
// own community; the others pick some, and the remote ones' Accept is
// taken as arrived.
func (l *demoLoader) loadFollows(ctx context.Context) error {
	for _, u := range demoUsers {
		lu := l.users[u.name]
		for _, c := range demoCommunities {
			if c.mod == u.name {
				l.sum.follows++
				continue
			}
			if l.rnd.IntN(100) >= 55 {
				continue
			}
			comm := l.communities[c.key()]
			var err error
			if comm.Local {
				err = l.f.Subscribe(ctx, lu, comm.ID)
			} else {
				err = l.tx.UpsertFollow(ctx, comm.ID, lu.ID, store.FollowAccepted, "")
			}
			if err != nil {
				return err
			}
			l.sum.follows++
		}
	}
	return nil
}

// demoPlanned is a post with its time, votes and comments decided.
type demoPlanned struct {
	demoPost
	writer    demoActor // who demoPost.author names, or who was picked
	published time.Time
	up, down  int
	comments  []demoPlannedComment
}

type demoPlannedComment struct {
	parent    int
	author    demoActor
	text      string
	published time.Time
	edited    bool
	deleted   bool
	up, down  int
}

// planPosts decides everything the post list leaves open. The shaped posts
// lead their sorts; the others are kept below them: recent ones get few
// votes (Hot, Top day), none gets as many as a Top leader.
func (l *demoLoader) planPosts() ([]demoPlanned, error) {
	var free []int
	for i, p := range demoPosts {
		if p.shape == nil {
			free = append(free, i)
		}
	}
	ages := map[int]time.Duration{}
	for rank, j := range l.rnd.Perm(len(free)) {
		var lo, hi time.Duration
		switch {
		case rank < 5:
			lo, hi = 2*demoHour, 22*demoHour
		case rank < 13:
			lo, hi = 26*demoHour, 7*demoDay
		case rank < 26:
			lo, hi = 7*demoDay, 30*demoDay
		default:
			lo, hi = 30*demoDay, 400*demoDay
		}
		ages[free[j]] = lo + time.Duration(l.rnd.Int64N(int64(hi-lo)))
	}

	out := make([]demoPlanned, 0, len(demoPosts))
	for i, p := range demoPosts {
		if p.lang == "" {
			p.lang = "en"
		}
		pl := demoPlanned{demoPost: p}
		author, err := l.pickAuthor(p)
		if err != nil {
			return nil, err
		}
		pl.writer = author
		age := ages[i]
		if p.shape != nil {
			age = p.shape.age
			pl.up, pl.down = p.shape.up, p.shape.down
		} else {
			switch {
			case age < 2*demoDay:
				pl.up, pl.down = 1+l.rnd.IntN(9), l.rnd.IntN(3)
			case l.rnd.IntN(8) == 0: // contested: many votes both ways
				pl.up, pl.down = 10+l.rnd.IntN(7), 7+l.rnd.IntN(7)
			case age < 30*demoDay:
				pl.up, pl.down = 1+l.rnd.IntN(30), l.rnd.IntN(5)
			default:
				pl.up, pl.down = 1+l.rnd.IntN(40), l.rnd.IntN(6)
			}
		}
		pl.published = l.now.Add(-age).Truncate(time.Second)
		if pl.comments, err = l.planComments(pl, age); err != nil {
			return nil, err
		}
		out = append(out, pl)
	}
	// Oldest first, so that ids grow with time as they would have.
	slices.SortStableFunc(out, func(a, b demoPlanned) int { return a.published.Compare(b.published) })
	return out, nil
}

// demoLangHosts are where people writing a language come from.
var demoLangHosts = map[string][]string{
	"de": {"feddit.org", "discuss.tchncs.de"},
	"fr": {"jlai.lu"},
	"nl": {"feddit.nl"},
}

func (l *demoLoader) actor(key string) (demoActor, error) {
	a, ok := l.actors[key]
	if !ok {
		return a, fmt.Errorf("demo data names an unknown person %q", key)
	}
	return a, nil
}

func (l *demoLoader) pickAuthor(p demoPost) (demoActor, error) {
	if p.author != "" {
		return l.actor(p.author)
	}
	who := demoRemoteWho
	if !strings.Contains(p.comm, "@") && l.rnd.IntN(100) < 65 {
		who = demoLocalWho
	}
	return l.pickPerson(p.lang, who, 0), nil
}

type demoWho int

const (
	demoAnyoneWho demoWho = iota
	demoLocalWho
	demoRemoteWho
)

// pickPerson chooses someone to write something: anyone, a local user or
// someone from another instance; for a language that has instances of its
// own, someone from one of those. Never the person with id not.
func (l *demoLoader) pickPerson(lang string, who demoWho, not int64) demoActor {
	hosts := demoLangHosts[lang]
	var cands []demoActor
	for _, a := range l.people {
		ok := a.id != not
		switch {
		case len(hosts) > 0:
			ok = ok && slices.Contains(hosts, a.domain)
		case who == demoLocalWho:
			ok = ok && a.domain == ""
		case who == demoRemoteWho:
			ok = ok && a.domain != ""
		}
		if ok {
			cands = append(cands, a)
		}
	}
	return cands[l.rnd.IntN(len(cands))]
}

func (l *demoLoader) planComments(p demoPlanned, age time.Duration) ([]demoPlannedComment, error) {
	span := min(2*demoDay, age*9/10-2*time.Minute)
	if p.shape != nil && p.shape.commentSpan > 0 {
		span = p.shape.commentSpan
	}
	if span <= 0 {
		return nil, nil
	}
	thread := p.thread
	if thread == nil {
		thread = l.generateThread(p)
	}
	if len(thread) == 0 {
		return nil, nil
	}
	offsets := make([]time.Duration, len(thread))
	for i := range offsets {
		offsets[i] = 2*time.Minute + time.Duration(l.rnd.Int64N(int64(span)))
	}
	slices.Sort(offsets)
	if p.shape != nil && p.shape.lastComment > 0 {
		offsets[len(offsets)-1] = age - p.shape.lastComment
	}
	out := make([]demoPlannedComment, len(thread))
	for i, c := range thread {
		pc := demoPlannedComment{parent: c.parent, text: c.text, edited: c.edited, deleted: c.deleted,
			up: c.up, down: c.down, published: p.published.Add(offsets[i])}
		if c.parent >= i {
			return nil, fmt.Errorf("demo thread of %q: comment %d answers a later one", p.title, i)
		}
		if c.author != "" {
			a, err := l.actor(c.author)
			if err != nil {
				return nil, err
			}
			pc.author = a
		} else {
			not := p.writer.id
			if c.parent >= 0 {
				not = out[c.parent].author.id
			}
			pc.author = l.pickPerson(p.lang, demoAnyoneWho, not)
		}
		if c.up == 0 && c.down == 0 {
			if c.parent < 0 {
				pc.up = 1 + l.rnd.IntN(9)
			} else {
				pc.up = 1 + l.rnd.IntN(4)
			}
			if l.rnd.IntN(10) == 0 {
				pc.down = 1 + l.rnd.IntN(3)
			}
		}
		out[i] = pc
	}
	return out, nil
}

// generateThread writes a thread from the pools: some top-level comments,
// replies under them a few levels deep.
func (l *demoLoader) generateThread(p demoPlanned) []demoComment {
	var n int
	switch r := l.rnd.IntN(100); {
	case r < 18:
		n = 0
	case r < 60:
		n = 1 + l.rnd.IntN(3)
	case r < 88:
		n = 4 + l.rnd.IntN(4)
	default:
		n = 8 + l.rnd.IntN(5)
	}
	tops := demoTopLevel[demoPool(p.comm, p.lang)]
	replies := demoReplies[p.lang]
	topOrder, replyOrder := l.rnd.Perm(len(tops)), l.rnd.Perm(len(replies))
	var out []demoComment
	var depth []int
	for i := 0; i < n; i++ {
		parent := -1
		if i > 0 && l.rnd.IntN(100) < 55 {
			// Mostly answer one of the latest comments, so chains form.
			parent = i - 1 - l.rnd.IntN(min(i, 3))
			if depth[parent] >= 6 {
				parent = -1
			}
		}
		switch {
		case parent < 0 && len(topOrder) > 0:
			out = append(out, demoComment{parent: -1, text: tops[topOrder[0]]})
			topOrder = topOrder[1:]
			depth = append(depth, 0)
		case parent >= 0 && len(replyOrder) > 0:
			out = append(out, demoComment{parent: parent, text: replies[replyOrder[0]],
				edited: l.rnd.IntN(12) == 0})
			replyOrder = replyOrder[1:]
			depth = append(depth, depth[parent]+1)
		default:
			return out
		}
	}
	return out
}

func (l *demoLoader) loadPosts(ctx context.Context) error {
	plan, err := l.planPosts()
	if err != nil {
		return err
	}
	for i, p := range plan {
		l.prog.step("posts", i, len(plan))
		if err := l.loadPost(ctx, p); err != nil {
			return fmt.Errorf("demo post %q: %w", p.title, err)
		}
	}
	l.prog.step("posts", len(plan), len(plan))
	return nil
}

// remoteObject makes the id of a post or comment on another instance.
func (l *demoLoader) remoteObject(domain, kind string) string {
	n := l.nextObject[domain]
	l.nextObject[domain] = n + 1 + l.rnd.Int64N(3000)
	return fmt.Sprintf("https://%s/%s/%d", domain, kind, n)
}

func (l *demoLoader) loadPost(ctx context.Context, p demoPlanned) error {
	comm, ok := l.communities[p.comm]
	if !ok {
		return fmt.Errorf("unknown community %q", p.comm)
	}
	np := store.NewPost{
		CreatorID: p.writer.id, CommunityID: comm.ID, Title: p.title, URL: p.url, Body: p.body,
		Language: p.lang, NSFW: p.nsfw, Published: p.published,
	}
	if p.body != "" {
		html, err := l.md.Render(p.body)
		if err != nil {
			return err
		}
		np.BodyHTML = html
	}
	if p.edited {
		t := p.published.Add(time.Duration(20+l.rnd.IntN(100)) * time.Minute)
		if t.After(l.now) {
			t = l.now
		}
		np.Updated = &t
	}
	switch {
	case p.apID != "":
		np.APID = p.apID
	case p.writer.domain == "":
		id, err := l.tx.NextPostID(ctx)
		if err != nil {
			return err
		}
		np.ID, np.APID, np.Local = id, l.f.IRI().Post(id), true
	default:
		np.APID = l.remoteObject(p.writer.domain, "post")
	}
	post, err := l.tx.InsertPost(ctx, np)
	if err != nil {
		return err
	}
	l.sum.posts++
	if p.apID == demoSeedPostAPID {
		l.sum.seedPostID = post.ID
	}
	if p.shape != nil && (p.shape.featured || p.shape.locked) {
		if err := l.tx.SetPostFlags(ctx, post.ID, store.PostFlags{
			FeaturedCommunity: &p.shape.featured, Locked: &p.shape.locked,
		}); err != nil {
			return err
		}
	}
	if err := l.vote(p.writer.id, p.up, p.down, func(person int64, score int) error {
		_, err := l.tx.SetPostVote(ctx, post.ID, person, score, "")
		return err
	}); err != nil {
		return err
	}

	ids := make([]int64, len(p.comments))
	for i, c := range p.comments {
		nc := store.NewComment{
			CreatorID: c.author.id, PostID: post.ID, Body: c.text, Language: p.lang, Published: c.published,
		}
		if c.parent >= 0 {
			nc.ParentID = ids[c.parent]
		}
		html, err := l.md.Render(c.text)
		if err != nil {
			return err
		}
		nc.BodyHTML = html
		if c.edited {
			t := c.published.Add(time.Duration(5+l.rnd.IntN(55)) * time.Minute)
			if t.After(l.now) {
				t = l.now
			}
			nc.Updated = &t
		}
		if c.author.domain == "" {
			id, err := l.tx.NextCommentID(ctx)
			if err != nil {
				return err
			}
			nc.ID, nc.APID, nc.Local = id, l.f.IRI().Comment(id), true
		} else {
			nc.APID = l.remoteObject(c.author.domain, "comment")
		}
		got, err := l.tx.InsertComment(ctx, nc)
		if err != nil {
			return err
		}
		ids[i] = got.ID
		l.sum.comments++
		if err := l.vote(c.author.id, c.up, c.down, func(person int64, score int) error {
			_, err := l.tx.SetCommentVote(ctx, got.ID, person, score, "")
			return err
		}); err != nil {
			return err
		}
		if c.deleted {
			deleted := true
			if err := l.tx.SetCommentFlags(ctx, got.ID, &deleted, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// vote casts up upvotes (the author's own first, as Lemmy does) and down
// downvotes from distinct people.
func (l *demoLoader) vote(author int64, up, down int, cast func(person int64, score int) error) error {
	if up > 0 {
		if err := cast(author, 1); err != nil {
			return err
		}
		l.sum.votes++
		up--
	}
	others := make([]int64, 0, len(l.people))
	for _, a := range l.people {
		if a.id != author {
			others = append(others, a.id)
		}
	}
	if up+down > len(others) {
		return fmt.Errorf("%d votes wanted but only %d people can vote", up+down+1, len(others))
	}
	for i, j := range l.rnd.Perm(len(others))[:up+down] {
		score := 1
		if i >= up {
			score = -1
		}
		if err := cast(others[j], score); err != nil {
			return err
		}
		l.sum.votes++
	}
	return nil
}
