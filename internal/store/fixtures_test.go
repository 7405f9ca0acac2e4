package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/store"
)

// The schema only asks that keys are present; their content does not matter here.
const (
	dummyPublicPEM  = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
	dummyPrivatePEM = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
	localDomain     = "test.example"
	remoteDomain    = "remote.example"
)

// fixture is one test's database with a local and a remote instance.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	pool   *pgxpool.Pool
	st     *store.Store
	local  store.Instance
	remote store.Instance
	seq    atomic.Int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	local, err := st.UpsertInstance(ctx, localDomain)
	if err != nil {
		t.Fatalf("upsert local instance: %v", err)
	}
	remote, err := st.UpsertInstance(ctx, remoteDomain)
	if err != nil {
		t.Fatalf("upsert remote instance: %v", err)
	}
	return &fixture{t: t, ctx: ctx, pool: pool, st: st, local: local, remote: remote}
}

func (f *fixture) next() int64 { return f.seq.Add(1) }

func localPerson(instanceID int64, name string) store.NewPerson {
	id := "https://" + localDomain + "/u/" + name
	return store.NewPerson{
		APID: id, InstanceID: instanceID, Local: true, Name: name, InboxURL: id + "/inbox",
		PublicKeyPEM: dummyPublicPEM, PrivateKeyPEM: dummyPrivatePEM,
	}
}

func remotePerson(instanceID int64, domain, name string) store.NewPerson {
	id := "https://" + domain + "/u/" + name
	return store.NewPerson{
		APID: id, InstanceID: instanceID, Local: false, Name: name, InboxURL: id + "/inbox",
		PublicKeyPEM: dummyPublicPEM,
	}
}

// person stores a local person with the given name.
func (f *fixture) person(name string) store.Person {
	f.t.Helper()
	p, err := f.st.InsertPerson(f.ctx, localPerson(f.local.ID, name))
	if err != nil {
		f.t.Fatalf("insert person %s: %v", name, err)
	}
	return p
}

// remotePerson stores a person of the remote instance.
func (f *fixture) remotePerson(name string) store.Person {
	f.t.Helper()
	p, err := f.st.InsertPerson(f.ctx, remotePerson(f.remote.ID, remoteDomain, name))
	if err != nil {
		f.t.Fatalf("insert remote person %s: %v", name, err)
	}
	return p
}

// user stores a local person with an account.
func (f *fixture) user(name string) store.Person {
	f.t.Helper()
	p := f.person(name)
	if err := f.st.InsertLocalUser(f.ctx, p.ID, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", false, true); err != nil {
		f.t.Fatalf("insert local user %s: %v", name, err)
	}
	return p
}

func localCommunity(instanceID int64, name string) store.NewCommunity {
	id := "https://" + localDomain + "/c/" + name
	return store.NewCommunity{
		APID: id, InstanceID: instanceID, Local: true, Name: name, Title: "The " + name + " community",
		InboxURL: id + "/inbox", FollowersURL: id + "/followers",
		PublicKeyPEM: dummyPublicPEM, PrivateKeyPEM: dummyPrivatePEM,
	}
}

// community stores a local community.
func (f *fixture) community(name string) store.Community {
	f.t.Helper()
	c, err := f.st.InsertCommunity(f.ctx, localCommunity(f.local.ID, name))
	if err != nil {
		f.t.Fatalf("insert community %s: %v", name, err)
	}
	return c
}

// remoteCommunity stores a community of the remote instance.
func (f *fixture) remoteCommunity(name string) store.Community {
	f.t.Helper()
	id := "https://" + remoteDomain + "/c/" + name
	c, err := f.st.InsertCommunity(f.ctx, store.NewCommunity{
		APID: id, InstanceID: f.remote.ID, Local: false, Name: name, Title: "Remote " + name,
		InboxURL: id + "/inbox", FollowersURL: id + "/followers", PublicKeyPEM: dummyPublicPEM,
	})
	if err != nil {
		f.t.Fatalf("insert remote community %s: %v", name, err)
	}
	return c
}

// postOpts changes what post stores.
type postOpts struct {
	title     string
	published time.Time
	nsfw      bool
	remote    bool // a remote post (ap_id on the remote instance, local false)
}

// post stores a post by creator in community.
func (f *fixture) post(creator store.Person, community store.Community, o postOpts) store.Post {
	f.t.Helper()
	n := f.next()
	if o.title == "" {
		o.title = fmt.Sprintf("Post %d", n)
	}
	np := store.NewPost{
		CreatorID: creator.ID, CommunityID: community.ID, Title: o.title, Body: "body",
		BodyHTML: "<p>body</p>", NSFW: o.nsfw, Published: o.published,
	}
	if o.remote {
		np.APID = fmt.Sprintf("https://%s/post/%d", remoteDomain, n)
	} else {
		id, err := f.st.NextPostID(f.ctx)
		if err != nil {
			f.t.Fatalf("next post id: %v", err)
		}
		np.ID, np.Local, np.APID = id, true, fmt.Sprintf("https://%s/post/%d", localDomain, id)
	}
	p, err := f.st.InsertPost(f.ctx, np)
	if err != nil {
		f.t.Fatalf("insert post %q: %v", o.title, err)
	}
	return p
}

// comment stores a reply to parent (0 for top level) on a post.
func (f *fixture) comment(creator store.Person, postID, parentID int64) store.Comment {
	f.t.Helper()
	c, err := f.st.InsertComment(f.ctx, f.newComment(creator, postID, parentID))
	if err != nil {
		f.t.Fatalf("insert comment under %d: %v", parentID, err)
	}
	return c
}

func (f *fixture) newComment(creator store.Person, postID, parentID int64) store.NewComment {
	n := f.next()
	return store.NewComment{
		APID: fmt.Sprintf("https://%s/comment/x%d", localDomain, n), Local: true, CreatorID: creator.ID,
		PostID: postID, ParentID: parentID, Body: fmt.Sprintf("comment %d", n), BodyHTML: fmt.Sprintf("<p>comment %d</p>", n),
	}
}

func (f *fixture) getPost(id int64) store.Post {
	f.t.Helper()
	p, err := f.st.PostByID(f.ctx, id)
	if err != nil {
		f.t.Fatalf("get post %d: %v", id, err)
	}
	return p
}

func ptr[T any](v T) *T { return &v }
