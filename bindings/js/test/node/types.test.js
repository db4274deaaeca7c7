// The TypeScript declarations (js/index.d.ts) describe what the package really exports and
// returns: every declared export exists and every export is declared; the decision and options
// interfaces have exactly the properties of the JSON Schemas the library publishes
// (schemas/*.schema.json, which the workspace's tests keep current), optional exactly where the
// schema does not require them; and real decisions and options carry only declared fields.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../js/node.js';

const declarations = readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const schema = (name) => JSON.parse(readFileSync(join(root, `schemas/${name}.schema.json`), 'utf8'));

// The fields of an interface: for each, whether it is optional (`name?:`) and its type's text.
function fields(name) {
  const start = declarations.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} is declared`);
  const body = declarations.slice(start, declarations.indexOf('\n}', start));
  const found = new Map();
  for (const [, field, optional, type] of body.matchAll(/^ {2}(\w+)(\??): (.*);$/gm)) found.set(field, { optional: optional === '?', type });
  return found;
}

// The schema's root is named by its title, except where the package has always had its own name.
const interfaceName = { DecisionReport: 'Decision' };

// What a property's TypeScript type must mention for its schema: the interface of each object
// definition it refers to, `boolean`, `number` for integers and numbers, `[]` for arrays, and
// `null` when the schema allows it.
function mentions(property, defs) {
  const out = new Set();
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.$ref) {
      const name = node.$ref.replace('#/$defs/', '');
      if (defs[name]?.properties) out.add(interfaceName[name] ?? name);
      else if (name === 'Provider' || name === 'Method') out.add(name);
    }
    const types = [].concat(node.type ?? []);
    if (types.includes('boolean')) out.add('boolean');
    if (types.includes('integer')) out.add('number');
    if (types.includes('array')) out.add('[]');
    if (types.includes('null')) out.add('null');
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of node[key] ?? []) walk(sub);
    walk(node.items);
  };
  walk(property);
  // An amount is a number or a decimal string: the `Amount` type.
  const anyOf = property.anyOf ?? [];
  if (anyOf.some((s) => s.type === 'number') && anyOf.some((s) => s.type === 'string')) out.add('Amount');
  return out;
}

function compare(name, node, defs) {
  const declared = fields(name);
  const required = new Set(node.required ?? []);
  const problems = [];
  for (const [field, property] of Object.entries(node.properties)) {
    const decl = declared.get(field);
    if (!decl) {
      problems.push(`${name}.${field} is in the schema, not in index.d.ts`);
      continue;
    }
    // Not required: absent (`?`), or always present but possibly null (`T | null`).
    if (required.has(field) && decl.optional) problems.push(`${name}.${field} is required by the schema but optional in index.d.ts`);
    if (!required.has(field) && !decl.optional && !decl.type.includes('null')) problems.push(`${name}.${field} is not required by the schema: declare it optional or nullable`);
    for (const word of mentions(property, defs)) {
      if (!decl.type.includes(word)) problems.push(`${name}.${field}: \`${decl.type}\` does not mention \`${word}\``);
    }
  }
  for (const field of declared.keys()) if (!(field in node.properties)) problems.push(`${name}.${field} is in index.d.ts, not in the schema`);
  return problems;
}

for (const file of ['decision', 'options']) {
  test(`the ${file} types are the ${file} schema's`, () => {
    const { $defs: defs, ...rootNode } = schema(file);
    const problems = compare(interfaceName[rootNode.title] ?? rootNode.title, rootNode, defs);
    let objects = 0;
    for (const [name, def] of Object.entries(defs)) {
      if (!def.properties) continue;
      problems.push(...compare(name, def, defs));
      objects += 1;
    }
    assert.deepEqual(problems, []);
    assert.ok(objects >= 8, `${objects} object definitions in ${file}.schema.json`);
  });
}

test('the declared exports are the exports', () => {
  const declared = [...declarations.matchAll(/^export (?:class|function|const) (\w+)/gm)].map(([, name]) => name).sort();
  assert.deepEqual(declared, Object.keys(pkg).sort());
});

const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

// Every key of `value` is declared in `name`, and every non-optional field is there.
function conforms(name, value, where) {
  const declared = fields(name);
  for (const key of Object.keys(value)) assert.ok(declared.has(key), `${where}: \`${key}\` is not declared in ${name}`);
  for (const [key, { optional }] of declared) if (!optional) assert.ok(key in value, `${where}: \`${key}\` is missing from ${name}`);
  return Object.keys(value);
}

test('decisions have the fields the Decision interface declares', () => {
  const seen = new Set();
  for (const file of walk(join(root, 'examples/cases'))) {
    const parts = pkg.readCase(readFileSync(file, 'utf8'));
    const decision = pkg.decide({ payment: parts.payment, request: parts.request, merchant: parts.merchant, now: parts.now });
    for (const key of conforms('Decision', decision, file)) seen.add(key);
    for (const r of decision.reasons) conforms('ReasonEntry', r, file);
  }
  // Every declared field shows up in some example decision.
  assert.deepEqual([...fields('Decision').keys()].filter((k) => !seen.has(k)), []);
});

test('options have the fields the OptionsReport interface declares', () => {
  const seen = new Set();
  for (const file of walk(join(root, 'examples/cases'))) {
    const parts = pkg.readCase(readFileSync(file, 'utf8'));
    const options = pkg.options({ payment: parts.payment, merchant: parts.merchant, now: parts.now });
    for (const key of conforms('OptionsReport', options, file)) seen.add(key);
    conforms('PartialEntry', options.partial, file);
    if (options.deadline) conforms('DeadlineEntry', options.deadline, file);
    if (options.processing) conforms('CompletionEntry', options.processing, file);
    for (const f of options.fields) conforms('FieldEntry', f, file);
  }
  assert.deepEqual([...fields('OptionsReport').keys()].filter((k) => !seen.has(k)), []);
});
