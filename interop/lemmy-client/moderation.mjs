// Moderates a live Tidings through lemmy-js-client 0.19, as the apps'
// moderator and admin screens do, and checks every answer against the
// JSON schema of its type in lemmy-js-client's own TypeScript types
// (schema.mjs). Run by moderation_test.go: `node moderation.mjs BASE_URL
// PASSWORD`, with the accounts boss (an admin), mod, writer and reporter
// made beforehand and sign-ups needing approval; it prints one line of
// JSON with what it saw and exits non-zero on the first failure.
import { LemmyHttp } from "lemmy-js-client";
import { checker, expect, refused } from "./schema.mjs";

const [base, password] = process.argv.slice(2);
if (!base || !password) {
  console.error("usage: node moderation.mjs BASE_URL PASSWORD");
  process.exit(2);
}

const check = checker([
  "LoginResponse", "CommunityResponse", "PostResponse", "CommentResponse", "PostReportResponse",
  "CommentReportResponse", "GetReportCountResponse", "ListPostReportsResponse", "ListCommentReportsResponse",
  "ListPrivateMessageReportsResponse", "BanFromCommunityResponse", "AddModToCommunityResponse", "GetModlogResponse",
  "GetUnreadRegistrationApplicationCountResponse", "ListRegistrationApplicationsResponse",
  "RegistrationApplicationResponse", "UploadImageResponse", "GetSiteMetadataResponse", "BanPersonResponse",
  "SuccessResponse",
]);




const anon = new LemmyHttp(base);
async function as(name) {
  const login = check("LoginResponse", `log in ${name}`, await anon.login({ username_or_email: name, password }));
  return new LemmyHttp(base, { headers: { Authorization: `Bearer ${login.jwt}` } });
}
const [boss, mod, writer, reporter] = [await as("boss"), await as("mod"), await as("writer"), await as("reporter")];
const seen = {};

// The moderator's community, with what the writer posts in it.
const created = check("CommunityResponse", "POST community", await mod.createCommunity({ name: "modtest", title: "Moderation test" }));
const community_id = created.community_view.community.id;
const p1 = check("PostResponse", "the first post", await writer.createPost({ community_id, name: "Buy cheap watches" }));
const p2 = check("PostResponse", "the second post", await writer.createPost({ community_id, name: "Rules of this community" }));
const c1 = check("CommentResponse", "a comment", await writer.createComment({ post_id: p2.post_view.post.id, content: "Rude words" }));
const post1 = p1.post_view.post.id, post2 = p2.post_view.post.id;

// A person reports a post and a comment; the moderator lists and resolves them.
check("PostReportResponse", "post/report", await reporter.createPostReport({ post_id: post1, reason: "spam" }));
check("CommentReportResponse", "comment/report", await reporter.createCommentReport({ comment_id: c1.comment_view.comment.id, reason: "rude" }));
const count = check("GetReportCountResponse", "user/report_count", await mod.getReportCount({ community_id }));
expect(count.post_reports === 1 && count.comment_reports === 1, `report count ${JSON.stringify(count)}`);
await refused("not_a_mod_or_admin", "a reporter reads the queue", () => reporter.listPostReports({}));
const postReports = check("ListPostReportsResponse", "post/report/list", await mod.listPostReports({ unresolved_only: true, community_id }));
expect(postReports.post_reports.length === 1 && postReports.post_reports[0].creator.name === "reporter" &&
  postReports.post_reports[0].post_creator.name === "writer", `post reports ${JSON.stringify(postReports).slice(0, 500)}`);
const commentReports = check("ListCommentReportsResponse", "comment/report/list", await mod.listCommentReports({ unresolved_only: true }));
expect(commentReports.comment_reports.length === 1, `comment reports: ${commentReports.comment_reports.length}`);
const pr = check("PostReportResponse", "post/report/resolve", await mod.resolvePostReport({ report_id: postReports.post_reports[0].post_report.id, resolved: true }));
expect(pr.post_report_view.post_report.resolved && pr.post_report_view.resolver?.name === "mod", "the post report is not resolved by mod");
const cr = check("CommentReportResponse", "comment/report/resolve", await mod.resolveCommentReport({ report_id: commentReports.comment_reports[0].comment_report.id, resolved: true }));
expect(cr.comment_report_view.comment_report.resolved, "the comment report is not resolved");
check("ListPrivateMessageReportsResponse", "private_message/report/list", await boss.listPrivateMessageReports({ unresolved_only: true }));

// The moderator removes one post, locks and pins the other, and bans the writer.
await refused("not_a_mod_or_admin", "the writer removes", () => writer.removePost({ post_id: post1, removed: true }));
const removed = check("PostResponse", "post/remove", await mod.removePost({ post_id: post1, removed: true, reason: "spam" }));
expect(removed.post_view.post.removed, "the post is not removed");
const locked = check("PostResponse", "post/lock", await mod.lockPost({ post_id: post2, locked: true }));
expect(locked.post_view.post.locked, "the post is not locked");
const pinned = check("PostResponse", "post/feature", await mod.featurePost({ post_id: post2, featured: true, feature_type: "Community" }));
expect(pinned.post_view.post.featured_community, "the post is not pinned");
await refused("locked", "a comment on the locked post", () => writer.createComment({ post_id: post2, content: "Still here" }));
const banned = check("BanFromCommunityResponse", "community/ban_user", await mod.banFromCommunity({ community_id,
  person_id: p1.post_view.creator.id, ban: true, reason: "spam", remove_data: false, expires: Math.floor(Date.now() / 1000) + 86400 }));
expect(banned.banned && banned.person_view.person.name === "writer", `ban ${JSON.stringify(banned)}`);
await refused("banned_from_community", "the banned writer posts", () => writer.createPost({ community_id, name: "Back again" }));
const reporterID = (await reporter.getSite()).my_user.local_user_view.person.id;
const mods = check("AddModToCommunityResponse", "community/mod", await mod.addModToCommunity({ community_id, person_id: reporterID, added: true }));
expect(mods.moderators.map(m => m.moderator.name).join() === "mod,reporter", `moderators ${mods.moderators.map(m => m.moderator.name)}`);

// Anyone reads the modlog.
const log = check("GetModlogResponse", "modlog", await anon.getModlog({ community_id }));
expect(log.removed_posts.some(e => e.post.id === post1 && e.mod_remove_post.removed && e.mod_remove_post.reason === "spam"), "the removal is not in the modlog");
expect(log.locked_posts.some(e => e.post.id === post2), "the lock is not in the modlog");
expect(log.featured_posts.some(e => e.post.id === post2 && e.mod_feature_post.is_featured_community), "the pin is not in the modlog");
expect(log.banned_from_community.some(e => e.banned_person.name === "writer"), "the ban is not in the modlog");
expect(log.added_to_community.some(e => e.modded_person.name === "reporter"), "the new moderator is not in the modlog");
const locks = check("GetModlogResponse", "modlog of locks", await anon.getModlog({ type_: "ModLockPost" }));
expect(locks.removed_posts.length === 0 && locks.locked_posts.length === 1, "type_ does not filter the modlog");
seen.modlog = Object.fromEntries(Object.entries(log).map(([k, a]) => [k, a.length]).filter(([, n]) => n > 0));

// The admin bans and unbans a person from the site, and purges the removed post.
const siteBan = check("BanPersonResponse", "user/ban", await boss.banPerson({ person_id: p1.post_view.creator.id, ban: true, reason: "spam" }));
expect(siteBan.banned && siteBan.person_view.person.banned, "the writer is not banned from the site");
check("BanPersonResponse", "user/ban lifted", await boss.banPerson({ person_id: p1.post_view.creator.id, ban: false }));
check("SuccessResponse", "admin/purge/post", await boss.purgePost({ post_id: post1, reason: "spam" }));
const purges = check("GetModlogResponse", "modlog of purges", await anon.getModlog({ type_: "AdminPurgePost" }));
expect(purges.admin_purged_posts.length === 1, "the purge is not in the modlog");

// An applicant signs up; the admin approves them, and they log in.
const applied = check("LoginResponse", "register with an answer", await anon.register({ username: "applicant", password,
  password_verify: password, answer: "I read the rules" }));
expect(!applied.jwt && applied.registration_created, `register: ${JSON.stringify(applied)}`);
await refused("not_an_admin", "a moderator reads the applications", () => mod.listRegistrationApplications({}));
const pending = check("GetUnreadRegistrationApplicationCountResponse", "registration_application/count",
  await boss.getUnreadRegistrationApplicationCount());
expect(pending.registration_applications === 1, `pending: ${pending.registration_applications}`);
const apps = check("ListRegistrationApplicationsResponse", "registration_application/list",
  await boss.listRegistrationApplications({ unread_only: true }));
const app = apps.registration_applications.find(a => a.creator.name === "applicant");
expect(app && app.registration_application.answer === "I read the rules", "the application is not listed");
const approved = check("RegistrationApplicationResponse", "registration_application/approve",
  await boss.approveRegistrationApplication({ id: app.registration_application.id, approve: true }));
expect(approved.registration_application.creator_local_user.accepted_application, "the application is not approved");
await as("applicant");

// An image: uploaded, seen, deleted with its token, gone.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAIElEQVR4nGJhYGgQYGAgHrGACFLAqIZRDUNHAyAAAP//JzoCodSoSlkAAAAASUVORK5CYII=", "base64");
const up = check("UploadImageResponse", "pictrs upload", await mod.uploadImage({ image: png }));
expect(up.msg === "ok" && up.url && up.delete_url && up.files?.length === 1, `upload ${JSON.stringify(up)}`);
const shown = await fetch(up.url);
expect(shown.ok && shown.headers.get("content-type").startsWith("image/"), `the upload is not served: ${shown.status}`);
const notImage = check("UploadImageResponse", "pictrs upload of text", await mod.uploadImage({ image: Buffer.from("not an image") }));
expect(notImage.msg !== "ok" && !notImage.url, `a text upload: ${JSON.stringify(notImage)}`);
expect(await mod.deleteImage({ token: up.files[0].delete_token, filename: up.files[0].file }), "the image was not deleted");
expect((await fetch(up.url)).status === 404, "the deleted image is still served");

// What a link says about itself, read as the post form does.
const meta = check("GetSiteMetadataResponse", "post/site_metadata", await mod.getSiteMetadata({ url: `${base}/post/${post2}` }));
expect(meta.metadata.title?.includes("Rules of this community"), `metadata ${JSON.stringify(meta)}`);
seen.metadata = meta.metadata.title;

console.log(JSON.stringify(seen));
