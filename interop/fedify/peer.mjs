// A Fedify server with one Person, driven by Tidings' Go interop test.
//
//   node peer.mjs HOST:PORT [USERNAME]
//
// It serves plain http on HOST:PORT (port 0 picks a free one) and speaks
// JSON lines: events on stdout, commands on stdin, logs on stderr.
//
// Events:
//   {"event":"ready","actor":URL,"origin":URL}
//   {"event":"inbox","type":T,"id":URL,"actor":URL,"keyId":URL,"keyOwner":URL,"activity":{...}}
//       an activity that Fedify's inbox accepted, so its HTTP signature
//       verified; keyId is the key that signed the request, checked again
//       with Fedify's verifyRequest; activity is the body as received.
//   {"event":"refused","path":P,"status":N,"body":S,"activity":{...}}
//       an inbox POST that Fedify answered with an error.
//   {"event":"done","id":ID,...} / {"event":"failed","id":ID,"error":S}
//       the outcome of a command.
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
  Accept, Announce, Create, Endpoints, Follow, Like, Note, Person, Reject, Source, Undo,
  PUBLIC_COLLECTION, getDocumentLoader,
} = await import("@fedify/fedify");

const [listen, username = "alice"] = process.argv.slice(2);
if (!listen || !/^[^:]+:\d+$/.test(listen)) {
  console.error("usage: node peer.mjs HOST:PORT [USERNAME]");
  process.exit(2);
}

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
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
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
  });
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, report)
  .on(Reject, report)
  .on(Announce, report)
  .on(Create, report)
  .on(Undo, report)
  .onError((_ctx, error) => {
    console.error("inbox listener failed:", error);
  });

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
        received.set(activity.id, { body: activity, keyId: key?.id?.href, keyOwner: key?.ownerId?.href });
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

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const ops = { follow: (cmd) => follow(cmd.target), reply, like };

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
