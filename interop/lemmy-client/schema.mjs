// Makes JSON schemas from lemmy-js-client's own TypeScript types, so the
// test checks Tidings' answers against what the apps were compiled
// against: a field missing, misnamed or of the wrong type fails, and
// so does one the types do not have.
import { createGenerator } from "ts-json-schema-generator";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv from "ajv";

const require = createRequire(import.meta.url);

export function validators(typeNames) {
  const types = path.join(path.dirname(require.resolve("lemmy-js-client/package.json")), "dist", "index.d.ts");
  const generator = createGenerator({
    path: types,
    skipTypeCheck: true,
    additionalProperties: false,
    expose: "export",
    topRef: true,
  });
  const ajv = new Ajv({ allErrors: true, strict: false });
  const out = {};
  for (const name of typeNames) {
    out[name] = ajv.compile(generator.createSchema(name));
  }
  return out;
}

// checker returns check(type, what, value), which validates an answer
// against its type and returns it, for the scripts' every call.
export function checker(typeNames) {
  const v = validators(typeNames);
  return (type, what, value) => {
    if (!v[type](value)) {
      throw new Error(`${what}: the answer is not a ${type}: ${JSON.stringify(v[type].errors.slice(0, 5))}\n${JSON.stringify(value).slice(0, 2000)}`);
    }
    return value;
  };
}

export function expect(cond, what) {
  if (!cond) throw new Error(what);
}

// refused expects a call to fail with Lemmy's error code.
export async function refused(code, what, call) {
  try {
    await call();
  } catch (e) {
    expect(e.message === code, `${what}: refused with ${e.message}, want ${code}`);
    return;
  }
  throw new Error(`${what}: accepted, want ${code}`);
}

// eventually polls got() until it answers something true, for what
// another server does in its own time; it fails after the deadline.
export async function eventually(what, got, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const v = await got();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
