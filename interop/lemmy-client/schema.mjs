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
