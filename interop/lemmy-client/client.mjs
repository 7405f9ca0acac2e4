// Drives a live Tidings through lemmy-js-client 0.19, as the phone apps
// do, and checks every answer against the JSON schema of its type in
// lemmy-js-client's own TypeScript types (schema.mjs). Run by
// lemmy_client_test.go: `node client.mjs BASE_URL`; it prints one line of
// JSON with what it saw and exits non-zero on the first failure.
import { LemmyHttp } from "lemmy-js-client";
import { checker, expect, refused } from "./schema.mjs";

const base = process.argv[2];
if (!base) {
  console.error("usage: node client.mjs BASE_URL");
  process.exit(2);
}

const check = checker([
  "GetSiteResponse", "LoginResponse", "GetPostsResponse", "GetPostResponse", "PostResponse",
  "GetCommentsResponse", "CommentResponse", "CommunityResponse", "GetCommunityResponse",
  "ListCommunitiesResponse", "GetUnreadCountResponse", "GetPersonDetailsResponse", "GetRepliesResponse",
  "GetPersonMentionsResponse", "SearchResponse", "GetFederatedInstancesResponse", "PostReportResponse",
  "CommentReportResponse",
]);




const sorts = ["Active", "Hot", "New", "Old", "TopDay", "TopWeek", "TopMonth", "TopYear", "TopAll", "MostComments",
  "NewComments", "TopHour", "TopSixHour", "TopTwelveHour", "TopThreeMonths", "TopSixMonths", "TopNineMonths",
  "Controversial", "Scaled"];
const seedTitle = "North Korean diplomat in Cuba defects to South Korea";
const password = "a long enough password";

const anon = new LemmyHttp(base);
const seen = { sorts: {} };

const site = check("GetSiteResponse", "GET site", await anon.getSite());
expect(site.my_user === undefined, "anonymous site has my_user");
expect(site.site_view.local_site.registration_mode === "Open", `registration_mode ${site.site_view.local_site.registration_mode}`);

const reg = check("LoginResponse", "register", await anon.register({ username: "appuser", password, password_verify: password }));
expect(reg.jwt && !reg.registration_created, `register: ${JSON.stringify(reg)}`);
await refused("incorrect_login", "login with a wrong password", () =>
  anon.login({ username_or_email: "appuser", password: "not the password" }));
const login = check("LoginResponse", "login", await anon.login({ username_or_email: "appuser", password }));
expect(login.jwt, "login gave no jwt");
const me = new LemmyHttp(base, { headers: { Authorization: `Bearer ${login.jwt}` } });
const mySite = check("GetSiteResponse", "GET site logged in", await me.getSite());
expect(mySite.my_user?.local_user_view.person.name === "appuser", "my_user is not appuser");

// The front page in every sort, anonymous and logged in.
for (const sort of sorts) {
  for (const type_ of ["All", "Local"]) {
    const page = check("GetPostsResponse", `post/list ${sort} ${type_}`, await anon.getPosts({ sort, type_, limit: 20 }));
    if (type_ === "All") {
      expect(page.posts.length > 0 || sort.startsWith("Top") && sort !== "TopAll", `post/list ${sort}: no posts`);
      seen.sorts[sort] = page.posts.length;
    }
  }
  check("GetPostsResponse", `post/list ${sort} logged in`, await me.getPosts({ sort, limit: 5 }));
}
await refused("invalid_query", "an unknown sort", () => anon.getPosts({ sort: "Best" }));

// The seed thread, found in its community by name@host, walking pages by cursor.
let seed;
let cursor;
for (let i = 0; i < 20 && !seed; i++) {
  const page = check("GetPostsResponse", "worldnews listing", await me.getPosts({
    community_name: "worldnews@lemmy.world", sort: "New", limit: 50, page_cursor: cursor }));
  seed = page.posts.find(p => p.post.name === seedTitle);
  cursor = page.next_page;
  if (!cursor) break;
}
expect(seed, "the seed thread is not in worldnews@lemmy.world");
const got = check("GetPostResponse", "GET post", await anon.getPost({ id: seed.post.id }));
const pv = got.post_view;
expect(pv.post.url?.startsWith("https://www.bbc.com/news/articles/"), `seed url ${pv.post.url}`);
expect(pv.creator.name === "pyongwatcher" && pv.creator.actor_id.startsWith("https://lemmy.world/"), `seed creator ${JSON.stringify(pv.creator)}`);
expect(pv.community.name === "worldnews" && !pv.community.local, `seed community ${JSON.stringify(pv.community)}`);
expect(pv.counts.comments === 3 && pv.counts.score === 43 && pv.counts.upvotes === 46 && pv.counts.downvotes === 3,
  `seed counts ${JSON.stringify(pv.counts)}`);
expect(got.community_view.community.id === pv.community.id, "GET post: community_view is another community");

const tree = check("GetCommentsResponse", "comment/list", await me.getComments({ post_id: seed.post.id, max_depth: 8, sort: "Top", type_: "All" }));
expect(tree.comments.length === 3, `seed thread: ${tree.comments.length} comments`);
const [top, ...replies] = tree.comments;
expect(top.comment.path === `0.${top.comment.id}` && top.counts.child_count === 2 && top.counts.score === 32 &&
  top.creator.name === "Ð Greıt Þu̇mpkin", `first comment ${JSON.stringify(top.comment)} ${JSON.stringify(top.counts)}`);
for (const r of replies) {
  expect(r.comment.path === `0.${top.comment.id}.${r.comment.id}` && r.counts.child_count === 0, `reply path ${r.comment.path}`);
}
expect(replies.map(r => r.counts.score).join() === "32,9", `replies by Top: ${replies.map(r => r.counts.score)}`);
expect(replies.filter(r => r.comment.updated).length === 1, "one reply is marked edited");
const firstLevel = check("GetCommentsResponse", "comment/list max_depth 1", await anon.getComments({ post_id: seed.post.id, max_depth: 1 }));
expect(firstLevel.comments.length === 1, `max_depth 1: ${firstLevel.comments.length} comments`);

// Vote on the seed post and its first comment.
const liked = check("PostResponse", "post/like", await me.likePost({ post_id: seed.post.id, score: 1 }));
expect(liked.post_view.counts.score === 44 && liked.post_view.my_vote === 1, `after the upvote ${JSON.stringify(liked.post_view.counts)}`);
const cliked = check("CommentResponse", "comment/like", await me.likeComment({ comment_id: top.comment.id, score: 1 }));
expect(cliked.comment_view.counts.score === 33 && cliked.comment_view.my_vote === 1, "comment upvote");

// Subscribe to a local community, post there, comment and reply.
const tech = check("GetCommunityResponse", "GET community", await anon.getCommunity({ name: "technology" }));
const followed = check("CommunityResponse", "community/follow", await me.followCommunity({ community_id: tech.community_view.community.id, follow: true }));
expect(followed.community_view.subscribed === "Subscribed", `subscribed: ${followed.community_view.subscribed}`);
check("ListCommunitiesResponse", "community/list", await me.listCommunities({ type_: "Subscribed" }));
const post = check("PostResponse", "POST post", await me.createPost({ name: "Written in an app", community_id: tech.community_view.community.id, body: "Hello from lemmy-js-client" }));
expect(post.post_view.my_vote === 1 && post.post_view.subscribed === "Subscribed", "new post: my_vote or subscribed");
const comment = check("CommentResponse", "POST comment", await me.createComment({ post_id: post.post_view.post.id, content: "A comment" }));
const reply = check("CommentResponse", "POST comment reply", await me.createComment({ post_id: post.post_view.post.id, parent_id: comment.comment_view.comment.id, content: "A reply" }));
expect(reply.comment_view.comment.path === `0.${comment.comment_view.comment.id}.${reply.comment_view.comment.id}`, `reply path ${reply.comment_view.comment.path}`);
check("PostResponse", "PUT post", await me.editPost({ post_id: post.post_view.post.id, body: "Edited in an app" }));
check("CommentResponse", "PUT comment", await me.editComment({ comment_id: reply.comment_view.comment.id, content: "An edited reply" }));
const subscribed = check("GetPostsResponse", "Subscribed listing", await me.getPosts({ type_: "Subscribed", sort: "New" }));
expect(subscribed.posts.some(p => p.post.id === post.post_view.post.id), "the new post is not in the Subscribed listing");
const thread = check("GetCommentsResponse", "the new thread", await anon.getComments({ post_id: post.post_view.post.id, max_depth: 8 }));
expect(thread.comments.length === 2 && thread.comments[0].counts.child_count === 1, "the new thread's nesting");
// Someone else answers appuser and mentions them: the inbox.
const friendReg = check("LoginResponse", "register a friend", await anon.register({ username: "appfriend", password, password_verify: password }));
const friend = new LemmyHttp(base, { headers: { Authorization: `Bearer ${friendReg.jwt}` } });
check("CommentResponse", "a friend's reply", await friend.createComment({ post_id: post.post_view.post.id,
  parent_id: comment.comment_view.comment.id, content: "Nice one" }));
check("CommentResponse", "a friend's mention", await friend.createComment({ post_id: seed.post.id, content: "What does @appuser think?" }));
const badge = check("GetUnreadCountResponse", "user/unread_count", await me.getUnreadCount());
expect(badge.replies === 1 && badge.mentions === 1, `unread: ${JSON.stringify(badge)}`);
const inbox = check("GetRepliesResponse", "user/replies", await me.getReplies({ sort: "New", unread_only: true }));
expect(inbox.replies.length === 1 && inbox.replies[0].creator.name === "appfriend", `replies: ${inbox.replies.length}`);
const mentions = check("GetPersonMentionsResponse", "user/mention", await me.getPersonMentions({ sort: "New" }));
expect(mentions.mentions.length === 1, `mentions: ${mentions.mentions.length}`);
check("GetRepliesResponse", "user/mark_all_as_read", await me.markAllAsRead());
const cleared = check("GetUnreadCountResponse", "user/unread_count after", await me.getUnreadCount());
expect(cleared.replies === 0 && cleared.mentions === 0, `unread after marking: ${JSON.stringify(cleared)}`);
const profile = check("GetPersonDetailsResponse", "GET user", await anon.getPersonDetails({ username: "appuser" }));
expect(profile.posts.length === 1 && profile.comments.length === 2 && profile.person_view.counts.comment_count === 2,
  `appuser's profile: ${profile.posts.length} posts, ${profile.comments.length} comments`);
const seedAuthor = check("GetPersonDetailsResponse", "GET user of another instance", await anon.getPersonDetails({ username: "pyongwatcher@lemmy.world" }));
expect(!seedAuthor.person_view.person.local, "pyongwatcher@lemmy.world is local");
check("PostReportResponse", "post/report", await friend.createPostReport({ post_id: post.post_view.post.id, reason: "testing reports" }));
check("CommentReportResponse", "comment/report", await friend.createCommentReport({ comment_id: comment.comment_view.comment.id, reason: "testing reports" }));
const fed = check("GetFederatedInstancesResponse", "federated_instances", await anon.getFederatedInstances());
expect(fed.federated_instances?.linked.some(i => i.domain === "lemmy.world"), "lemmy.world is not among the linked instances");
const found = check("SearchResponse", "search", await anon.search({ q: "diplomat", type_: "All" }));
expect(found.posts.some(p => p.post.id === seed.post.id), "search does not find the seed thread");
await refused("not_logged_in", "a vote without a token", () => anon.likePost({ post_id: seed.post.id, score: 1 }));

console.log(JSON.stringify(seen));
