// A Fedify server with one Person, driven by Tidings' Go interop test.
//
//   node peer.mjs HOST:PORT [USERNAME [STYLE]]
//
// It serves plain http on HOST:PORT (port 0 picks a free one) and speaks
// JSON lines: events on stdout, commands on stdin, logs on stderr.
//
// STYLE is "lemmy" (the default): a forum user, with a shared inbox, who
// reads a community's Announce of a Create. Or "microblog": a person on a
// server like Mastodon or GoToSocial, with no shared inbox (as on
// GoToSocial), who follows a community as it follows a person and shows
// only what it can verify: a boost (an Announce) of an object it fetches by
// its id from the object's own server, an Update or Delete of what it
// shows signed by the object's author and confirmed by fetching it again
// (the new text, or a 404 or 410), and a status that mentions it.
//
// Events:
//   {"event":"ready","actor":URL,"origin":URL}
//   {"event":"inbox","type":T,"id":URL,"actor":URL,"keyId":URL,"keyOwner":URL,"activity":{...},"path":P}
//       an activity that Fedify's inbox accepted, so its HTTP signature
//       verified; keyId is the key that signed the request, checked again
//       with Fedify's verifyRequest; activity is the body as received, and
//       path the inbox it was POSTed to.
//   {"event":"refused","path":P,"status":N,"body":S,"activity":{...}}
//       an inbox POST that Fedify answered with an error.
//   {"event":"done","id":ID,...} / {"event":"failed","id":ID,"error":S}
//       the outcome of a command.
//   {"event":"shown","kind":K,"object":URL,"signer":URL,...}
//       (microblog) what the person now shows: kind "boost" (with "by", the
//       booster, and "author", "name", "content" as fetched), "unboost"
//       (a boost its booster took back, with "by"), "update" (the new
//       "name" and "content"), "delete" (with the "status" the refetch got)
//       or "mention" (a status that mentions the person, with "author",
//       "inReplyTo", "name" of the Mention tag and "content").
//   {"event":"ignored","type":T,"activityId":URL,"reason":S}
//       (microblog) an activity the person's server took but shows nothing
//       of, and why.
// Commands:
//   {"id":ID,"op":"follow","target":URL}
//       look the actor up by URL and send it a Follow; done has "follow",
//       the Follow as sent (without its proofs).
//   {"id":ID,"op":"reply","community":URL,"inReplyTo":URL,"content":TEXT}
//       send the community a Create of a Note replying to inReplyTo, the way
//       Lemmy addresses a comment; done has "create" and "note" (the ids).
//   {"id":ID,"op":"like","community":URL,"object":URL}
//       send the community a Like of object (a post or comment in it), the
//       way Lemmy votes: to the community's inbox, with audience the
//       community; done has "like" (its id).
//   {"id":ID,"op":"status","inReplyTo":URL,"content":TEXT}
//       reply to the post or comment inReplyTo the way Mastodon does: a Note
//       to Public, cc the object's author, with a Mention of the author,
//       sent to the author's own inbox; done has "create" and "note".
//   {"id":ID,"op":"message","to":URL,"content":TEXT}
//       write to the person to privately, the way Mastodon sends a direct
//       message: a Note addressed to them alone (no Public, no followers),
//       with a Mention of them, sent to their own inbox; done has "create"
//       and "note".
//   {"id":ID,"op":"dereference","url":URL}
//       GET url as ActivityStreams JSON, unsigned and uncached; done has
//       "status" and "object", the id of the document answered.
import { Temporal } from "@js-temporal/polyfill";
// Fedify reads the global Temporal as soon as it loads, and Node 20 has
// none, so it must be set before Fedify is imported.
globalThis.Temporal ??= Temporal;

import http from "node:http";
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import { configure, getStreamSink } from "@logtape/logtape";
import { Writable } from "node:stream";

const {
  createFederation, MemoryKvStore, generateCryptoKeyPair, verifyRequest,
  Accept, Announce, Create, Delete, Endpoints, Follow, Like, Mention, Note, Person, Reject, Source, Undo, Update,
  PUBLIC_COLLECTION, getDocumentLoader,
} = await import("@fedify/fedify");

const [listen, username = "alice", style = "lemmy"] = process.argv.slice(2);
if (!listen || !/^[^:]+:\d+$/.test(listen) || !["lemmy", "microblog"].includes(style)) {
  console.error("usage: node peer.mjs HOST:PORT [USERNAME [lemmy|microblog]]");
  process.exit(2);
}
const microblog = style === "microblog";

await configure({
  sinks: { stderr: getStreamSink(Writable.toWeb(process.stderr)) },
  loggers: [
    { category: "fedify", lowestLevel: process.env.FEDIFY_LOG_LEVEL ?? "info", sinks: ["stderr"] },
    { category: ["logtape", "meta"], lowestLevel: "error", sinks: ["stderr"] },
  ],
});

function emit(event) {
  process.stdout.write(JSON.stringify(event) + "\n");
}

// Lemmy and Tidings sign with RSA keys; Fedify signs HTTP requests only
// with RSASSA-PKCS1-v1_5.
const rsa = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");

// No message queue: Fedify then delivers inside sendActivity, so a
// command's outcome is known when it returns, and runs inbox listeners
// before it answers the POST.
const federation = createFederation({
  kv: new MemoryKvStore(),
  allowPrivateAddress: true,
});

// Loopback is private, so Fedify's own loader refuses it unless told.
const documentLoader = getDocumentLoader({ allowPrivateAddress: true });

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== username) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: `${identifier} (Fedify)`,
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      // GoToSocial's accounts have no shared inbox.
      endpoints: microblog ? null : new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === username ? [rsa] : []));

// The notes alice writes, so that their ids can be fetched.
const notes = new Map();
federation.setObjectDispatcher(Note, "/users/{identifier}/notes/{id}", (_ctx, values) =>
  values.identifier === username ? (notes.get(values.id) ?? null) : null);

// What verifyRequest found for each inbox POST, by activity id, for the
// listener to report.
const received = new Map();

async function report(ctx, activity) {
  const seen = received.get(activity.id?.href) ?? {};
  emit({
    event: "inbox",
    type: activity.constructor.typeId.href.replace("https://www.w3.org/ns/activitystreams#", ""),
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    keyId: seen.keyId ?? null,
    keyOwner: seen.keyOwner ?? null,
    activity: seen.body ?? null,
    path: seen.path ?? null,
  });
}

// then runs after report, for the microblog person.
function reportThen(then) {
  return async (ctx, activity) => {
    await report(ctx, activity);
    if (microblog) await then(activity, received.get(activity.id?.href) ?? {});
  };
}

federation
  .setInboxListeners("/users/{identifier}/inbox", ...(microblog ? [] : ["/inbox"]))
  .on(Accept, report)
  .on(Reject, report)
  .on(Announce, reportThen(showBoost))
  .on(Create, reportThen(showMention))
  .on(Update, reportThen(showUpdate))
  .on(Delete, reportThen(showDeletion))
  .on(Undo, reportThen(showUnboost))
  .onError((_ctx, error) => {
    console.error("inbox listener failed:", error);
  });

// What the microblog person shows, by object id: { author, name, content }.
const shown = new Map();

// The boosts shown, by the Announce's id: { object, by }.
const boosts = new Map();

const activityTypes = new Set(["Create", "Update", "Delete", "Announce", "Like", "Dislike", "Undo", "Follow",
  "Accept", "Reject", "Add", "Remove", "Block", "Lock", "Flag"]);

function ignore(activity, reason) {
  emit({
    event: "ignored",
    type: activity.constructor.typeId.href.replace("https://www.w3.org/ns/activitystreams#", ""),
    activityId: activity.id?.href ?? null,
    reason,
  });
}

// fetchObject GETs url as ActivityStreams JSON, as a microblog server
// fetches what it is told of: unsigned (Tidings wants no signed fetch) and
// not from Fedify's document cache, which would answer the old text.
async function fetchObject(url) {
  const res = await fetch(url, { headers: { accept: "application/activity+json" }, redirect: "manual" });
  let doc = null;
  try {
    doc = await res.json();
  } catch {
    doc = null;
  }
  return { status: res.status, doc };
}

function idOf(value) {
  return typeof value === "string" ? value : (value?.id ?? null);
}

function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

// showBoost shows the object of an Announce as the announcer's boost, once
// it has fetched the object by its id from the object's own server.
// Mastodon makes nothing of an Announce of an activity (FEP-1b12).
async function showBoost(announce, seen) {
  const object = seen.body?.object;
  if (object != null && typeof object === "object" && activityTypes.has(object.type)) {
    return ignore(announce, `an Announce of a ${object.type}`);
  }
  const id = idOf(object);
  if (id == null) return ignore(announce, "an Announce of nothing");
  const { status, doc } = await fetchObject(id);
  if (status !== 200 || doc?.id !== id) return ignore(announce, `GET ${id} answered ${status} with id ${doc?.id}`);
  const author = idOf(doc.attributedTo);
  if (author == null || !sameOrigin(author, id)) return ignore(announce, `${id} is attributed to ${author}`);
  shown.set(id, { author, name: doc.name ?? null, content: doc.content ?? null });
  if (announce.id != null) boosts.set(announce.id.href, { object: id, by: announce.actorId?.href ?? null });
  emit({
    event: "shown", kind: "boost", object: id, by: announce.actorId?.href ?? null, signer: seen.keyOwner ?? null,
    author, name: doc.name ?? null, content: doc.content ?? null,
  });
}

// showUnboost takes back a boost when its booster undoes it, signed, as
// Mastodon does: the Announce undone is found by its id alone.
async function showUnboost(undo, seen) {
  const inner = seen.body?.object;
  if (inner == null || typeof inner !== "object" || inner.type !== "Announce") {
    return ignore(undo, `an Undo of a ${typeof inner === "object" ? inner?.type : "bare id"}`);
  }
  const boost = boosts.get(inner.id);
  if (boost == null) return ignore(undo, `${inner.id} is no boost shown`);
  if (seen.keyOwner !== boost.by) return ignore(undo, `signed by ${seen.keyOwner}, not the booster ${boost.by}`);
  boosts.delete(inner.id);
  emit({ event: "shown", kind: "unboost", object: boost.object, by: boost.by, signer: seen.keyOwner });
}

// showMention shows a status that mentions the person, when its author
// signed it.
async function showMention(create, seen) {
  const note = seen.body?.object;
  if (note == null || typeof note !== "object") return ignore(create, "a Create without its object");
  const me = context().getActorUri(username).href;
  const tag = [].concat(note.tag ?? []).find((t) => t?.type === "Mention" && t.href === me);
  if (tag == null) return ignore(create, `${note.id} does not mention ${me}`);
  const author = idOf(note.attributedTo);
  if (author !== seen.keyOwner) return ignore(create, `${note.id} is by ${author}, signed by ${seen.keyOwner}`);
  shown.set(note.id, { author, name: null, content: note.content ?? null });
  emit({
    event: "shown", kind: "mention", object: note.id, signer: seen.keyOwner, author,
    inReplyTo: idOf(note.inReplyTo), name: tag.name ?? null, content: note.content ?? null,
  });
}

// showUpdate applies an edit of something shown: only its author may
// change it, as in Mastodon, and the object's server must serve the new
// text.
async function showUpdate(update, seen) {
  const object = seen.body?.object;
  const id = idOf(object);
  const was = shown.get(id);
  if (was == null) return ignore(update, `${id} is not shown`);
  if (seen.keyOwner !== was.author) return ignore(update, `signed by ${seen.keyOwner}, not the author ${was.author}`);
  const { status, doc } = await fetchObject(id);
  if (status !== 200 || doc?.id !== id || doc.content !== object?.content || doc.name !== object?.name) {
    return ignore(update, `GET ${id} (${status}) does not serve the new text`);
  }
  Object.assign(was, { name: doc.name ?? null, content: doc.content ?? null });
  emit({ event: "shown", kind: "update", object: id, signer: seen.keyOwner, name: was.name, content: was.content });
}

// showDeletion stops showing something when its author deletes it and its
// server no longer serves it.
async function showDeletion(del, seen) {
  const id = idOf(seen.body?.object);
  const was = shown.get(id);
  if (was == null) return ignore(del, `${id} is not shown`);
  if (seen.keyOwner !== was.author) return ignore(del, `signed by ${seen.keyOwner}, not the author ${was.author}`);
  const { status } = await fetchObject(id);
  if (status !== 404 && status !== 410) return ignore(del, `GET ${id} still answers ${status}`);
  shown.delete(id);
  emit({ event: "shown", kind: "delete", object: id, signer: seen.keyOwner, status });
}

function isInbox(path) {
  return path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path);
}

// Node's http server to Fedify's fetch-style handler.
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host ?? listen}`);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(url, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    let activity = null;
    if (req.method === "POST" && isInbox(url.pathname)) {
      try {
        activity = JSON.parse(body.toString("utf8"));
      } catch {
        activity = null;
      }
      // Fedify's inbox checks the signature itself but does not tell its
      // listeners which key signed; ask the same function directly.
      const key = await verifyRequest(request.clone(), { documentLoader, contextLoader: documentLoader });
      if (activity?.id) {
        received.set(activity.id, { body: activity, keyId: key?.id?.href, keyOwner: key?.ownerId?.href, path: url.pathname });
      }
    }
    const response = await federation.fetch(request, { contextData: undefined });
    const text = await response.text();
    if (activity != null && response.status >= 300) {
      emit({ event: "refused", path: url.pathname, status: response.status, body: text, activity });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(text);
  } catch (error) {
    console.error("request failed:", error);
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("internal error\n");
  }
});

const [host, port] = [listen.slice(0, listen.lastIndexOf(":")), Number(listen.slice(listen.lastIndexOf(":") + 1))];
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, host, resolve);
});
const origin = `http://${host}:${server.address().port}`;
const context = () => federation.createContext(new URL(origin), undefined);
emit({ event: "ready", origin, actor: context().getActorUri(username).href });

async function follow(target) {
  const ctx = context();
  const actor = await ctx.lookupObject(target);
  if (actor == null || actor.inboxId == null) throw new Error(`${target} is not an actor with an inbox`);
  const activity = new Follow({
    id: new URL(`/users/${username}/follows/${randomUUID()}`, origin),
    actor: ctx.getActorUri(username),
    object: actor.id,
    to: actor.id,
  });
  await ctx.sendActivity({ identifier: username }, actor, activity);
  return { follow: await activity.toJsonLd({ contextLoader: documentLoader }) };
}

async function reply({ community, inReplyTo, content }) {
  const ctx = context();
  const group = await ctx.lookupObject(community);
  if (group == null || group.inboxId == null) throw new Error(`${community} is not an actor with an inbox`);
  const id = randomUUID();
  const note = new Note({
    id: ctx.getObjectUri(Note, { identifier: username, id }),
    // Fedify calls attributedTo "attribution".
    attribution: ctx.getActorUri(username),
    content: `<p>${escapeHTML(content)}</p>`,
    source: new Source({ content, mediaType: "text/markdown" }),
    replyTarget: new URL(inReplyTo),
    to: PUBLIC_COLLECTION,
    cc: group.id,
    audience: group.id,
    published: Temporal.Now.instant(),
  });
  notes.set(id, note);
  const create = new Create({
    id: new URL(`/users/${username}/notes/${id}/create`, origin),
    actor: ctx.getActorUri(username),
    object: note,
    to: PUBLIC_COLLECTION,
    cc: group.id,
    audience: group.id,
  });
  await ctx.sendActivity({ identifier: username }, group, create);
  return { create: create.id.href, note: note.id.href };
}

async function like({ community, object }) {
  const ctx = context();
  const group = await ctx.lookupObject(community);
  if (group == null || group.inboxId == null) throw new Error(`${community} is not an actor with an inbox`);
  const activity = new Like({
    id: new URL(`/users/${username}/likes/${randomUUID()}`, origin),
    actor: ctx.getActorUri(username),
    object: new URL(object),
    audience: group.id,
  });
  await ctx.sendActivity({ identifier: username }, group, activity);
  return { like: activity.id.href };
}

async function replyLikeMastodon({ inReplyTo, content }) {
  const ctx = context();
  const { status: code, doc } = await fetchObject(inReplyTo);
  if (code !== 200) throw new Error(`GET ${inReplyTo}: ${code}`);
  const author = await ctx.lookupObject(idOf(doc.attributedTo), { documentLoader });
  if (author == null || author.inboxId == null) throw new Error(`the author of ${inReplyTo} is not an actor with an inbox`);
  const handle = `@${author.preferredUsername}@${author.id.host}`;
  const id = randomUUID();
  const note = new Note({
    id: ctx.getObjectUri(Note, { identifier: username, id }),
    attribution: ctx.getActorUri(username),
    content: `<p><span class="h-card"><a href="${escapeHTML(author.id.href)}" class="u-url mention">` +
      `@<span>${escapeHTML(author.preferredUsername)}</span></a></span> ${escapeHTML(content)}</p>`,
    replyTarget: new URL(inReplyTo),
    to: PUBLIC_COLLECTION,
    cc: author.id,
    tags: [new Mention({ href: author.id, name: handle })],
    published: Temporal.Now.instant(),
  });
  notes.set(id, note);
  const create = new Create({
    id: new URL(`/users/${username}/notes/${id}/create`, origin),
    actor: ctx.getActorUri(username),
    object: note,
    to: PUBLIC_COLLECTION,
    cc: author.id,
  });
  // Fedify sends to the author's own inbox unless asked to prefer the
  // shared one, as Mastodon does for a direct reply.
  await ctx.sendActivity({ identifier: username }, author, create);
  return { create: create.id.href, note: note.id.href };
}

async function directMessage({ to, content }) {
  const ctx = context();
  const person = await ctx.lookupObject(to, { documentLoader });
  if (person == null || person.inboxId == null) throw new Error(`${to} is not an actor with an inbox`);
  const handle = `@${person.preferredUsername}@${person.id.host}`;
  const id = randomUUID();
  const note = new Note({
    id: ctx.getObjectUri(Note, { identifier: username, id }),
    attribution: ctx.getActorUri(username),
    content: `<p><span class="h-card"><a href="${escapeHTML(person.id.href)}" class="u-url mention">` +
      `@<span>${escapeHTML(person.preferredUsername)}</span></a></span> ${escapeHTML(content)}</p>`,
    to: person.id,
    tags: [new Mention({ href: person.id, name: handle })],
    published: Temporal.Now.instant(),
  });
  notes.set(id, note);
  const create = new Create({
    id: new URL(`/users/${username}/notes/${id}/create`, origin),
    actor: ctx.getActorUri(username),
    object: note,
    to: person.id,
  });
  await ctx.sendActivity({ identifier: username }, person, create);
  return { create: create.id.href, note: note.id.href };
}

async function dereference({ url }) {
  const { status: code, doc } = await fetchObject(url);
  return { status: code, object: doc?.id ?? null };
}

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const ops = {
  follow: (cmd) => follow(cmd.target), reply, like, status: replyLikeMastodon, message: directMessage, dereference,
};

readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (error) {
    emit({ event: "failed", id: null, error: `not JSON: ${error.message}` });
    return;
  }
  try {
    const op = ops[cmd.op];
    if (op == null) throw new Error(`unknown op ${JSON.stringify(cmd.op)}`);
    emit({ event: "done", id: cmd.id, ...(await op(cmd)) });
  } catch (error) {
    emit({ event: "failed", id: cmd.id, error: String(error?.stack ?? error) });
  }
}).on("close", () => {
  // The test closes stdin to stop us.
  server.close();
  process.exit(0);
});
