// Drives two live Tidings instances through lemmy-js-client 0.19 with
// what is one's own: saved posts and comments, read marks, blocks of
// people, communities and instances, private messages, replies and
// mentions, and a community of the second instance found with
// resolve_object, followed, and read. Every answer is checked against
// its type in lemmy-js-client's TypeScript types (schema.mjs). Run by
// personal_test.go: `node personal.mjs URL_A URL_B`, where A has a local
// community "home" and B a community "faraway" with a post by "bea".
import { LemmyHttp } from "lemmy-js-client";
import { checker, eventually, expect, refused } from "./schema.mjs";

const [base, remoteBase] = process.argv.slice(2);
if (!base || !remoteBase) {
  console.error("usage: node personal.mjs URL_A URL_B");
  process.exit(2);
}
const remoteHost = new URL(remoteBase).host;

const check = checker([
  "LoginResponse", "GetSiteResponse", "GetCommunityResponse", "PostResponse", "CommentResponse",
  "GetPostsResponse", "GetCommentsResponse", "GetPersonDetailsResponse", "SuccessResponse",
  "BlockPersonResponse", "BlockCommunityResponse", "BlockInstanceResponse", "PrivateMessageResponse",
  "PrivateMessagesResponse", "GetUnreadCountResponse", "GetRepliesResponse", "GetPersonMentionsResponse",
  "ResolveObjectResponse", "CommunityResponse", "GetCaptchaResponse", "GetFederatedInstancesResponse",
  "GetPostResponse",
]);
const password = "a long enough password";
const anon = new LemmyHttp(base);
const seen = {};

async function account(name) {
  const reg = check("LoginResponse", `register ${name}`, await anon.register({ username: name, password, password_verify: password }));
  expect(reg.jwt, `register ${name}: no jwt`);
  return new LemmyHttp(base, { headers: { Authorization: `Bearer ${reg.jwt}` } });
}
const me = await account("reader");
const pal = await account("pal");
const myID = check("GetSiteResponse", "GET site", await me.getSite()).my_user.local_user_view.person.id;
const palID = check("GetSiteResponse", "GET site as pal", await pal.getSite()).my_user.local_user_view.person.id;
check("GetCaptchaResponse", "get_captcha", await anon.getCaptcha());

const home = check("GetCommunityResponse", "GET community", await anon.getCommunity({ name: "home" })).community_view.community;
const post = check("PostResponse", "pal posts", await pal.createPost({ name: "Pal's post", community_id: home.id, body: "Read me" })).post_view.post;
const myComment = check("CommentResponse", "reader comments", await me.createComment({ post_id: post.id, content: "First" })).comment_view.comment;
const palComment = check("CommentResponse", "pal replies", await pal.createComment({ post_id: post.id, parent_id: myComment.id,
  content: "An answer" })).comment_view.comment;
const palMention = check("CommentResponse", "pal mentions reader", await pal.createComment({ post_id: post.id,
  content: "What does @reader think?" })).comment_view.comment;

// Saving a post and a comment; saved_only lists them, and only them.
const savedPost = check("PostResponse", "post/save", await me.savePost({ post_id: post.id, save: true }));
expect(savedPost.post_view.saved, "post/save: saved is false");
const savedComment = check("CommentResponse", "comment/save", await me.saveComment({ comment_id: palComment.id, save: true }));
expect(savedComment.comment_view.saved, "comment/save: saved is false");
const savedPosts = check("GetPostsResponse", "post/list saved_only", await me.getPosts({ saved_only: true }));
expect(savedPosts.posts.length === 1 && savedPosts.posts[0].post.id === post.id && savedPosts.posts[0].saved, `saved_only posts: ${savedPosts.posts.length}`);
const savedComments = check("GetCommentsResponse", "comment/list saved_only", await me.getComments({ saved_only: true }));
expect(savedComments.comments.length === 1 && savedComments.comments[0].comment.id === palComment.id, `saved_only comments: ${savedComments.comments.length}`);
const savedProfile = check("GetPersonDetailsResponse", "user saved_only", await me.getPersonDetails({ person_id: myID, saved_only: true }));
expect(savedProfile.posts.length === 1 && savedProfile.comments.length === 1, "user saved_only: not the saved post and comment");
const palSaved = check("GetPostsResponse", "pal's saved_only", await pal.getPosts({ saved_only: true }));
expect(palSaved.posts.length === 0, "pal sees reader's saved posts");
seen.saved = { posts: savedPosts.posts.length, comments: savedComments.comments.length };

// Reading: marked read, a post has no unread comments until a new one.
const before = check("GetPostsResponse", "post/list before reading", await me.getPosts({ sort: "New" })).posts.find(p => p.post.id === post.id);
expect(!before.read && before.unread_comments === 3, `before reading: read ${before.read}, unread ${before.unread_comments}`);
check("SuccessResponse", "post/mark_as_read", await me.markPostAsRead({ post_ids: [post.id], read: true }));
const after = check("GetPostsResponse", "post/list after reading", await me.getPosts({ sort: "New" })).posts.find(p => p.post.id === post.id);
expect(after.read && after.unread_comments === 0, `after reading: read ${after.read}, unread ${after.unread_comments}`);
check("CommentResponse", "pal comments again", await pal.createComment({ post_id: post.id, content: "Something new" }));
const newer = check("GetPostResponse", "GET post", await anon.getPost({ id: post.id })).post_view;
expect(newer.counts.comments === 4, `comments: ${newer.counts.comments}`);
const unreadOne = check("GetPostsResponse", "post/list after a new comment", await me.getPosts({ sort: "New" })).posts.find(p => p.post.id === post.id);
expect(unreadOne.unread_comments === 1, `after a new comment: unread ${unreadOne.unread_comments}`);
await refused("couldnt_hide_post", "post/hide", () => me.hidePost({ post_ids: [post.id], hide: true }));
seen.unread_comments = unreadOne.unread_comments;

// Replies and mentions reach the reader, and are marked read.
const badge = check("GetUnreadCountResponse", "user/unread_count", await me.getUnreadCount());
expect(badge.replies === 1 && badge.mentions === 1, `unread: ${JSON.stringify(badge)}`);
const replies = check("GetRepliesResponse", "user/replies", await me.getReplies({ sort: "New", unread_only: true }));
expect(replies.replies.length === 1 && replies.replies[0].comment.id === palComment.id, `replies: ${replies.replies.length}`);
const mentions = check("GetPersonMentionsResponse", "user/mention", await me.getPersonMentions({ sort: "New", unread_only: true }));
expect(mentions.mentions.length === 1 && mentions.mentions[0].comment.id === palMention.id, `mentions: ${mentions.mentions.length}`);

// Private messages between the two, read and marked read.
const sent = check("PrivateMessageResponse", "private_message", await me.createPrivateMessage({ recipient_id: palID, content: "Hello, pal" }));
const pm = sent.private_message_view.private_message;
expect(pm.content === "Hello, pal" && !pm.read && sent.private_message_view.recipient.name === "pal", "the sent message");
check("PrivateMessageResponse", "edit the message", await me.editPrivateMessage({ private_message_id: pm.id, content: "Hello, dear pal" }));
const palBadge = check("GetUnreadCountResponse", "pal's unread_count", await pal.getUnreadCount());
expect(palBadge.private_messages === 1, `pal's unread messages: ${palBadge.private_messages}`);
const palInbox = check("PrivateMessagesResponse", "pal's unread messages", await pal.getPrivateMessages({ unread_only: true }));
expect(palInbox.private_messages.length === 1 && palInbox.private_messages[0].private_message.content === "Hello, dear pal", "pal's inbox");
const marked = check("PrivateMessageResponse", "private_message/mark_as_read", await pal.markPrivateMessageAsRead({ private_message_id: pm.id, read: true }));
expect(marked.private_message_view.private_message.read, "the message is not read");
check("PrivateMessageResponse", "pal answers", await pal.createPrivateMessage({ recipient_id: myID, content: "Hi, reader" }));
const conversation = check("PrivateMessagesResponse", "the conversation", await me.getPrivateMessages({ creator_id: palID }));
expect(conversation.private_messages.length === 2, `the conversation: ${conversation.private_messages.length} messages`);
await refused("edit_private_message_not_allowed", "pal edits reader's message", () =>
  pal.editPrivateMessage({ private_message_id: pm.id, content: "mine" }));
check("GetRepliesResponse", "user/mark_all_as_read", await me.markAllAsRead());
const cleared = check("GetUnreadCountResponse", "unread_count after marking all", await me.getUnreadCount());
expect(cleared.replies === 0 && cleared.mentions === 0 && cleared.private_messages === 0, `after marking all: ${JSON.stringify(cleared)}`);
seen.messages = conversation.private_messages.length;

// Blocking pal hides their posts; blocking the community hides it.
const blocked = check("BlockPersonResponse", "user/block", await me.blockPerson({ person_id: palID, block: true }));
expect(blocked.blocked && blocked.person_view.person.name === "pal", "user/block");
const withoutPal = check("GetPostsResponse", "post/list without pal", await me.getPosts({ sort: "New" }));
expect(!withoutPal.posts.some(p => p.creator.id === palID), "pal's posts are still listed");
const myBlocks = check("GetSiteResponse", "GET site with blocks", await me.getSite()).my_user;
expect(myBlocks.person_blocks.length === 1 && myBlocks.person_blocks[0].target.id === palID, "my_user.person_blocks");
await refused("person_is_blocked", "a message from someone blocked", () => pal.createPrivateMessage({ recipient_id: myID, content: "Hi?" }));
check("BlockPersonResponse", "unblock pal", await me.blockPerson({ person_id: palID, block: false }));
const cblock = check("BlockCommunityResponse", "community/block", await me.blockCommunity({ community_id: home.id, block: true }));
expect(cblock.blocked && cblock.community_view.blocked, "community/block");
const withoutHome = check("GetPostsResponse", "post/list without home", await me.getPosts({ sort: "New", type_: "All" }));
expect(!withoutHome.posts.some(p => p.community.id === home.id), "home's posts are still listed");
expect(check("GetSiteResponse", "GET site", await me.getSite()).my_user.community_blocks.length === 1, "my_user.community_blocks");
check("BlockCommunityResponse", "unblock home", await me.blockCommunity({ community_id: home.id, block: false }));
await refused("cant_block_yourself", "blocking oneself", () => me.blockPerson({ person_id: myID, block: true }));

// A community on the second instance: resolved, followed, read.
await refused("couldnt_find_object", "resolve_object anonymous", () => anon.resolveObject({ q: `!faraway@${remoteHost}` }));
const resolved = check("ResolveObjectResponse", "resolve_object", await me.resolveObject({ q: `!faraway@${remoteHost}` }));
const faraway = resolved.community?.community;
expect(faraway && faraway.name === "faraway" && !faraway.local, `resolve_object: ${JSON.stringify(resolved)}`);
const followed = check("CommunityResponse", "follow faraway", await me.followCommunity({ community_id: faraway.id, follow: true }));
expect(followed.community_view.subscribed !== "NotSubscribed", `follow: ${followed.community_view.subscribed}`);
await eventually("the follow is accepted", async () =>
  check("GetCommunityResponse", "GET faraway", await me.getCommunity({ id: faraway.id })).community_view.subscribed === "Subscribed");
const farPosts = await eventually("faraway's post arrives", async () => {
  const page = check("GetPostsResponse", "faraway's posts", await me.getPosts({ community_id: faraway.id, sort: "New" }));
  return page.posts.some(p => p.creator.name === "bea") && page;
});
const subscribed = check("GetPostsResponse", "Subscribed listing", await me.getPosts({ type_: "Subscribed", sort: "New" }));
expect(subscribed.posts.some(p => p.community.id === faraway.id && p.subscribed === "Subscribed"), "faraway's post is not in the Subscribed listing");
const farPost = check("ResolveObjectResponse", "resolve_object of the post's URL", await me.resolveObject({ q: farPosts.posts[0].post.ap_id }));
expect(farPost.post?.post.id === farPosts.posts[0].post.id, "resolve_object of a known post's URL");

// Blocking the second instance hides its community's posts.
const instances = check("GetFederatedInstancesResponse", "federated_instances", await anon.getFederatedInstances());
const remote = instances.federated_instances.linked.find(i => i.domain === remoteHost);
expect(remote, `${remoteHost} is not linked`);
check("BlockInstanceResponse", "site/block", await me.blockInstance({ instance_id: remote.id, block: true }));
const withoutRemote = check("GetPostsResponse", "post/list without the instance", await me.getPosts({ type_: "All", sort: "New" }));
expect(!withoutRemote.posts.some(p => p.community.id === faraway.id), "the blocked instance's posts are still listed");
expect(check("GetSiteResponse", "GET site", await me.getSite()).my_user.instance_blocks[0]?.instance.domain === remoteHost, "my_user.instance_blocks");
check("BlockInstanceResponse", "site/unblock", await me.blockInstance({ instance_id: remote.id, block: false }));
seen.remote_posts = farPosts.posts.length;

console.log(JSON.stringify(seen));
